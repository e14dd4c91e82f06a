import WorkingDays

/// One typed cell of a directory row. The types are the ones
/// `Rules/directories.yaml` may declare (docs/rule-files.md).
public enum DirectoryValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case date(CivilDate)
    case list([String])

    /// Reads a non-empty cell as `type`; nil when the text is not of that type.
    ///
    /// Typed cells may carry spaces around them (spreadsheets add them);
    /// strings are kept exactly as written. `bool` takes true/false, yes/no
    /// (any case), 是/否, 1/0. `list` splits on `;`, trims each element and
    /// drops empty ones. `date` is strictly `YYYY-MM-DD`.
    public static func parse(_ text: String, as type: ColumnType) -> DirectoryValue? {
        switch type {
        case .string:
            return .string(text)
        case .int:
            return Int(trimmed(text)).map(DirectoryValue.int)
        case .double:
            let t = trimmed(text)
            guard !t.isEmpty, t.utf8.allSatisfy(isDecimalNumberByte), let d = Double(t), d.isFinite else { return nil }
            return .double(d)
        case .bool:
            let t = trimmed(text)
            switch t {  // the usual spellings first, without lowercasing
            case "true", "是", "1": return .bool(true)
            case "false", "否", "0": return .bool(false)
            default:
                switch t.lowercased() {
                case "true", "yes": return .bool(true)
                case "false", "no": return .bool(false)
                default: return nil
                }
            }
        case .date:
            return CivilDate(trimmed(text)).map(DirectoryValue.date)
        case .list:
            let items = text.split(separator: ";", omittingEmptySubsequences: false)
                .map { trimmed(String($0)) }.filter { !$0.isEmpty }
            return .list(items)
        }
    }

    /// One text form per value, the same whatever the cell looked like
    /// (`是` and `TRUE` both give `true`): used to hash and export directories.
    public var canonicalText: String {
        switch self {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .double(d): return String(d)
        case let .bool(b): return b ? "true" : "false"
        case let .date(d): return d.description
        case let .list(items): return items.joined(separator: ";")
        }
    }

    public var stringValue: String? { if case let .string(v) = self { v } else { nil } }
    public var intValue: Int? { if case let .int(v) = self { v } else { nil } }
    public var doubleValue: Double? { if case let .double(v) = self { v } else { nil } }
    public var boolValue: Bool? { if case let .bool(v) = self { v } else { nil } }
    public var dateValue: CivilDate? { if case let .date(v) = self { v } else { nil } }
    public var listValue: [String]? { if case let .list(v) = self { v } else { nil } }
}

/// Digits, sign, point and exponent only: keeps `nan`, `inf` and hex floats out.
private func isDecimalNumberByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
        || b == UInt8(ascii: "+") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
}

/// Strips ASCII spaces and tabs (and the ideographic space U+3000 common in
/// Chinese sheets). Most cells have none, so that case is checked on the
/// first and last byte without building a new string.
func trimmed(_ text: String) -> String {
    let utf8 = text.utf8
    guard let first = utf8.first, let last = utf8.last else { return text }
    let mayStartBlank = first == 0x20 || first == 0x09 || first == 0xE3   // U+3000 is E3 80 80
    let mayEndBlank = last == 0x20 || last == 0x09 || last == 0x80
    if !mayStartBlank && !mayEndBlank { return text }
    let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
    let scalars = text.unicodeScalars
    guard let start = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
    let end = scalars.lastIndex(where: { !isBlank($0) })!
    return String(scalars[start...end])
}
