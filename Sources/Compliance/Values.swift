import CEL
import Messages
import Rulebook
import WorkingDays

/// Conversions between plain data and CEL values.
public enum Values {
    public static func cel(_ d: Datum) -> CELValue {
        switch d {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .double(let x): return .double(x)
        case .string(let s): return .string(s)
        case .date(let y, let m, let day):
            guard let c = CivilDate(year: y, month: m, day: day) else { return .null }
            return timestamp(c)
        case .list(let l): return .list(l.map(cel))
        case .map(let m): return .map(CELMap(strings: m.mapValues(cel)))
        }
    }

    public static func timestamp(_ c: CivilDate) -> CELValue {
        (try? CELTimestamp(seconds: Int64(c.dayNumber) * 86400)).map { .timestamp($0) } ?? .null
    }

    public static func record(_ m: [String: Datum]) -> CELValue { .map(CELMap(strings: m.mapValues(cel))) }

    /// How a value reads in a message: `9.5`, `是`/`yes`, text as is.
    public static func display(_ v: CELValue, _ language: Language) -> String {
        switch v {
        case .bool(let b): return language == .zh ? (b ? "是" : "否") : (b ? "yes" : "no")
        case .double(let x): return NumberText.plain(x)
        case .int(let i): return String(i)
        case .string(let s): return s
        case .timestamp(let t): return String(t.description.prefix(10))
        case .list(let l): return l.map { display($0, language) }.joined(separator: "、")
        default: return v.description
        }
    }
}
