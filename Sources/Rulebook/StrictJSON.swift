import Messages

/// A strict JSON reader (RFC 8259) that keeps the line and column of every
/// value: no hexadecimal, no leading zeros or `+`, no `.5`, no trailing
/// commas, no comments, no NaN, no repeated keys, no raw control characters,
/// valid UTF-8 and surrogate pairs only. It reads bytes straight into
/// `DocumentNode`s, so findings in JSON never pass through the YAML parser.
public struct StrictJSON {
    /// How deep arrays and objects may nest: findings need four levels.
    public static let maxDepth = 64

    /// Parses `bytes`; on the first error, a diagnostic at its place.
    public static func parse(_ bytes: [UInt8], path: String) -> Result<DocumentNode, Diagnostic> {
        bytes.withUnsafeBufferPointer { buffer -> Result<DocumentNode, Diagnostic> in
            var reader = StrictJSON(bytes: buffer, path: path)
            do throws(Diagnostic) {
                reader.skipBOM()
                reader.skipSpace()
                let root = try reader.value(depth: 0)
                reader.skipSpace()
                if reader.i < buffer.count { throw reader.error(zh: "JSON 值之后还有多余的内容", en: "unexpected text after the JSON value") }
                return .success(root)
            } catch {
                return .failure(error)
            }
        }
    }

    private let b: UnsafeBufferPointer<UInt8>
    private let path: String
    private var i = 0
    private var line = 1
    /// Offset of the first byte of the current line, for columns.
    private var lineStart = 0
    /// The last column computed and its offset: values are read in order,
    /// so columns are counted incrementally (a one-line file stays linear).
    private var columnCache = (offset: 0, column: 1)

