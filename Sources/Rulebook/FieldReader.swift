import Messages

/// Reads the fields of one YAML mapping against its declared shape: every
/// key must be known, required keys must be there, and each value must have
/// the declared kind (a closed-set word must be one of the set). Each
/// problem is reported once, where it is, with a "did you mean" where one
/// helps; the typed reads then return nil for a key already reported, so a
/// loader never adds a second error for the same mistake and can skip the
/// checks that depend on a wrong value (`isInvalid`).
struct FieldReader {
    let value: YAMLValue
    let shape: ObjectShape?
    private var fields: [String: (key: YAMLValue, value: YAMLValue)] = [:]
    var ok: Bool
    /// How many keys were not in the schema (already reported).
    private(set) var unknownKeys = 0
    /// Keys whose value was of the wrong kind (already reported).
    private(set) var invalid: Set<String> = []
    /// Allowed keys that a misspelt key was probably meant as: their
    /// absence is the same mistake, not a second one.
    private(set) var suggested: Set<String> = []

    /// Reads `value` against `shape`, reporting unknown keys, missing
    /// required keys and values of the wrong kind.
    init(_ value: YAMLValue, shape: ObjectShape, diagnostics d: inout Diagnostics) {
        self.init(value, allowed: shape.keys, what: shape.what, shape: shape, diagnostics: &d)
        guard ok else { return }
        for field in shape.fields {
            if let v = fields[field.key]?.value {
                if !ShapeCheck.conforms(v, field.shape, key: field.key, diagnostics: &d) { invalid.insert(field.key) }
            } else if field.required, !suggested.contains(field.key) {
                d.error(value.place, zh: "缺少必填的键“\(field.key)”", en: "missing required key '\(field.key)'")
            }
        }
    }

    /// Reads a mapping that has no declared shape (input documents): only
    /// the keys are checked here; each typed read checks its value.
    init(_ value: YAMLValue, allowed: [String], what: LocalizedText, diagnostics d: inout Diagnostics) {
        self.init(value, allowed: allowed, what: what, shape: nil, diagnostics: &d)
    }

    private init(_ value: YAMLValue, allowed: [String], what: LocalizedText, shape: ObjectShape?, diagnostics d: inout Diagnostics) {
        self.value = value
        self.shape = shape
        guard let pairs = value.mapping else {
            d.error(value.place, zh: "\(what.zh)应为映射，实为\(value.kindName.zh)" + FullWidthHint.forMapping(value).zh,
                    en: "\(what.en) must be a mapping, not \(value.kindName.en)" + FullWidthHint.forMapping(value).en)
            ok = false
            return
        }
        ok = true
        for (k, v) in pairs {
            guard let name = k.text else {
                d.error(k.place, zh: "键必须是字符串", en: "keys must be strings")
                continue
            }
            if !allowed.contains(name) {
                unknownKeys += 1
                if let fw = FullWidthHint.inKey(k, allowed: allowed) {
                    d.append(fw)
                    continue
                }
                let best = Suggestion.closest(name, in: allowed)
                if let best { suggested.insert(best) }
                let hint = Suggestion.hint(name, in: allowed)
                d.error(k.place, zh: "\(what.zh)中不认识的键“\(name)”" + hint.zh, en: "unknown key '\(name)' in \(what.en)" + hint.en)
                continue
            }
            fields[name] = (k, v)
        }
    }

    func has(_ key: String) -> Bool { fields[key] != nil }
    /// Whether the key is there and its value was reported as wrong.
    func isInvalid(_ key: String) -> Bool { invalid.contains(key) }
    /// Whether the key is missing because a misspelt key stands for it.
    func isMisspelt(_ key: String) -> Bool { suggested.contains(key) }
    func node(_ key: String) -> YAMLValue? { fields[key]?.value }
    func keyPlace(_ key: String) -> Place? { fields[key]?.key.place }

    /// The value of a key that must be there; a missing one is reported
    /// (unless the shape has reported it, or a misspelt key stands for it).
    @discardableResult
    func require(_ key: String, diagnostics: inout Diagnostics) -> YAMLValue? {
        if let v = fields[key]?.value { return v }
        let reported = shape?.field(key)?.required == true || suggested.contains(key)
        if ok, !reported {
            diagnostics.error(value.place, zh: "缺少必填的键“\(key)”", en: "missing required key '\(key)'")
        }
        return nil
    }

    private func read(_ key: String, required: Bool, _ d: inout Diagnostics) -> YAMLValue? {
        guard !invalid.contains(key) else { return nil }
        return required ? require(key, diagnostics: &d) : node(key)
    }

    func string(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Located<String>? {
        guard let v = read(key, required: required, &diagnostics) else { return nil }
        guard let s = v.scalar, !v.isNull || s.style != .plain else {
            diagnostics.error(v.place, zh: "“\(key)”应为文本，实为\(v.kindName.zh)", en: "'\(key)' must be text, not \(v.kindName.en)")
            return nil
        }
        var located = Located(s.string, v.place, quoted: s.style == .singleQuoted || s.style == .doubleQuoted)
        located.origin = v.origin
        return located
    }

    func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let v = read(key, required: false, &diagnostics) else { return nil }
        if case .bool(let b) = v.resolved { return b }
        diagnostics.error(v.place, zh: "“\(key)”应为 true 或 false，实为\(v.kindName.zh)",
                          en: "'\(key)' must be true or false, not \(v.kindName.en)")
        return nil
    }

    func number(_ key: String, diagnostics: inout Diagnostics) -> Located<Double>? {
        guard let v = read(key, required: false, &diagnostics) else { return nil }
        switch v.resolved {
        case .int(let i): return Located(Double(i), v.place)
        case .double(let d): return Located(d, v.place)
        default:
            diagnostics.error(v.place, zh: "“\(key)”应为数值，实为\(v.kindName.zh)", en: "'\(key)' must be a number, not \(v.kindName.en)")
            return nil
        }
    }

    func integer(_ key: String, diagnostics: inout Diagnostics) -> Located<Int>? {
        guard let v = read(key, required: false, &diagnostics) else { return nil }
        if case .int(let i) = v.resolved { return Located(i, v.place) }
        diagnostics.error(v.place, zh: "“\(key)”应为整数，实为\(v.kindName.zh)", en: "'\(key)' must be an integer, not \(v.kindName.en)")
        return nil
    }

    func list(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> [YAMLValue]? {
        guard let v = read(key, required: required, &diagnostics) else { return nil }
        guard let items = v.sequence else {
            diagnostics.error(v.place, zh: "“\(key)”应为列表，实为\(v.kindName.zh)", en: "'\(key)' must be a list, not \(v.kindName.en)")
            return nil
        }
        return items
    }

    /// The text elements of a list; with a shape, the elements that fit it
    /// (the others were reported).
    func strings(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> [Located<String>]? {
        guard let items = list(key, required: required, diagnostics: &diagnostics) else { return nil }
        var element: ValueShape?
        if case .list(let e, _)? = shape?.field(key)?.shape { element = e }
        var out: [Located<String>] = []
        for item in items {
            guard let s = item.scalar, !item.isNull else {
                if element == nil {
                    diagnostics.error(item.place, zh: "“\(key)”的元素应为文本", en: "the elements of '\(key)' must be text")
                }
                continue
            }
            if let element, !ShapeCheck.fits(item, element) { continue }
            out.append(Located(s.string, item.place))
        }
        return out
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
