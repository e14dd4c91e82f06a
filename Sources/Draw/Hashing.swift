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
