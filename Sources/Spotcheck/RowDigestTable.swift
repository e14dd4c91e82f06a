import Draw

/// A directory's row digests (key → the first 16 hex digits of the SHA-256
/// of the row's canonical line), kept as a certificate needs them: sorted
/// by key bytes, keys packed in one buffer, digests as 64-bit numbers.
///
/// A `[String: String]` of a million rows costs two string buffers and a
/// table entry per row (about 200 MB), and ten million do not fit a
/// county's server; here a row costs its key's bytes and 16 bytes. A
/// digest that is not 16 lowercase hex digits (an edited certificate) is
/// kept as text on the side, so every certificate reads back exactly.
struct RowDigestTable: Sendable, Equatable {
    private var keyBytes: [UInt8] = []
    /// Key i is keyBytes[starts[i] ..< starts[i + 1]].
    private var starts: [Int] = [0]
    private var values: [UInt64] = []
    /// Digests that are not 16 lowercase hex digits, by row index.
    private var odd: [Int: String] = [:]

    init() {}

    /// From any dictionary (a decoded certificate): the keys packed, then
    /// put in byte order by `IDOrder` (sorting a million `String`s by
    /// their UTF-8 views takes seconds).
    init(_ dictionary: [String: String]) {
        var keys: [UInt8] = []
        var offsets: [Int] = [0]
        var digests: [String] = []
        offsets.reserveCapacity(dictionary.count + 1)
        digests.reserveCapacity(dictionary.count)
        for (key, digest) in dictionary {
            keys.append(contentsOf: key.utf8)
            offsets.append(keys.count)
            digests.append(digest)
        }
        let order = IDOrder.order(packed: keys, offsets: offsets).order
        reserve(digests.count, keyBytes: keys.count)
        keys.withUnsafeBytes { all in
            for n in 0..<digests.count {
                let i = order?[n] ?? n
                var digest = digests[i]
                digest.withUTF8 { appendDigest(key: UnsafeRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]]), text: UnsafeRawBufferPointer($0)) }
            }
        }
    }

    var count: Int { values.count }

    /// Appends a row whose key comes after every key so far (byte order).
    mutating func append(key: UnsafeRawBufferPointer, digest: UInt64) {
        keyBytes.append(contentsOf: key)
        starts.append(keyBytes.count)
        values.append(digest)
    }

    mutating func reserve(_ rows: Int, keyBytes bytes: Int) {
        values.reserveCapacity(rows)
        starts.reserveCapacity(rows + 1)
        keyBytes.reserveCapacity(bytes)
    }

    /// Appends a row whose key comes after every key so far, with its
    /// digest as written (UTF-8): a number when it is 16 lowercase hex digits.
    mutating func appendDigest(key: UnsafeRawBufferPointer, text: UnsafeRawBufferPointer) {
        keyBytes.append(contentsOf: key)
        starts.append(keyBytes.count)
        if let value = Self.number(text) {
            values.append(value)
        } else {
            odd[values.count] = String(decoding: text, as: UTF8.self)
            values.append(0)
        }
    }

    /// The row of `key`: a binary search over the keys in byte order.
    func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { wanted -> Int? in
            keyBytes.withUnsafeBufferPointer { keys -> Int? in
                func compare(_ i: Int) -> Int {
                    let stored = UnsafeBufferPointer(rebasing: keys[starts[i]..<starts[i + 1]])
                    for (a, b) in zip(stored, wanted) where a != b { return Int(a) - Int(b) }
                    return stored.count - wanted.count
                }
                var low = 0, high = count
                while low < high {
                    let mid = (low + high) / 2
                    if compare(mid) < 0 { low = mid + 1 } else { high = mid }
                }
                return low < count && compare(low) == 0 ? low : nil
            }
        }
    }

    func key(_ i: Int) -> String {
        keyBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]]), as: UTF8.self) }
    }

    func digest(_ i: Int) -> String { odd[i] ?? Self.text(values[i]) }

    var dictionary: [String: String] {
        var out: [String: String] = Dictionary(minimumCapacity: count)
        for i in 0..<count { out[key(i)] = digest(i) }
        return out
    }

    /// Byte order of key i here and key j of `other`.
    func compareKey(_ i: Int, _ other: RowDigestTable, _ j: Int) -> Int {
        keyBytes.withUnsafeBytes { a in
            other.keyBytes.withUnsafeBytes { b in
                let x = UnsafeRawBufferPointer(rebasing: a[starts[i]..<starts[i + 1]])
                let y = UnsafeRawBufferPointer(rebasing: b[other.starts[j]..<other.starts[j + 1]])
                let n = min(x.count, y.count)
                for k in 0..<n where x[k] != y[k] { return Int(x[k]) - Int(y[k]) }
                return x.count - y.count
            }
        }
    }

    /// Whether row i here and row j of `other` have the same digest.
    func sameDigest(_ i: Int, _ other: RowDigestTable, _ j: Int) -> Bool {
        if odd[i] == nil, other.odd[j] == nil { return values[i] == other.values[j] }
        return digest(i) == other.digest(j)
    }

    /// The JSON object `{"key" : "digest", …}` exactly as `JSONEncoder` with
    /// sorted keys and pretty printing writes it at `indent` (the spaces
    /// before the line that holds the opening brace): keys in byte order,
    /// two more spaces per member, ` : ` between key and value.
    func writeJSONObject(indent: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        out.append(0x0A)
        guard count > 0 else {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            out.append(UInt8(ascii: "}"))
            return
        }
        let inner = [UInt8](repeating: UInt8(ascii: " "), count: indent + 2)
        keyBytes.withUnsafeBufferPointer { keys in
            for i in 0..<count {
                if i > 0 {
                    out.append(UInt8(ascii: ","))
                    out.append(0x0A)
                }
                out.append(contentsOf: inner)
                CertificateText.string(UnsafeBufferPointer(rebasing: keys[starts[i]..<starts[i + 1]]), into: &out)
                out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
                if let text = odd[i] {
                    var t = text
                    t.withUTF8 { CertificateText.string($0, into: &out) }
                } else {
                    out.append(UInt8(ascii: "\""))
                    Self.appendHex(values[i], into: &out)
                    out.append(UInt8(ascii: "\""))
                }
            }
        }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        out.append(UInt8(ascii: "}"))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func appendHex(_ value: UInt64, into out: inout [UInt8]) {
        for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int((value >> UInt64(shift)) & 0xF)]) }
    }

    static func text(_ value: UInt64) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        appendHex(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// 16 lowercase hex digits as a number; nil for any other text.
    static func number(_ utf8: UnsafeRawBufferPointer) -> UInt64? {
        guard utf8.count == 16 else { return nil }
        var value: UInt64 = 0
        for b in utf8 {
            switch b {
            case 0x30...0x39: value = value << 4 | UInt64(b - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(b - 0x61 + 10)
            default: return nil
            }
        }
        return value
    }
}

/// Strings as `JSONEncoder` writes them (slashes unescaped).
enum CertificateText {
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Keys are credit codes and the like: nearly always nothing to escape.
        if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for b in bytes {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
