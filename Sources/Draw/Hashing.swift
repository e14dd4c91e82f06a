import Crypto
import Foundation

/// The SHA-256 of `data` in lowercase hex: the fingerprint a certificate
/// records for the plan file and each directory, so that a verifier can tell
/// whether it holds the very inputs the draw used.
public func sha256Hex(_ data: Data) -> String {
    hex(SHA256.hash(data: data))
}

/// Lowercase hex of bytes.
func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
}

/// SHA-256 fed piece by piece: a directory's canonical text or a file of
/// a gigabyte is hashed as it goes by, never held whole.
public struct SHA256Stream {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) { hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes)) }

    public mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }

    /// The digest of everything fed so far, in lowercase hex.
    public func hexDigest() -> String { hex(hasher.finalize()) }

    /// The first eight bytes of the SHA-256 of `bytes`, big-endian: the
    /// number whose 16 hex digits are the digest's first 16.
    public static func prefix64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0
        for byte in SHA256.hash(data: bytes).prefix(8) { value = value << 8 | UInt64(byte) }
        return value
    }
}
