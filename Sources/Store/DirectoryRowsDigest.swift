import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rows_sha256` of a directory import (`RowDigest.directory`), computed as
/// the rows go by instead of over a list of them: the canonical text is
/// `Canonical("rows")` with the row count, then `key TAB json` per row in
/// UTF-8 byte order of keys, so the digest can be hashed in one pass only
/// when the count is known before the first row and the rows come in key
/// order. An import knows the count in advance when its files have no
/// blank or multi-line records (a newline count says how many), and gets
/// rows in order when its files are sorted by key, as registry exports
/// usually are; otherwise `value` is nil and the digest is computed again
/// from the stored rows, read back in key order.
struct DirectoryRowsDigest {
    private var hasher = SHA256()
    private let expected: Int?
    private(set) var count = 0
    /// The rows came in strictly increasing key order so far.
    private(set) var inOrder = true
    private var previous: [UInt8] = []

    /// `expected`: the row count announced before the rows (nil: unknown).
    init(expected: Int?) {
        self.expected = expected
        if let expected { Self.header(expected, into: &hasher) }
    }

    static func header(_ count: Int, into hasher: inout SHA256) {
        hasher.update(data: Array("rows\nrows#\(count)\n".utf8))
    }

    /// One row, in the order it is stored.
    mutating func add(key: UnsafeRawBufferPointer, json: UnsafeRawBufferPointer) {
        count += 1
        guard expected != nil, inOrder else { return }
        if count > 1 {
            let order = previous.withUnsafeBytes { Self.compare($0, key) }
            guard order < 0 else {
                inOrder = false
                return
            }
        }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: key)
        Self.line(key: key, json: json, into: &hasher)
    }

    /// `-=<length>:key TAB json LF`, as `Canonical.add` writes a line.
    static func line(key: UnsafeRawBufferPointer, json: UnsafeRawBufferPointer, into hasher: inout SHA256) {
        // `-=<length>:` written on the stack: ten million rows, no string each.
        var prefix: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &prefix) { buffer in
            buffer[0] = UInt8(ascii: "-")
            buffer[1] = UInt8(ascii: "=")
            var length = key.count + 1 + json.count
            var digits = 0
            repeat {
                digits += 1
                length /= 10
            } while length > 0
            length = key.count + 1 + json.count
            for i in stride(from: 1 + digits, through: 2, by: -1) {
                buffer[i] = UInt8(ascii: "0") + UInt8(length % 10)
                length /= 10
            }
            buffer[2 + digits] = UInt8(ascii: ":")
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<(3 + digits)]))
        }
        hasher.update(bufferPointer: key)
        hasher.update(data: tab)
        hasher.update(bufferPointer: json)
        hasher.update(data: newline)
    }

    private static let tab: [UInt8] = [0x09]
    private static let newline: [UInt8] = [0x0A]

    /// The digest, when the rows came in key order and as many as announced.
    var value: String? {
        guard inOrder, let expected, expected == count else { return nil }
        return Self.hex(hasher.finalize())
    }

    /// The digest of rows read back in key order: every row, counted first (`count`).
    static func ofOrdered(count: Int, _ rows: ((UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws -> Void) rethrows -> String {
        var hasher = SHA256()
        header(count, into: &hasher)
        try rows { key, json in line(key: key, json: json, into: &hasher) }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Byte order, as `memcmp` then length.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }
}