    private init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        b = bytes
        self.path = path
    }

    // MARK: - Positions

    /// The column of byte offset `at` on the current line, counted on from the last one asked.
    private mutating func columnAt(_ at: Int) -> Int {
        var (k, c) = columnCache.offset >= lineStart && columnCache.offset <= at ? columnCache : (lineStart, 1)
        while k < at {
            if b[k] & 0xC0 != 0x80 { c += 1 }
            k += 1
        }
        columnCache = (at, c)
        return c
    }

    /// The column of byte offset `at`: characters (UTF-8 lead bytes) since the line start, 1-based.
    private func column(_ at: Int) -> Int {
        var c = 1
        var k = lineStart
        while k < at && k < b.count {
            if b[k] & 0xC0 != 0x80 { c += 1 }
            k += 1
        }
        return c
    }

    private func error(at: Int? = nil, zh: String, en: String) -> Diagnostic {
        let offset = at ?? i
        return Diagnostic(path: path, line: line, column: column(offset), LocalizedText(zh: "JSON 格式错误：" + zh, en: "invalid JSON: " + en))
    }

    private mutating func skipBOM() {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3; lineStart = 3 }
    }

    private mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1; lineStart = i
            default: return
            }
        }
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(Diagnostic) -> DocumentNode {
        guard i < b.count else { throw error(zh: "文件意外结束，缺少值", en: "unexpected end of input, a value is missing") }
        let startLine = line, startColumn = columnAt(i)
        switch b[i] {
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw error(zh: "嵌套超过 \(Self.maxDepth) 层", en: "nested deeper than \(Self.maxDepth) levels") }
            return DocumentNode(.map(try object(depth: depth + 1)), line: startLine, column: startColumn)
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw error(zh: "嵌套超过 \(Self.maxDepth) 层", en: "nested deeper than \(Self.maxDepth) levels") }
            return DocumentNode(.list(try array(depth: depth + 1)), line: startLine, column: startColumn)
        case UInt8(ascii: "\""):
            return DocumentNode(.string(try string()), line: startLine, column: startColumn, quoted: true)
        case UInt8(ascii: "t"): try literal("true"); return DocumentNode(.bool(true), line: startLine, column: startColumn)
        case UInt8(ascii: "f"): try literal("false"); return DocumentNode(.bool(false), line: startLine, column: startColumn)
        case UInt8(ascii: "n"): try literal("null"); return DocumentNode(.null, line: startLine, column: startColumn)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return DocumentNode(try number(), line: startLine, column: startColumn)
        case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","):
            throw error(zh: "此处缺少值（是否多了逗号？）", en: "a value is missing here (a trailing comma?)")
        default:
            throw error(zh: "无法识别的值（字符串须用双引号，不允许注释、NaN 或十六进制数）",
                        en: "unrecognised value (strings need double quotes; no comments, NaN or hexadecimal)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Diagnostic) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw error(zh: "无法识别的值", en: "unrecognised value") }
        let w = word.utf8Start
        for k in 0..<n where b[i + k] != w[k] {
            throw error(zh: "无法识别的值", en: "unrecognised value")
        }
        i += n
        if i < b.count, isWordByte(b[i]) { throw error(zh: "无法识别的值", en: "unrecognised value") }
    }

    private func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") || c >= 0x80
    }

    private mutating func object(depth: Int) throws(Diagnostic) -> [DocumentEntry] {
        i += 1
        var out: [DocumentEntry] = []
        out.reserveCapacity(16)
        // Repeated keys: a linear look among few keys, a table beyond.
        var seen: KeyTable? = nil
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return out }
        while true {
            skipSpace()
            guard i < b.count else { throw error(zh: "对象没有闭合，缺少“}”", en: "unclosed object: '}' is missing") }
            guard b[i] == UInt8(ascii: "\"") else {
                if b[i] == UInt8(ascii: "}") { throw error(zh: "“}”之前多了逗号", en: "trailing comma before '}'") }
                throw error(zh: "对象的键须为双引号字符串", en: "object keys must be double-quoted strings")
            }
            let keyLine = line, keyColumn = columnAt(i)
            let key = try string()
            let repeated: Bool
            if out.count < 16 {
                repeated = out.contains { $0.key == key }
            } else {
                if seen == nil {
                    seen = KeyTable()
                    for k in out.indices { _ = seen!.insert(out[k].key, at: k, in: out) }
                }
                repeated = !seen!.insert(key, at: out.count, in: out)
            }
            guard !repeated else {
                throw Diagnostic(path: path, line: keyLine, column: keyColumn,
                                 LocalizedText(zh: "JSON 格式错误：对象中的键“\(key)”重复", en: "invalid JSON: the key '\(key)' repeats in an object"))
            }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw error(zh: "键之后缺少冒号“:”", en: "':' is missing after the key") }
            i += 1
            skipSpace()
            let v = try value(depth: depth)
            out.append(DocumentEntry(key: key, line: keyLine, column: keyColumn, value: v))
            skipSpace()
            guard i < b.count else { throw error(zh: "对象没有闭合，缺少“}”", en: "unclosed object: '}' is missing") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; return out }
            throw error(zh: "对象成员之间缺少逗号，或缺少“}”", en: "',' or '}' expected after an object member")
        }
    }

    private mutating func array(depth: Int) throws(Diagnostic) -> [DocumentNode] {
        i += 1
        var out: [DocumentNode] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return out }
        while true {
            skipSpace()
            if i < b.count, b[i] == UInt8(ascii: "]") { throw error(zh: "“]”之前多了逗号", en: "trailing comma before ']'") }
            out.append(try value(depth: depth))
            skipSpace()
            guard i < b.count else { throw error(zh: "数组没有闭合，缺少“]”", en: "unclosed array: ']' is missing") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; return out }
            throw error(zh: "数组元素之间缺少逗号，或缺少“]”", en: "',' or ']' expected after an array element")
        }
    }

    // MARK: - Numbers

    private mutating func number() throws(Diagnostic) -> DocumentNode.Value {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { throw error(zh: "“-”之后应为数字", en: "a digit must follow '-'") }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if i < b.count, isDigit(b[i]) { throw error(at: start, zh: "数字不能以 0 开头", en: "numbers must not have leading zeros") }
        } else {
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        var integral = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < b.count, isDigit(b[i]) else { throw error(zh: "小数点之后应为数字", en: "a digit must follow the decimal point") }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, isDigit(b[i]) else { throw error(zh: "指数部分应为数字", en: "a digit must follow the exponent") }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, isWordByte(b[i]) || b[i] == UInt8(ascii: ".") {
            throw error(at: start, zh: "无法识别的数字", en: "unrecognised number")
        }
        // Integers of up to 18 digits cannot overflow: read them directly.
        if integral {
            let negative = b[start] == UInt8(ascii: "-")
            let first = negative ? start + 1 : start
            if i - first <= 18 {
                var v = 0
                for k in first..<i { v = v &* 10 &+ Int(b[k] &- 0x30) }
                return .int(negative ? -v : v)
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        if integral, let v = Int(text) { return .int(v) }
        guard let x = Double(text), x.isFinite else {
            throw error(at: start, zh: "数字超出可表示的范围", en: "the number is out of range")
        }
        return .double(x)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    // MARK: - Strings

    private mutating func string() throws(Diagnostic) -> String {
        i += 1
        let start = i
        // Fast path: no escapes, ASCII or valid UTF-8.
        var high: UInt8 = 0
        while i < b.count {
            let c = b[i]
            high |= c
            if c == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: b[start..<i])
                i += 1
                // ASCII needs no validation.
                if high < 0x80 { return String(decoding: slice, as: UTF8.self) }
                return try validated(slice, start: start)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error(zh: "字符串中不能有未转义的控制字符（换行须写作 \\n）", en: "unescaped control character in a string (write a line break as \\n)") }
            i += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return try out.withUnsafeBufferPointer { buffer throws(Diagnostic) in try validated(buffer, start: start) }
            case UInt8(ascii: "\\"):
                i += 1
                guard i < b.count else { break }
                switch b[i] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let escapeStart = i - 1
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 2 < b.count, b[i + 1] == UInt8(ascii: "\\"), b[i + 2] == UInt8(ascii: "u") else {
                            throw error(at: escapeStart, zh: "\\u 转义的代理对不完整", en: "incomplete surrogate pair in a \\u escape")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error(at: escapeStart, zh: "\\u 转义的代理对不完整", en: "incomplete surrogate pair in a \\u escape")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error(at: escapeStart, zh: "\\u 转义的代理对不完整", en: "incomplete surrogate pair in a \\u escape")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default:
                    throw error(at: i - 1, zh: "未知的转义字符", en: "unknown escape character")
                }
                i += 1
            default:
                if c < 0x20 { throw error(zh: "字符串中不能有未转义的控制字符（换行须写作 \\n）", en: "unescaped control character in a string (write a line break as \\n)") }
                out.append(c)
                i += 1
            }
        }
        throw error(at: start - 1, zh: "字符串缺少结束的双引号", en: "unterminated string: the closing quote is missing")
    }

    /// Four hex digits after `\u`; leaves `i` on the last one.
    private mutating func hex4() throws(Diagnostic) -> UInt32 {
        guard i + 4 < b.count else { throw error(zh: "\\u 之后应为四位十六进制数", en: "four hex digits must follow \\u") }
        var v: UInt32 = 0
        for k in 1...4 {
            let c = b[i + k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 0x41 + 10)
            default: throw error(zh: "\\u 之后应为四位十六进制数", en: "four hex digits must follow \\u")
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }

    private func validated(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) throws(Diagnostic) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        throw error(at: start, zh: "字符串不是有效的 UTF-8", en: "the string is not valid UTF-8")
    }
}

