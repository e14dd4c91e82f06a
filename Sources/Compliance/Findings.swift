import Messages
import Rulebook
import WorkingDays

/// What inspectors recorded for one entity and one checklist (SPEC.md §6).
public struct Findings: Sendable {
    public enum Signature: String, Sendable, CaseIterable { case signed, refused }
    public enum Cooperation: String, Sendable, CaseIterable {
        case cooperated, obstructed, unreachable
        case notOperating = "not_operating"
    }

    public var path: String
    public var submissionID: String?
    public var plan: String?
    public var task: String?
    /// The entity's directory row as data (id, name, kind, …).
    public var entity: [String: Datum]
    public var entityPlace: Place
    public var department: Located<String>
    public var checklist: Located<String>
    public var inspectedOn: CivilDate
    public var inspectors: [Located<String>]
    public var signature: Signature
    public var refusalNote: String?
    public var cooperation: Cooperation
    public var answers: [(key: Located<String>, value: Located<Datum>)]
    public var notes: [String: String]
    public var evidence: [String: [String]]
    public var rectifiedOnSite: [Located<String>]

    public var entityID: String {
        if case .string(let s)? = entity["id"] { return s }
        return ""
    }
    public var entityName: String {
        if case .string(let s)? = entity["name"] { return s }
        return entityID
    }

    public init(path: String, entity: [String: Datum], entityPlace: Place, department: Located<String>,
                checklist: Located<String>, inspectedOn: CivilDate, answers: [(key: Located<String>, value: Located<Datum>)],
                cooperation: Cooperation = .cooperated, signature: Signature = .signed) {
        self.path = path
        self.entity = entity
        self.entityPlace = entityPlace
        self.department = department
        self.checklist = checklist
        self.inspectedOn = inspectedOn
        self.inspectors = []
        self.signature = signature
        self.cooperation = cooperation
        self.answers = answers
        self.notes = [:]
        self.evidence = [:]
        self.rectifiedOnSite = []
    }
}
