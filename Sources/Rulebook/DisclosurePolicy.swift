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
        let f = FieldReader(root, shape: SupportShapes.disclosure, diagnostics: &d)
        let rules = (f.strings("redact", diagnostics: &d) ?? []).compactMap { DisclosurePolicy.Rule(rawValue: $0.value) }
        var patterns: [(String, String)] = []
        for p in f.list("patterns", diagnostics: &d) ?? [] {
            let pf = FieldReader(p, shape: SupportShapes.pattern, diagnostics: &d)
            if let pattern = pf.string("pattern", diagnostics: &d), let replacement = pf.string("replacement", diagnostics: &d) {
                patterns.append((pattern.value, replacement.value))
            }
        }
        return DisclosurePolicy(rules: rules, patterns: patterns)
    }
}
