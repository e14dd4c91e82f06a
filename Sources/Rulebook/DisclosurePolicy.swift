import Messages
/// What disclosure must remove before publishing (`Rules/disclosure.yaml`).
public struct DisclosurePolicy: Sendable {
    public enum Rule: String, Sendable, CaseIterable {
        case idCardNumbers = "id_card_numbers"
        case phoneNumbers = "phone_numbers"
        case personalColumns = "personal_columns"
    }
    public var rules: [Rule]
    public var patterns: [(pattern: String, replacement: String)]

    /// Without a file: remove everything SPEC.md §9 names.
    public static let standard = DisclosurePolicy(rules: Rule.allCases, patterns: [])

    public init(rules: [Rule], patterns: [(pattern: String, replacement: String)]) {
        self.rules = rules
        self.patterns = patterns
    }
}

enum DisclosurePolicyLoader {
    static func load(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> DisclosurePolicy? {
        guard let root = file.rootValue else { return nil }
        let f = FieldReader(root, allowed: ["redact", "patterns"], what: LocalizedText(zh: "公示规则", en: "the disclosure rules"), diagnostics: &d)
        var rules: [DisclosurePolicy.Rule] = []
        for r in f.strings("redact", required: true, diagnostics: &d) ?? [] {
            if let rule = DisclosurePolicy.Rule(rawValue: r.value) { rules.append(rule) } else {
                d.error(r.place, zh: "未知的隐去规则“\(r.value)”（可用：id_card_numbers、phone_numbers、personal_columns）",
                        en: "unknown redaction rule '\(r.value)' (id_card_numbers, phone_numbers, personal_columns)")
            }
        }
        var patterns: [(String, String)] = []
        for p in f.list("patterns", diagnostics: &d) ?? [] {
            let pf = FieldReader(p, allowed: ["pattern", "replacement"], what: LocalizedText(zh: "隐去模式", en: "a pattern"), diagnostics: &d)
            if let pattern = pf.string("pattern", required: true, diagnostics: &d), let replacement = pf.string("replacement", required: true, diagnostics: &d) {
                patterns.append((pattern.value, replacement.value))
            }
        }
        return DisclosurePolicy(rules: rules, patterns: patterns)
    }
}
