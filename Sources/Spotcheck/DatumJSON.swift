import Compliance
import Foundation
import Rulebook

/// Plain data as canonical JSON (keys sorted, dates as `{"$date": "…"}`),
/// the form directory rows and task details are kept in the store.
public enum DatumJSON {
    public static func encode(_ d: Datum) -> String {
        switch d {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let x): return x.isFinite ? "\(x)" : "null"
        case .string(let s): return quote(s)
        case .date: return "{\"$date\":\(quote(d.display))}"
        case .list(let l): return "[" + l.map(encode).joined(separator: ",") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { quote($0) + ":" + encode(m[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// Reads what `encode` wrote (through the strict JSON reader: fast, and
    /// exact about booleans and numbers); `.null` for anything else.
    public static func decode(_ text: String) -> Datum {
        guard case .success(let root) = StrictJSON.parse(Array(text.utf8), path: "") else { return .null }
        return datum(root)
    }

    static func datum(_ n: DocumentNode) -> Datum {
        switch n.value {
        case .map(let entries):
            if entries.count == 1, entries[0].key == "$date", case .string(let s) = entries[0].value.value, let p = CivilDateText.parts(s) {
                return .date(year: p.0, month: p.1, day: p.2)
            }
            var m: [String: Datum] = [:]
            for e in entries { m[e.key] = datum(e.value) }
            return .map(m)
        case .list(let l): return .list(l.map(datum))
        default: return n.datum
        }
    }

    static func quote(_ s: String) -> String { JSONValue.quote(s) }
}

enum CivilDateText {
    static func parts(_ s: String) -> (Int, Int, Int)? {
        let p = s.split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        return (y, m, d)
    }
}

extension JSONValue {
    /// Directory data as JSON: dates as `YYYY-MM-DD` strings.
    public init(_ datum: Datum) {
        switch datum {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(Int64(i))
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .date(let y, let m, let d): self = .string(String(format: "%04d-%02d-%02d", y, m, d))
        case .list(let l): self = .array(l.map(JSONValue.init))
        case .map(let m): self = .object(m.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) })
        }
    }
}
