import Foundation
import Messages

/// Whether a YAML value has the kind its shape declares; each problem
/// reported once, at the value, with the hint that fixes it. Nested
/// mappings (`.object`) are left to their own `FieldReader`.
enum ShapeCheck {
    /// Checks `v` against `shape`, reporting what is wrong; true when it fits.
    static func conforms(_ v: YAMLValue, _ shape: ValueShape, key: String, element: Bool = false, diagnostics d: inout Diagnostics) -> Bool {
        // Named only when something is wrong: this runs for every field read.
        var name: LocalizedText {
            element ? LocalizedText(zh: "“\(key)”的元素", en: "an element of '\(key)'") : LocalizedText(zh: "“\(key)”", en: "'\(key)'")
        }
        func wrong(_ zh: String, _ en: String, _ hint: LocalizedText = LocalizedText(zh: "", en: "")) -> Bool {
            d.error(v.place, zh: "\(name.zh)应为\(zh)，实为\(v.kindName.zh)\(hint.zh)", en: "\(name.en) must be \(en), not \(v.kindName.en)\(hint.en)")
            return false
        }
        if let fw = FullWidthHint.inValue(v, shape, key: key) {
            d.append(fw)
            return false
        }
        switch shape {
        case .anything, .object: return true
        case .text, .expression, .identifier, .pattern:
            return isText(v) || wrong("文本", "text", tagHint(v))
        case .boolean:
            if case .bool = v.resolved { return true }
            return wrong(" true 或 false", "true or false", booleanHint(v))
        case .integer(let b):
            guard case .int(let i) = v.resolved else { return wrong("整数", "an integer", FullWidthHint.forNumber(v)) }
            return within(i, b, name, v, &d)
        case .number(let b):
            switch v.resolved {
            case .int(let i): return within(Double(i), b, name, v, &d)
            case .double(let x): return within(x, b, name, v, &d)
            default: return wrong("数值", "a number", FullWidthHint.forNumber(v))
            }
        case .date:
            if case .date = v.resolved { return true }
            let quoted = v.scalar.map { $0.style != .plain && CivilDateText.parse($0.string) != nil } ?? false
            return wrong("日期（如 2024-05-10）", "a date such as 2024-05-10",
                         quoted ? LocalizedText(zh: "（日期不加引号）", en: " (write dates without quotes)") : LocalizedText(zh: "", en: ""))
        case .choice(let c):
            guard isText(v), let word = v.text else { return wrong(c.values.spelledOut(.zh), c.values.spelledOut(.en)) }
            if c.values.contains(word) { return true }
            let hint = Suggestion.hint(word, in: c.values, aliases: c.aliases)
            d.error(v.place, zh: "\(c.what.zh)应为 \(c.values.spelledOut(.zh))，实为“\(word)”\(hint.zh)",
                    en: "\(c.what.en) must be \(c.values.spelledOut(.en)), not '\(word)'\(hint.en)")
            return false
        case .list(let element, _):
            guard let items = v.sequence else { return wrong("列表", "a list", FullWidthHint.forList(v)) }
            var ok = true
            for item in items where !conforms(item, element, key: key, element: true, diagnostics: &d) { ok = false }
            return ok
        case .dictionary(let value):
            guard let pairs = v.mapping else { return wrong("映射", "a mapping", FullWidthHint.forMapping(v)) }
            var ok = true
            for (k, item) in pairs where !conforms(item, value, key: k.text ?? key, diagnostics: &d) { ok = false }
            return ok
        }
    }

    /// Whether `v` fits `shape`, without reporting (the report was made).
    static func fits(_ v: YAMLValue, _ shape: ValueShape) -> Bool {
        var scratch = Diagnostics()
        return conforms(v, shape, key: "", diagnostics: &scratch)
    }

    private static func isText(_ v: YAMLValue) -> Bool {
        guard let s = v.scalar else { return false }
        return !v.isNull || s.style != .plain
    }

    private static func within<T: Comparable & Sendable>(_ x: T, _ b: Bounds<T>, _ name: LocalizedText, _ v: YAMLValue,
                                                       _ d: inout Diagnostics) -> Bool {
        if b.contains(x) { return true }
        let shown = v.text ?? "\(x)"
        if let m = b.message {
            d.error(v.place, zh: m.zh.replacingOccurrences(of: "{value}", with: shown), en: m.en.replacingOccurrences(of: "{value}", with: shown))
        } else if let lo = b.min, let hi = b.max {
            d.error(v.place, zh: "\(name.zh)应在 \(lo) 至 \(hi) 之间，实为 \(shown)", en: "\(name.en) must be \(lo) to \(hi), not \(shown)")
        } else if let lo = b.min {
            d.error(v.place, zh: "\(name.zh)应不小于 \(lo)，实为 \(shown)", en: "\(name.en) must be at least \(lo), not \(shown)")
        } else if let hi = b.max {
            d.error(v.place, zh: "\(name.zh)应不大于 \(hi)，实为 \(shown)", en: "\(name.en) must be at most \(hi), not \(shown)")
        }
        return false
    }

    /// `relevant: !uses_gas`: YAML reads a leading `!` as a tag (and `&`
    /// as an anchor), leaving no text; the expression needs quotes.
    private static func tagHint(_ v: YAMLValue) -> LocalizedText {
        let lines = v.source.lines
        guard let m = v.node.mark, m.line >= 1, m.line <= lines.count, m.column >= 1, m.column <= lines[m.line - 1].count else {
            return LocalizedText(zh: "", en: "")
        }
        let rest = lines[m.line - 1][(m.column - 1)...]
        guard let first = rest.first, first == "!" || first == "&" else { return LocalizedText(zh: "", en: "") }
        let shown = String(rest).components(separatedBy: " #").first?.trimmingCharacters(in: .whitespaces) ?? ""
        return LocalizedText(zh: "（以“\(first)”开头的值会被 YAML 另作他用：整个值要加引号，如 \"\(shown)\"）",
                             en: " (YAML reads a value starting with '\(first)' otherwise: put the whole value in quotes, as in \"\(shown)\")")
    }

    /// `是`, `yes`, `对` → true; `否`, `no`, `不` → false.
    static func booleanHint(_ v: YAMLValue) -> LocalizedText {
        guard let t = v.text?.lowercased() else { return LocalizedText(zh: "", en: "") }
        let yes: Set<String> = ["是", "yes", "y", "on", "对", "有", "真", "√", "t", "1"]
        let no: Set<String> = ["否", "no", "n", "off", "不", "无", "没有", "假", "×", "f", "0"]
        let meant = yes.contains(t) ? "true" : (no.contains(t) ? "false" : nil)
        guard let meant else { return LocalizedText(zh: "", en: "") }
        return LocalizedText(zh: "（是否应为“\(meant)”？）", en: " (did you mean '\(meant)'?)")
    }
}
