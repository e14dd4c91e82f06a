/// A reader for protocol buffer text format, enough for cel-spec's "simple"
/// test files: nested messages, scalar fields, repeated fields, comments,
/// adjacent string concatenation and C-style string escapes.
indirect enum TextProtoValue {
    case scalar(String)          // numbers, enum names, identifiers
    case string([UInt8])         // a quoted string, unescaped to bytes
    case message(TextProtoMessage)
}

final class TextProtoMessage {
    var fields: [(name: String, value: TextProtoValue)] = []

    func all(_ name: String) -> [TextProtoValue] { fields.filter { $0.name == name }.map(\.value) }
    func first(_ name: String) -> TextProtoValue? { fields.first { $0.name == name }?.value }
    func message(_ name: String) -> TextProtoMessage? {
        if case .message(let m)? = first(name) { return m }
        return nil
    }
    func messages(_ name: String) -> [TextProtoMessage] {
        all(name).compactMap { if case .message(let m) = $0 { return m } else { return nil } }
    }
    func string(_ name: String) -> String? {
        switch first(name) {
        case .string(let b)?: return String(decoding: b, as: UTF8.self)
        case .scalar(let s)?: return s
        default: return nil
        }
    }
    func bytes(_ name: String) -> [UInt8]? {
        if case .string(let b)? = first(name) { return b }
        return nil
    }
    func bool(_ name: String) -> Bool { string(name) == "true" }
    var isEmpty: Bool { fields.isEmpty }
}

struct TextProtoError: Error, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "line \(line): \(message)" }
}

struct TextProtoParser {
    private let b: [UInt8]
    private var i = 0

    init(_ text: String) { b = Array(text.utf8) }

    static func parse(_ text: String) throws -> TextProtoMessage {
        var p = TextProtoParser(text)
        let m = try p.fields(until: nil)
        return m
    }

    private var line: Int { b[..<min(i, b.count)].filter { $0 == 10 }.count + 1 }

    private mutating func skip() {
        while i < b.count {
            if b[i] == 35 {   // '#'
                while i < b.count, b[i] != 10 { i += 1 }
            } else if b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 || b[i] == 44 || b[i] == 59 {
                i += 1
            } else {
                return
            }
        }
    }

    private static func isWord(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 || c == 45 || c == 43
    }

    private mutating func word() -> String {
        let s = i
        while i < b.count, TextProtoParser.isWord(b[i]) { i += 1 }
        return String(decoding: b[s..<i], as: UTF8.self)
    }

    private mutating func fields(until close: UInt8?) throws -> TextProtoMessage {
        let m = TextProtoMessage()
        while true {
            skip()
            if i >= b.count {
                if close != nil { throw TextProtoError(line: line, message: "unexpected end of file") }
                return m
            }
            if let close, b[i] == close { i += 1; return m }
            var name: String
            if b[i] == 91 {   // [extension.name]
                let s = i
                while i < b.count, b[i] != 93 { i += 1 }
                i += 1
                name = String(decoding: b[s..<i], as: UTF8.self)
            } else {
                name = word()
            }
            guard !name.isEmpty else { throw TextProtoError(line: line, message: "expected a field name") }
            skip()
            var sawColon = false
            if i < b.count, b[i] == 58 { i += 1; sawColon = true; skip() }
            guard i < b.count else { throw TextProtoError(line: line, message: "missing value for \(name)") }
            if b[i] == 123 || b[i] == 60 {   // { or <
                let closer: UInt8 = b[i] == 123 ? 125 : 62
                i += 1
                m.fields.append((name, .message(try fields(until: closer))))
            } else if b[i] == 91 {   // list of values
                i += 1
                while true {
                    skip()
                    if i < b.count, b[i] == 93 { i += 1; break }
                    m.fields.append((name, try scalarOrString()))
                }
            } else {
                guard sawColon else { throw TextProtoError(line: line, message: "expected ':' after \(name)") }
                m.fields.append((name, try scalarOrString()))
            }
        }
    }

    private mutating func scalarOrString() throws -> TextProtoValue {
        if b[i] == 34 || b[i] == 39 {
            var out: [UInt8] = []
            while i < b.count, b[i] == 34 || b[i] == 39 {
                out += try quoted()
                skip()
            }
            return .string(out)
        }
        if b[i] == 123 {
            i += 1
            return .message(try fields(until: 125))
        }
        let w = word()
        guard !w.isEmpty else { throw TextProtoError(line: line, message: "unexpected character") }
        return .scalar(w)
    }

    private mutating func quoted() throws -> [UInt8] {
        let q = b[i]
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw TextProtoError(line: line, message: "unterminated string") }
            let c = b[i]
            if c == q { i += 1; return out }
            if c != 92 { out.append(c); i += 1; continue }
            i += 1
            let e = b[i]
            i += 1
            switch e {
            case 110: out.append(10)
            case 114: out.append(13)
            case 116: out.append(9)
            case 97: out.append(7)
            case 98: out.append(8)
            case 102: out.append(12)
            case 118: out.append(11)
            case 120, 88:   // \xHH
                var v = 0, n = 0
                while n < 2, i < b.count, let d = hex(b[i]) { v = v * 16 + d; i += 1; n += 1 }
                out.append(UInt8(v))
            case 48...55:   // octal
                var v = Int(e - 48), n = 1
                while n < 3, i < b.count, b[i] >= 48, b[i] <= 55 { v = v * 8 + Int(b[i] - 48); i += 1; n += 1 }
                out.append(UInt8(v & 0xFF))
            case 117, 85:   // \uXXXX, \UXXXXXXXX
                let n = e == 117 ? 4 : 8
                var v: UInt32 = 0
                for _ in 0..<n { v = v * 16 + UInt32(hex(b[i]) ?? 0); i += 1 }
                out += Array(String(Character(Unicode.Scalar(v) ?? "?")).utf8)
            default: out.append(e)
            }
        }
    }

    private func hex(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c - 48)
        case 65...70: return Int(c - 55)
        case 97...102: return Int(c - 87)
        default: return nil
        }
    }
}
