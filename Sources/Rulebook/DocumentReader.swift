import Messages
import WorkingDays

/// Public, position-keeping access to the top-level fields of a YAML
/// document, for the modules that read input files (findings, submissions)
/// with the same diagnostics as the rule files.
public struct DocumentReader {
    private let fields: FieldReader
    public let rootPlace: Place

    public init?(_ file: YAMLFile, allowed: [String], what: LocalizedText, diagnostics d: inout Diagnostics) {
        guard let root = file.rootValue else {
            d.error(Place(path: file.path, line: 1, column: 1), zh: "文件为空", en: "the file is empty")
            return nil
        }
        fields = FieldReader(root, allowed: allowed, what: what, diagnostics: &d)
        rootPlace = root.place
        guard fields.ok else { return nil }
    }

    public func place(of key: String) -> Place? { fields.node(key)?.place }

    public func string(_ key: String, required: Bool, _ d: inout Diagnostics) -> Located<String>? {
        fields.string(key, required: required, diagnostics: &d)
    }

    public func strings(_ key: String, _ d: inout Diagnostics) -> [Located<String>] {
        fields.strings(key, diagnostics: &d) ?? []
    }

    public func datum(_ key: String) -> Datum? { fields.node(key)?.datum }

    public func date(_ key: String, _ d: inout Diagnostics) -> CivilDate? {
        guard let v = fields.require(key, diagnostics: &d) else { return nil }
        if case .date(let p) = v.resolved, let c = CivilDate(year: p.year, month: p.month, day: p.day) { return c }
        if let t = v.text, let c = CivilDate(t) { return c }
        d.error(v.place, zh: "“\(key)”应为日期（如 2024-06-12）", en: "'\(key)' must be a date such as 2024-06-12")
        return nil
    }

    public func entries(_ key: String, _ d: inout Diagnostics) -> [(key: Located<String>, value: Located<Datum>)]? {
        guard let v = fields.node(key) else { return nil }
        if v.isNull { return [] }
        return v.locatedEntries(diagnostics: &d, what: LocalizedText(zh: "“\(key)”", en: "'\(key)'"))
    }

    public func enumValue<E: RawRepresentable>(_ key: String, _ type: E.Type, default value: E, _ d: inout Diagnostics) -> E
        where E.RawValue == String, E: CaseIterable
    {
        guard let s = fields.string(key, diagnostics: &d) else { return value }
        if let e = E(rawValue: s.value) { return e }
        let allowed = E.allCases.map(\.rawValue).joined(separator: "、")
        d.error(s.place, zh: "“\(key)”应为 \(allowed) 之一，实为“\(s.value)”", en: "'\(key)' must be one of \(allowed), not '\(s.value)'")
        return value
    }
}
