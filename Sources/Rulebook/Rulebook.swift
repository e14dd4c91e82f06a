import Directories
import Foundation
import Messages
import WorkingDays

/// Everything in `Rules/` and `Checklists/`, loaded, compiled and
/// cross-checked: the single source the interpreter, the draw and the
/// reports read from.
public struct Rulebook: Sendable {
    public var jurisdictions: [Jurisdiction] = []
    public var departments: [Department] = []
    public var authorities: [Authority] = []
    public var routes: [Route] = []
    public var results: [ResultCategory] = []
    public var targets: [Target] = []
    public var entitySchema: DirectorySchema?
    public var inspectorSchema: DirectorySchema?
    /// How directory columns and their coded values read on forms and pages.
    public var columnDisplay: [String: ColumnDisplay] = [:]
    public var calendar: WorkingDayCalendar?
    public var plans: [Plan] = []
    public var checklists: [Checklist] = []
    public var disclosure: DisclosurePolicy = .standard
    /// The types rule expressions were checked against (from `Rules/directories.yaml`).
    public var contexts: ExpressionContexts = .untyped
    /// What files declare but did not load for an error already reported.
    var unloaded = Unloaded()

    /// Whether the departments (and their domains) are all known, so that
    /// a name that is not among them is a mistake of the file naming it.
    var departmentsKnown: Bool { !departments.isEmpty && !unloaded.incomplete.contains(.departments) }
    /// Whether every department and authority is known.
    var bodiesKnown: Bool { departmentsKnown && !unloaded.incomplete.contains(.authorities) }
    /// SHA-256 of every file the rulebook was loaded from, by path.
    public var fileHashes: [String: String] = [:]

    public func department(_ id: String) -> Department? { departments.first { $0.id == id } }
    public func authority(_ id: String) -> Authority? { authorities.first { $0.id == id } }
    public func checklist(_ id: String) -> Checklist? { checklists.first { $0.id == id } }
    public func plan(_ id: String) -> Plan? { plans.first { $0.id == id } }
    public func jurisdiction(_ id: String) -> Jurisdiction? { jurisdictions.first { $0.id == id } }
    public func result(_ code: String) -> ResultCategory? { results.first { $0.code == code } }

    /// The department competent for a problem domain.
    public func competentDepartment(for domain: String) -> Department? {
        departments.first { $0.domains.contains(domain) }
    }

    /// A department's or authority's name: the body of `jurisdiction` that
    /// performs it (宽城满族自治县市场监督管理局), or the function's own name
    /// (市场监督管理部门) where no jurisdiction is known.
    public func name(of id: String, in jurisdiction: String? = nil, _ language: Language = .zh) -> String {
        if let j = jurisdiction.flatMap({ self.jurisdiction($0) }), let body = j.body(id) { return body.text(language) }
        if let d = department(id) { return language == .en ? (d.nameEN ?? d.name) : d.name }
        if let a = authority(id) { return language == .en ? (a.nameEN ?? a.name) : a.name }
        return id
    }

    /// A directory value as people read it: a coded value by its label
    /// (`kindergarten` → 幼儿园), anything else as it is.
    public func displayValue(_ value: String, column: String, _ language: Language = .zh) -> String {
        columnDisplay[column]?.labels[value]?.text(language) ?? value
    }
}

