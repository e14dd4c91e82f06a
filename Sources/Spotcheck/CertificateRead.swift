import Draw
import Foundation

/// Reads a certificate whose directories carry millions of row digests:
/// the counterpart of `CertificateSplice`.
///
/// `JSONDecoder` turns a `row_digests` object of a million members into a
/// million-entry dictionary of strings, which `RowDigestTable` must then
/// sort again: half the time of a `draw verify`. Here each
/// `directories.<name>.row_digests` object is read straight into a table
/// (its members come sorted, as written) and replaced by `{}` before
/// `JSONDecoder` reads the rest; `DirectoryFingerprint` takes the table
/// back from the decoder's `userInfo`.
///
/// Only text as a certificate is written is read this way (keys and digests
/// without escapes, each key once). Anything else (an edited certificate,
/// a broken one) goes to `JSONDecoder` whole, so the result, and any error,
/// is what `JSONDecoder` alone gives.
enum CertificateRead {
    static let key = CodingUserInfoKey(rawValue: "spotcheck.certificate.row-digest-tables")!

    static func decode(_ data: Data) throws -> DrawCertificateFile {
        if let (stripped, tables) = data.withUnsafeBytes({ extract(UnsafeRawBufferPointer($0)) }) {
            let decoder = JSONDecoder()
            decoder.userInfo[key] = tables
            if let file = try? decoder.decode(DrawCertificateFile.self, from: stripped) { return file }
        }
        return try JSONDecoder().decode(DrawCertificateFile.self, from: data)
    }

    /// The table read for the directory being decoded, if any.
    static func table(for decoder: any Decoder) -> RowDigestTable? {
        guard let tables = decoder.userInfo[key] as? [String: RowDigestTable],
              let name = decoder.codingPath.last?.stringValue else { return nil }
        return tables[name]
    }

    /// The JSON with every `directories.<name>.row_digests` object replaced
    /// by `{}`, and the tables read from them; nil when the text is not in
    /// the written form (the caller then decodes it whole).
    static func extract(_ bytes: UnsafeRawBufferPointer) -> (Data, [String: RowDigestTable])? {
        var walker = CertificateJSONWalker(bytes)
        guard let found = walker.rowDigestObjects(), !found.isEmpty else { return nil }
        var tables: [String: RowDigestTable] = [:]
        var out = Data()
        out.reserveCapacity(bytes.count / 8)
        var from = 0
        for (name, range) in found.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            guard tables[name] == nil, let table = RowDigestTable(object: UnsafeRawBufferPointer(rebasing: bytes[range])) else { return nil }
            tables[name] = table
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[from..<range.lowerBound]))
            out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
            from = range.upperBound
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[from...]))
        return (out, tables)
    }
}

/// Walks the JSON of a certificate far enough to find where each
/// `directories.<name>.row_digests` object lies. Strings are skipped with
/// their escapes; a key on that path that holds an escape, or a repeated
/// `directories`, stops the walk (nil: decode the slow, general way).
struct CertificateJSONWalker {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func rowDigestObjects() -> [(name: String, range: Range<Int>)]? {
        skipSpace()
        var seenDirectories = false
        var found: [(name: String, range: Range<Int>)] = []
        let ok = Self.members(&self) { w, key in
            guard key == "directories" else { return w.skipValue() }
            guard !seenDirectories else { return false }
            seenDirectories = true
            guard w.peek == UInt8(ascii: "{") else { return w.skipValue() }
            return Self.members(&w) { w, name in
                guard w.peek == UInt8(ascii: "{") else { return w.skipValue() }
                return Self.members(&w) { w, field in
                    guard field == "row_digests", w.peek == UInt8(ascii: "{") else { return w.skipValue() }
                    let start = w.index
                    guard w.skipValue() else { return false }
                    found.append((name, start..<w.index))
                    return true
                }
            }
        }
        skipSpace()
        return ok && index == bytes.count ? found : nil
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
    }

