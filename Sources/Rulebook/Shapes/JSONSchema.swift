import Foundation
import Messages

/// JSON Schemas (draft 2020-12) of the rule files, generated from the
/// shapes the loaders read them with, so that an editor (VS Code with a
/// YAML extension) completes the same keys and flags the same unknown ones
/// as `spotcheck validate`. Shipped as `docs/schemas/<kind>.schema.json`
/// and printed by `spotcheck schema <kind>`.
public enum JSONSchema {
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// The schema of a kind of rule file as JSON text (descriptions in `language`).
    public static func text(for kind: RuleFileKind, language: Language = .zh) -> String {
        var root = object(kind.shape, language)
        let title = language == .zh ? "Spotcheck 规则文件：\(kind.shape.what.zh)（\(kind.location)）"
                                    : "Spotcheck rule file: \(kind.shape.what.en) (\(kind.location))"
        root.insert(contentsOf: [("$schema", .string(dialect)), ("title", .string(title))], at: 0)
        return JSONText.render(.object(root)) + "\n"
    }

    private static func object(_ o: ObjectShape, _ language: Language) -> [(String, JSONText)] {
        var out: [(String, JSONText)] = [("type", .string("object")), ("description", .string(o.what.text(language)))]
        out.append(("properties", .object(o.fields.map { f in
            // The key's own description, in place of a nested mapping's.
            var s = value(f.shape, language).filter { $0.0 != "description" }
            s.append(("description", .string(f.doc.text(language))))
            return (f.key, .object(s))
        })))
        let required = o.fields.filter(\.required).map(\.key)
        if !required.isEmpty { out.append(("required", .array(required.map(JSONText.string)))) }
        if !o.exactlyOne.isEmpty {
            out.append(("oneOf", .array(o.exactlyOne.map { group in .object([("required", .array(group.map(JSONText.string)))]) })))
        }
        if !o.needs.isEmpty {
            out.append(("dependentRequired", .object(o.needs.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSONText.string))) })))
        }
        out.append(("additionalProperties", .bool(false)))
        return out
    }

    /// Any scalar: the loaders read text from numbers and truth values too.
    private static let scalar = JSONText.array(["string", "number", "boolean"].map(JSONText.string))

    private static func value(_ shape: ValueShape, _ language: Language) -> [(String, JSONText)] {
        switch shape {
        case .text, .expression: return [("type", scalar)]
        case .identifier: return [("type", .string("string")), ("pattern", .string(Identifier.pattern))]
        case .pattern(let p): return [("type", .string("string")), ("pattern", .string(p))]
        case .boolean: return [("type", .string("boolean"))]
        case .integer(let b):
            return [("type", .string("integer"))] + bounds(b.min.map(Double.init), b.max.map(Double.init))
        case .number(let b): return [("type", .string("number"))] + bounds(b.min, b.max)
        case .date:
            return [("type", .string("string")), ("format", .string("date")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
        case .choice(let c): return [("type", .string("string")), ("enum", .array(c.values.map(JSONText.string)))]
        case .list(let element, let count):
            var out: [(String, JSONText)] = [("type", .string("array")), ("items", .object(value(element, language)))]
            if let count {
                out.append(("minItems", .number(Double(count.lowerBound))))
                out.append(("maxItems", .number(Double(count.upperBound))))
            }
            return out
        case .object(let o): return object(o, language)
        case .dictionary(let v):
            let values = value(v, language)
            return [("type", .string("object")), ("additionalProperties", values.isEmpty ? .bool(true) : .object(values))]
        case .anything: return []
        }
    }

    private static func bounds(_ lo: Double?, _ hi: Double?) -> [(String, JSONText)] {
        var out: [(String, JSONText)] = []
        if let lo { out.append(("minimum", .number(lo))) }
        if let hi { out.append(("maximum", .number(hi))) }
        return out
    }
}

/// JSON with its object keys in a fixed order, so the generated files are
/// stable and a test can compare them byte for byte.
indirect enum JSONText {
    case string(String), number(Double), bool(Bool)
    case array([JSONText])
    case object([(String, JSONText)])

    static func render(_ v: JSONText, indent: String = "") -> String {
        let inner = indent + "  "
        switch v {
        case .string(let s): return quote(s)
        case .number(let x): return NumberText.plain(x)
        case .bool(let b): return b ? "true" : "false"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .string = $0 { return true } else { return false } }) {
                return "[" + items.map { render($0) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + render($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + quote($0.0) + ": " + render($0.1, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
