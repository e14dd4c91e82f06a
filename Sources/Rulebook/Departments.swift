import Messages
/// A department that runs spot checks, and the problem domains it is
/// competent for (so a problem found by another department reaches it).
public struct Department: Sendable {
    public var id: String
    public var name: String
    public var nameEN: String?
    public var domains: [String]
    public var place: Place
}

/// A body that receives referrals but runs no checklist: the judiciary
/// (public security) for suspected crimes, the credit record.
public struct Authority: Sendable {
    public var id: String
    public var name: String
    public var nameEN: String?
    public var kind: String
    public var place: Place
}

enum DepartmentsLoader {
    /// Every department whose id is valid is kept, even when another of its
    /// fields is wrong (reported), so the files that name it do not add a
    /// second error for the same mistake.
    static func load(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> [Department] {
        guard let root = file.rootValue else { return [] }
        let top = FieldReader(root, shape: OrganisationShapes.departments, diagnostics: &d)
        var out: [Department] = []
        for v in top.list("departments", diagnostics: &d) ?? [] {
            let f = FieldReader(v, shape: OrganisationShapes.department, diagnostics: &d)
            guard f.ok, let id = f.string("id", diagnostics: &d), Identifier.check(id, diagnostics: &d) else { continue }
            let domains = f.strings("domains", diagnostics: &d) ?? []
            out.append(Department(id: id.value, name: f.string("name", diagnostics: &d)?.value ?? id.value,
                                  nameEN: f.string("name_en", diagnostics: &d)?.value, domains: domains.map(\.value), place: id.place))
        }
        return out
    }

    static func loadAuthorities(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> [Authority] {
        guard let root = file.rootValue else { return [] }
        let top = FieldReader(root, shape: OrganisationShapes.authorities, diagnostics: &d)
        var out: [Authority] = []
        for v in top.list("authorities", diagnostics: &d) ?? [] {
            let f = FieldReader(v, shape: OrganisationShapes.authority, diagnostics: &d)
            guard f.ok, let id = f.string("id", diagnostics: &d), Identifier.check(id, diagnostics: &d) else { continue }
            out.append(Authority(id: id.value, name: f.string("name", diagnostics: &d)?.value ?? id.value,
                                 nameEN: f.string("name_en", diagnostics: &d)?.value,
                                 kind: f.string("kind", diagnostics: &d)?.value ?? "", place: id.place))
        }
        return out
    }
}

/// Ids are lower-case words joined by underscores: `[a-z][a-z0-9_]*`.
enum Identifier {
    /// The same rule as a regular expression, for the JSON Schema.
    static let pattern = "^[a-z][a-z0-9_]*$"

    static func isValid(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first >= "a" && first <= "z" else { return false }
        return s.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
    }

    @discardableResult
    static func check(_ id: Located<String>, diagnostics d: inout Diagnostics) -> Bool {
        if isValid(id.value) { return true }
        d.error(id.place, zh: "标识“\(id.value)”不合规则：应由小写字母开头，只含小写字母、数字和下划线",
                en: "id '\(id.value)' is not valid: it must match [a-z][a-z0-9_]*")
        return false
    }
}

extension YAMLFile {
    var rootValue: YAMLValue? { root.map { YAMLValue(node: $0, source: source) } }
}