    /// An object's members: `body` gets the walker on each member's value
    /// and its key (plain text), and must consume the value.
    private static func members(_ w: inout CertificateJSONWalker, _ body: (inout CertificateJSONWalker, String) -> Bool) -> Bool {
        guard w.peek == UInt8(ascii: "{") else { return false }
        w.index += 1
        w.skipSpace()
        if w.peek == UInt8(ascii: "}") {
            w.index += 1
            return true
        }
        while true {
            w.skipSpace()
            guard let key = w.plainKey() else { return false }
            w.skipSpace()
            guard w.peek == UInt8(ascii: ":") else { return false }
            w.index += 1
            w.skipSpace()
            guard body(&w, key) else { return false }
            w.skipSpace()
            switch w.peek {
            case UInt8(ascii: ","): w.index += 1
            case UInt8(ascii: "}"):
                w.index += 1
                return true
            default: return false
            }
        }
    }

    /// A key without escapes, as text.
    private mutating func plainKey() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        guard skipString() else { return nil }
        let content = UnsafeRawBufferPointer(rebasing: bytes[start..<(index - 1)])
        guard !content.contains(UInt8(ascii: "\\")), StoredJSONText.isValidUTF8(content) else { return nil }
        return String(decoding: content, as: UTF8.self)
    }

    /// A string, its escapes included; false at a control character or the end.
    private mutating func skipString() -> Bool {
        index += 1
        while let b = peek {
            index += 1
            if b == UInt8(ascii: "\"") { return true }
            if b < 0x20 { return false }
            if b == UInt8(ascii: "\\") {
                guard peek != nil else { return false }
                index += 1
            }
        }
        return false
    }

    /// Any value, checked only as far as its extent (the decoder checks the rest).
    private mutating func skipValue() -> Bool {
        guard let b = peek else { return false }
        switch b {
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while let c = peek {
                switch c {
                case UInt8(ascii: "\""):
                    guard skipString() else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return true
                    }
                default: break
                }
                index += 1
            }
            return false
        default:
            // A number or a literal: up to the next delimiter.
            let start = index
            while let c = peek, c != UInt8(ascii: ","), c != UInt8(ascii: "}"), c != UInt8(ascii: "]"),
                  c != 0x20, c != 0x0A, c != 0x0D, c != 0x09 { index += 1 }
            return index > start
        }
    }
}

extension RowDigestTable {
    /// A `row_digests` object as a certificate writes it: `"key" : "digest"`
    /// members, no escapes, valid UTF-8, no key twice. Nil for anything else.
    init?(object: UnsafeRawBufferPointer) {
        self.init()
        var i = 0
        let n = object.count
        func space() {
            while i < n, object[i] == 0x20 || object[i] == 0x0A || object[i] == 0x0D || object[i] == 0x09 { i += 1 }
        }
        func string() -> Range<Int>? {
            guard i < n, object[i] == UInt8(ascii: "\"") else { return nil }
            let start = i + 1
            var j = start
            while j < n, object[j] != UInt8(ascii: "\"") {
                if object[j] == UInt8(ascii: "\\") || object[j] < 0x20 { return nil }
                j += 1
            }
            guard j < n else { return nil }
            i = j + 1
            return start..<j
        }
        space()
        guard i < n, object[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        space()
        var keys: [UInt8] = []
        var offsets: [Int] = [0]
        var digests: [UnsafeRawBufferPointer] = []
        if i < n, object[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                space()
                guard let key = string() else { return nil }
                space()
                guard i < n, object[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                space()
                guard let digest = string() else { return nil }
                let keyBytes = UnsafeRawBufferPointer(rebasing: object[key])
                let digestBytes = UnsafeRawBufferPointer(rebasing: object[digest])
                guard StoredJSONText.isValidUTF8(keyBytes), StoredJSONText.isValidUTF8(digestBytes) else { return nil }
                keys.append(contentsOf: keyBytes)
                offsets.append(keys.count)
                digests.append(digestBytes)
                space()
                guard i < n else { return nil }
                if object[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard object[i] == UInt8(ascii: "}") else { return nil }
                i += 1
                break
            }
        }
        space()
        guard i == n else { return nil }
        // Written in key order; a table read from elsewhere is put in order here.
        let (order, duplicate) = IDOrder.order(packed: keys, offsets: offsets)
        guard duplicate == nil else { return nil }
        reserve(digests.count, keyBytes: keys.count)
        keys.withUnsafeBytes { all in
            for n in 0..<digests.count {
                let r = order?[n] ?? n
                appendDigest(key: UnsafeRawBufferPointer(rebasing: all[offsets[r]..<offsets[r + 1]]), text: digests[r])
            }
        }
    }
}
