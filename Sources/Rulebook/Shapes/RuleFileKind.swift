import Messages

/// The kinds of rule file, each known by a top-level key, each with the
/// shape its loader reads and its JSON Schema is generated from.
public enum RuleFileKind: String, CaseIterable, Sendable {
    case checklist, plan, departments, authorities, jurisdictions, routing, results, targets, directories, calendar, disclosure

    /// The top-level key that tells a file of this kind.
    public var marker: String {
        switch self {
        case .checklist: return "checklist"
        case .plan: return "plan"
        case .departments: return "departments"
        case .authorities: return "authorities"
        case .jurisdictions: return "jurisdiction"
        case .routing: return "routes"
        case .results: return "results"
        case .targets: return "targets"
        case .directories: return "entities"
        case .calendar: return "year"
        case .disclosure: return "redact"
        }
    }

    /// Where files of this kind live, for the schema's description.
    public var location: String {
        switch self {
        case .checklist: return "Checklists/<department>/<name>.yaml"
        case .plan: return "Rules/plans/<id>.yaml"
        case .jurisdictions: return "Rules/jurisdictions/<id>.yaml"
        case .calendar: return "Rules/calendar/<year>.yaml"
        case .routing: return "Rules/routing.yaml"
        case .directories: return "Rules/directories.yaml"
        case .disclosure: return "Rules/disclosure.yaml"
        default: return "Rules/\(rawValue).yaml"
        }
    }

    /// The shape of the whole file.
    public var shape: ObjectShape {
        switch self {
        case .checklist: return ChecklistShapes.checklist
        case .plan: return PlanShapes.plan
        case .departments: return OrganisationShapes.departments
        case .authorities: return OrganisationShapes.authorities
        case .jurisdictions: return OrganisationShapes.jurisdiction
        case .routing: return OrganisationShapes.routing
        case .results: return OrganisationShapes.results
        case .targets: return OrganisationShapes.targets
        case .directories: return SupportShapes.directories
        case .calendar: return SupportShapes.calendar
        case .disclosure: return SupportShapes.disclosure
        }
    }

    /// The kind a file's top-level keys tell, in this order of precedence.
    static func of(keys: [String]) -> RuleFileKind? {
        allCases.first { keys.contains($0.marker) }
    }

    /// For a file no key identifies: the key that looks like a misspelt
    /// marker (`checklst:`), with the marker it was probably meant as.
    static func misspeltMarker(in keys: [String]) -> (key: String, marker: String)? {
        let markers = allCases.map(\.marker)
        for key in keys {
            if let m = Suggestion.closest(key, in: markers) { return (key, m) }
        }
        return nil
    }
}
