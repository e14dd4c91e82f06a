import Messages
import WorkingDays

/// A value of an input document (findings in YAML or JSON), with the line
/// and column it was written at, so that every check of the document can
/// point at the offending key or value. YAML and JSON both read into it:
/// the findings loader is written once for both.
public struct DocumentNode: Sendable {
    /// Not `indirect`: lists and maps hold their elements in arrays
    /// already, so a scalar costs no allocation of its own.
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        /// A plain YAML date (`2024-06-12`); JSON has none (dates are strings there).
        case date(CivilDate)
        case list([DocumentNode])
        case map([DocumentEntry])
    }

    public var value: Value
    public var line: Int32
    public var column: Int32
    /// A quoted scalar: YAML `'…'`/`"…"`, or any JSON string. An unquoted
    /// all-digit id is a number, not text, and the loader says so.
    public var quoted: Bool

    public init(_ value: Value, line: Int, column: Int, quoted: Bool = false) {
        self.value = value
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
        self.quoted = quoted
    }

    public func place(in path: String) -> Place { Place(path: path, line: Int(line), column: Int(column)) }

    public var entries: [DocumentEntry]? { if case .map(let m) = value { return m } else { return nil } }
    public var elements: [DocumentNode]? { if case .list(let l) = value { return l } else { return nil } }
    public var string: String? { if case .string(let s) = value { return s } else { return nil } }
    public var isNull: Bool { if case .null = value { return true } else { return false } }

    /// The node as plain data (places dropped), for entity rows and answers.
    public var datum: Datum {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let x): return .double(x)
        case .string(let s): return .string(s)
        case .date(let c): return .date(year: c.year, month: c.month, day: c.day)
        case .list(let l): return .list(l.map(\.datum))
        case .map(let m):
            var out: [String: Datum] = [:]
            for e in m { out[e.key] = e.value.datum }
            return .map(out)
        }
    }

    /// What kind of value this is, for messages.
    public var kindName: LocalizedText {
        switch value {
        case .null: return LocalizedText(zh: "空值", en: "null")
        case .bool: return LocalizedText(zh: "是/否", en: "a boolean")
        case .int: return LocalizedText(zh: "整数", en: "an integer")
        case .double: return LocalizedText(zh: "数值", en: "a number")
        case .string: return LocalizedText(zh: "文本", en: "text")
        case .date: return LocalizedText(zh: "日期", en: "a date")
        case .list: return LocalizedText(zh: "列表", en: "a list")
        case .map: return LocalizedText(zh: "映射", en: "a mapping")
        }
    }
}

/// One key of a mapping, with where the key was written.
public struct DocumentEntry: Sendable {
    public var key: String
    public var keyLine: Int32
    public var keyColumn: Int32
    public var value: DocumentNode

    public init(key: String, line: Int, column: Int, value: DocumentNode) {
        self.key = key
        self.keyLine = Int32(clamping: line)
        self.keyColumn = Int32(clamping: column)
        self.value = value
    }

    public func keyPlace(in path: String) -> Place { Place(path: path, line: Int(keyLine), column: Int(keyColumn)) }
}

/// A whole input document: its path, its text's hash and its root.
public struct InputDocument: Sendable {
    public var path: String
    public var root: DocumentNode
    public init(path: String, root: DocumentNode) {
        self.path = path
        self.root = root
    }
}
