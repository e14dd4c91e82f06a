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

    public static func decode(_ text: String) -> Datum {
        guard let data = text.data(using: .utf8), let w = try? JSONDecoder().decode(Wrapper.self, from: data) else { return .null }
        return w.datum
    }

    /// JSON → Datum through Codable, which tells booleans from numbers.
    private struct Wrapper: Decodable {
        let datum: Datum
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { datum = .null; return }
            if let b = try? c.decode(Bool.self) { datum = .bool(b); return }
            if let i = try? c.decode(Int.self) { datum = .int(i); return }
            if let x = try? c.decode(Double.self) { datum = .double(x); return }
            if let s = try? c.decode(String.self) { datum = .string(s); return }
            if let l = try? c.decode([Wrapper].self) { datum = .list(l.map(\.datum)); return }
            let m = try c.decode([String: Wrapper].self)
            if m.count == 1, case .string(let s)? = m["$date"]?.datum, let p = CivilDateText.parts(s) {
                datum = .date(year: p.0, month: p.1, day: p.2)
            } else {
                datum = .map(m.mapValues(\.datum))
            }
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