/// The keys of a large object, for finding a repeated key as it is read: an
/// open-addressing table of entry indices under a cheap hash of the key
/// (FNV-1a), compared by value on a hash match.
private struct KeyTable {
    private var slots = [Int32](repeating: -1, count: 64)
    private var hashes = [UInt32](repeating: 0, count: 64)
    private var count = 0

    private static func hash(_ s: String) -> UInt32 {
        var h: UInt32 = 2166136261
        for b in s.utf8 { h = (h ^ UInt32(b)) &* 16777619 }
        return h
    }

    /// Adds the key of entry `index` (not yet in `entries` when it is
    /// `entries.count`); false when an equal key is there already.
    mutating func insert(_ key: String, at index: Int, in entries: [DocumentEntry]) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let h = Self.hash(key)
        let mask = slots.count - 1
        var i = Int(h) & mask
        while slots[i] >= 0 {
            let k = Int(slots[i])
            if hashes[i] == h && k < entries.count && entries[k].key == key { return false }
            i = (i + 1) & mask
        }
        slots[i] = Int32(truncatingIfNeeded: index)
        hashes[i] = h
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        let oldHashes = hashes
        slots = [Int32](repeating: -1, count: old.count * 2)
        hashes = [UInt32](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for (j, k) in old.enumerated() where k >= 0 {
            var i = Int(oldHashes[j]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = k
            hashes[i] = oldHashes[j]
        }
    }
}
