import Foundation
import Rulebook

/// A JSON value as a rule file holds it, in key order, for validating rule
/// files against their JSON Schemas and for writing edited copies of them.
indirect enum TestJSON {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case array([TestJSON])
    case object([(String, TestJSON)])

    /// From a loaded YAML document; a YAML date reads as its text, as it
    /// does in an editor's YAML language server.
    init(_ node: DocumentNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let x): self = .double(x)
        case .string(let s): self = .string(s)
        case .date(let c): self = .string(c.description)
        case .list(let l): self = .array(l.map(TestJSON.init))
        case .map(let m): self = .object(m.map { ($0.key, TestJSON($0.value)) })
        }
    }

    /// JSON text, which is also YAML.
    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let x): return x.isFinite ? "\(x)" : "0"
        case .string(let s):
            let data = try? JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])
            let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
            return String(array.dropFirst().dropLast())
        case .array(let a): return "[" + a.map(\.text).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.map { TestJSON.string($0.0).text + ": " + $0.1.text }.joined(separator: ", ") + "}"
        }
    }

    /// The value with `key: value` added to the object at `path`.
    func inserting(_ key: String, _ value: TestJSON, at path: ArraySlice<PathStep>) -> TestJSON {
        guard let step = path.first else {
            guard case .object(let o) = self else { return self }
            return .object(o + [(key, value)])
        }
        switch (self, step) {
        case (.object(let o), .key(let k)), (.object(let o), .entry(let k)):
            return .object(o.map { $0.0 == k ? ($0.0, $0.1.inserting(key, value, at: path.dropFirst())) : $0 })
        case (.array(let a), .index(let i)):
            return .array(a.enumerated().map { $0.offset == i ? $0.element.inserting(key, value, at: path.dropFirst()) : $0.element })
        default:
            return self
        }
    }
}

/// A step into a document: a declared key, a list position, or a key of
/// a free mapping (`bodies: {education: …}`).
enum PathStep: Hashable, CustomStringConvertible {
    case key(String), index(Int), entry(String)
    var description: String {
        switch self {
        case .key(let k), .entry(let k): return "/" + k
        case .index(let i): return "/\(i)"
        }
    }
    /// The step as a shape: positions and free keys are all alike.
    var shape: String {
        if case .key(let k) = self { return "/" + k }
        return "/*"
    }
}

/// A validator for the part of JSON Schema 2020-12 that `spotcheck schema`
/// emits: type, enum, pattern, minimum, maximum, items, minItems, maxItems,
/// properties, required, additionalProperties, oneOf, dependentRequired.
/// Annotations (title, description, format, $schema) are ignored.
struct SchemaValidator {
    struct Failure: CustomStringConvertible {
        var path: [PathStep]
        var keyword: String
        var detail: String
        var description: String { (path.isEmpty ? "/" : path.map(\.description).joined()) + ": \(keyword): \(detail)" }
    }

    static let known: Set<String> = ["$schema", "title", "description", "format", "type", "enum", "pattern", "minimum", "maximum",
                                     "items", "minItems", "maxItems", "properties", "required", "additionalProperties", "oneOf",
                                     "dependentRequired"]

    /// Every keyword the schema uses, so a test can say the validator knows them all.
    static func keywords(_ schema: Any) -> Set<String> {
        guard let s = schema as? [String: Any] else { return [] }
        var out = Set(s.keys)
        if let props = s["properties"] as? [String: Any] { for v in props.values { out.formUnion(keywords(v)) } }
        for k in ["items", "additionalProperties"] { out.formUnion(keywords(s[k] as Any)) }
        for sub in (s["oneOf"] as? [Any]) ?? [] { out.formUnion(keywords(sub)) }
        return out
    }

