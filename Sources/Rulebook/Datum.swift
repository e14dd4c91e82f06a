import Messages
/// A plain data value read from YAML or JSON (an answer, an entity field,
/// an example): what findings and examples are made of before they are
/// checked against a checklist and turned into CEL values.
public indirect enum Datum: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case date(year: Int, month: Int, day: Int)
    case list([Datum])
    case map([String: Datum])

    /// How the datum reads in messages: `true`, `9.5`, `'文本'`.
    public var display: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return NumberText.plain(d)
        case .string(let s): return s
        case .date(let y, let m, let d):
            return String(y) + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
        case .list(let l): return "[" + l.map(\.display).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { "\($0): \(m[$0]!.display)" }.joined(separator: ", ") + "}"
        }
    }

    public var kindName: LocalizedText {
        switch self {
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

extension YAMLValue {
    /// The datum of this node; map and list members keep no places.
    var datum: Datum {
        switch resolved {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .date(let p): return .date(year: p.year, month: p.month, day: p.day)
        case .list(let l): return .list(l.map(\.datum))
        case .map(let pairs):
            var m: [String: Datum] = [:]
            for (k, v) in pairs { m[k.text ?? ""] = v.datum }
            return .map(m)
        }
    }

    /// A mapping's entries as located data, keyed by their text.
    func locatedEntries(diagnostics d: inout Diagnostics, what: LocalizedText) -> [(key: Located<String>, value: Located<Datum>)]? {
        guard let pairs = mapping else {
            d.error(place, zh: "\(what.zh)应为映射，实为\(kindName.zh)", en: "\(what.en) must be a mapping, not \(kindName.en)")
            return nil
        }
        return pairs.compactMap { k, v in
            guard let name = k.text else { return nil }
            return (Located(name, k.place), Located(v.datum, v.place))
        }
    }
}
