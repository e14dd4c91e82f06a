import Messages
/// Reads the fields of one YAML mapping against a schema: every key must be
/// known, required keys must be there, and each value must have the right
/// shape. Problems go to the shared diagnostics; reads return nil on error so
/// the caller can go on and find the next problem.
struct FieldReader {
    let value: YAMLValue
    private var fields: [String: (key: YAMLValue, value: YAMLValue)] = [:]
    var ok: Bool
    /// How many keys were not in the schema (already reported).
    private(set) var unknownKeys = 0

    /// `what` names the object in messages, e.g. "检查事项"/"check item".
    init(_ value: YAMLValue, allowed: [String], what: LocalizedText, diagnostics: inout Diagnostics) {
        self.value = value
        guard let pairs = value.mapping else {
            diagnostics.error(value.place, zh: "\(what.zh)应为映射，实为\(value.kindName.zh)",
                              en: "\(what.en) must be a mapping, not \(value.kindName.en)")
            ok = false
            return
        }
        ok = true
        for (k, v) in pairs {
            guard let name = k.text else {
                diagnostics.error(k.place, zh: "键必须是字符串", en: "keys must be strings")
                continue
            }
            if !allowed.contains(name) {
                unknownKeys += 1
                let hint = Suggestion.closest(name, in: allowed)
                diagnostics.error(k.place,
                                  zh: "\(what.zh)中不认识的键“\(name)”" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                                  en: "unknown key '\(name)' in \(what.en)" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
                continue
            }
            fields[name] = (k, v)
        }
    }

    func has(_ key: String) -> Bool { fields[key] != nil }
    func node(_ key: String) -> YAMLValue? { fields[key]?.value }
    func keyPlace(_ key: String) -> Place? { fields[key]?.key.place }

    func require(_ key: String, diagnostics: inout Diagnostics) -> YAMLValue? {
        if let v = fields[key]?.value { return v }
        if ok {
            diagnostics.error(value.place, zh: "缺少必填的键“\(key)”", en: "missing required key '\(key)'")
        }
        return nil
    }

    func string(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Located<String>? {
        guard let v = required ? require(key, diagnostics: &diagnostics) : node(key) else { return nil }
        guard let s = v.scalar, !v.isNull || s.style != .plain else {
            diagnostics.error(v.place, zh: "“\(key)”应为文本，实为\(v.kindName.zh)", en: "'\(key)' must be text, not \(v.kindName.en)")
            return nil
        }
        var located = Located(s.string, v.place, quoted: s.style == .singleQuoted || s.style == .doubleQuoted)
        located.origin = v.origin
        return located
    }

    func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let v = node(key) else { return nil }
        if case .bool(let b) = v.resolved { return b }
        diagnostics.error(v.place, zh: "“\(key)”应为 true 或 false，实为\(v.kindName.zh)",
                          en: "'\(key)' must be true or false, not \(v.kindName.en)")
        return nil
    }

    func number(_ key: String, diagnostics: inout Diagnostics) -> Located<Double>? {
        guard let v = node(key) else { return nil }
        switch v.resolved {
        case .int(let i): return Located(Double(i), v.place)
        case .double(let d): return Located(d, v.place)
        default:
            diagnostics.error(v.place, zh: "“\(key)”应为数值，实为\(v.kindName.zh)", en: "'\(key)' must be a number, not \(v.kindName.en)")
            return nil
        }
    }

    func integer(_ key: String, diagnostics: inout Diagnostics) -> Located<Int>? {
        guard let v = node(key) else { return nil }
        if case .int(let i) = v.resolved { return Located(i, v.place) }
        diagnostics.error(v.place, zh: "“\(key)”应为整数，实为\(v.kindName.zh)", en: "'\(key)' must be an integer, not \(v.kindName.en)")
        return nil
    }

    func list(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> [YAMLValue]? {
        guard let v = required ? require(key, diagnostics: &diagnostics) : node(key) else { return nil }
        guard let items = v.sequence else {
            diagnostics.error(v.place, zh: "“\(key)”应为列表，实为\(v.kindName.zh)", en: "'\(key)' must be a list, not \(v.kindName.en)")
            return nil
        }
        return items
    }

    func strings(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> [Located<String>]? {
        guard let items = list(key, required: required, diagnostics: &diagnostics) else { return nil }
        var out: [Located<String>] = []
        for item in items {
            guard let s = item.scalar else {
                diagnostics.error(item.place, zh: "“\(key)”的元素应为文本", en: "the elements of '\(key)' must be text")
                continue
            }
            out.append(Located(s.string, item.place))
        }
        return out
    }

}

/// "Did you mean …?" for misspelt keys, ids and domains.
public enum Suggestion {
    /// The candidate nearest to a misspelling (edit distance), when close enough to help.
    public static func closest(_ name: String, in allowed: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var prev = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return prev[b.count]
        }
        let n = Array(name)
        let best = allowed.map { ($0, distance(n, Array($0))) }.min { $0.1 < $1.1 }
        guard let (word, d) = best, d <= max(1, n.count / 3) else { return nil }
        return word
    }
}

/// A value read from a file, with where it was read.
public struct Located<T: Sendable>: Sendable {
    public var value: T
    public var place: Place
    /// For text: whether the YAML scalar was quoted (shifts CEL columns by one).
    public var quoted: Bool
    /// For text read from YAML: where each character of it stands in the file.
    public var origin: ScalarOrigin?
    public init(_ value: T, _ place: Place, quoted: Bool = false) {
        self.value = value
        self.place = place
        self.quoted = quoted
    }
}