    static func validate(_ v: TestJSON, _ schema: Any, path: [PathStep] = []) -> [Failure] {
        if let b = schema as? Bool { return b ? [] : [Failure(path: path, keyword: "false", detail: "nothing allowed")] }
        guard let s = schema as? [String: Any] else { return [] }
        var out: [Failure] = []
        func fail(_ k: String, _ d: String) { out.append(Failure(path: path, keyword: k, detail: d)) }
        if let t = s["type"] {
            let types = (t as? [String]) ?? [(t as? String) ?? ""]
            if !types.contains(where: { matches(v, $0) }) { fail("type", "\(v.text.prefix(60)) is not \(types)") }
        }
        if let e = s["enum"] as? [String] {
            if case .string(let x) = v, e.contains(x) {} else { fail("enum", "\(v.text.prefix(60)) not in \(e)") }
        }
        if let p = s["pattern"] as? String, case .string(let x) = v, x.range(of: p, options: .regularExpression) == nil {
            fail("pattern", "'\(x)' does not match \(p)")
        }
        if let n = number(v) {
            if let lo = s["minimum"] as? Double, n < lo { fail("minimum", "\(n) < \(lo)") }
            if let hi = s["maximum"] as? Double, n > hi { fail("maximum", "\(n) > \(hi)") }
        }
        if case .array(let a) = v {
            if let lo = s["minItems"] as? Int, a.count < lo { fail("minItems", "\(a.count) < \(lo)") }
            if let hi = s["maxItems"] as? Int, a.count > hi { fail("maxItems", "\(a.count) > \(hi)") }
            if let items = s["items"] {
                for (i, el) in a.enumerated() { out += validate(el, items, path: path + [.index(i)]) }
            }
        }
        if case .object(let o) = v {
            let keys = o.map(\.0)
            let props = (s["properties"] as? [String: Any]) ?? [:]
            for r in (s["required"] as? [String]) ?? [] where !keys.contains(r) { fail("required", "'\(r)' is missing") }
            for (k, needs) in (s["dependentRequired"] as? [String: [String]]) ?? [:] where keys.contains(k) {
                for n in needs where !keys.contains(n) { fail("dependentRequired", "'\(k)' needs '\(n)'") }
            }
            for (k, value) in o {
                if let p = props[k] {
                    out += validate(value, p, path: path + [.key(k)])
                } else if let extra = s["additionalProperties"] {
                    if let b = extra as? Bool, !b {
                        out.append(Failure(path: path, keyword: "additionalProperties", detail: k))
                    } else {
                        out += validate(value, extra, path: path + [.entry(k)])
                    }
                }
            }
        }
        if let one = s["oneOf"] as? [Any] {
            let passing = one.filter { validate(v, $0, path: path).isEmpty }.count
            if passing != 1 { fail("oneOf", "\(passing) of \(one.count) alternatives hold") }
        }
        return out
    }

    private static func matches(_ v: TestJSON, _ type: String) -> Bool {
        switch (type, v) {
        case ("string", .string), ("boolean", .bool), ("null", .null), ("array", .array), ("object", .object),
             ("integer", .int), ("number", .int), ("number", .double): return true
        case ("integer", .double(let x)): return x == x.rounded()
        default: return false
        }
    }

    private static func number(_ v: TestJSON) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let x): return x
        default: return nil
        }
    }

    /// The shapes (paths with `*` for positions and free keys) of every
    /// mapping the schema describes with properties.
    static func shapes(_ schema: Any, at prefix: String = "") -> Set<String> {
        guard let s = schema as? [String: Any] else { return [] }
        var out: Set<String> = []
        if let props = s["properties"] as? [String: Any] {
            out.insert(prefix)
            for (k, v) in props { out.formUnion(shapes(v, at: prefix + "/" + k)) }
        }
        if let items = s["items"] { out.formUnion(shapes(items, at: prefix + "/*")) }
        if let extra = s["additionalProperties"], !(extra is Bool) { out.formUnion(shapes(extra, at: prefix + "/*")) }
        return out
    }

    /// Every object an instance holds where its schema lists properties:
    /// the places a key can be added, each with its schema.
    static func objects(_ v: TestJSON, _ schema: Any, path: [PathStep] = []) -> [(path: [PathStep], schema: [String: Any])] {
        guard let s = schema as? [String: Any] else { return [] }
        var out: [(path: [PathStep], schema: [String: Any])] = []
        switch v {
        case .object(let o):
            let props = s["properties"] as? [String: Any]
            if props != nil { out.append((path, s)) }
            for (k, value) in o {
                if let p = props?[k] { out += objects(value, p, path: path + [.key(k)]) } else if let extra = s["additionalProperties"], !(extra is Bool) {
                    out += objects(value, extra, path: path + [.entry(k)])
                }
            }
        case .array(let a):
            if let items = s["items"] { for (i, el) in a.enumerated() { out += objects(el, items, path: path + [.index(i)]) } }
        default: break
        }
        return out
    }
}
