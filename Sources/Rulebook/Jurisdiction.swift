import Messages

/// A county, city or province that runs spot checks (`Rules/jurisdictions/`):
/// its name, the name of its body for each department and authority id, and
/// its leading group office. Departments are functions; a jurisdiction's
/// bodies are who performs them there (宽城满族自治县市场监督管理局 …).
public struct Jurisdiction: Sendable {
    public var id: String
    public var name: LocalizedText
    /// The body for each department or authority id.
    public var bodies: [String: LocalizedText]
    /// 领导小组办公室: where handling results are reported.
    public var leadOffice: LocalizedText
    public var place: Place
    /// Where each body id was written, for cross-reference errors.
    var bodyPlaces: [String: Place]

    public func body(_ id: String) -> LocalizedText? { bodies[id] }
}

enum JurisdictionLoader {
    static func load(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> Jurisdiction? {
        guard let root = file.rootValue else { return nil }
        let f = FieldReader(root, shape: OrganisationShapes.jurisdiction, diagnostics: &d)
        guard f.ok else { return nil }
        let before = d.errors.count
        let id = f.string("jurisdiction", diagnostics: &d)
        if let id { Identifier.check(id, diagnostics: &d) }
        let name = f.string("name", diagnostics: &d)
        let nameEN = f.string("name_en", diagnostics: &d)
        let office = f.string("lead_office", diagnostics: &d)
        let officeEN = f.string("lead_office_en", diagnostics: &d)
        var bodies: [String: LocalizedText] = [:]
        var places: [String: Place] = [:]
        if let b = f.node("bodies"), !f.isInvalid("bodies") {
            for (k, v) in b.mapping ?? [] {
                guard let key = k.text else { continue }
                let bf = FieldReader(v, shape: OrganisationShapes.body, diagnostics: &d)
                guard bf.ok, let n = bf.string("name", diagnostics: &d) else { continue }
                bodies[key] = LocalizedText(zh: n.value, en: bf.string("name_en", diagnostics: &d)?.value ?? n.value)
                places[key] = k.place
            }
        }
        guard d.errors.count == before, let id, let name, let office else { return nil }
        return Jurisdiction(id: id.value, name: LocalizedText(zh: name.value, en: nameEN?.value ?? name.value), bodies: bodies,
                            leadOffice: LocalizedText(zh: office.value, en: officeEN?.value ?? office.value),
                            place: id.place, bodyPlaces: places)
    }
}
