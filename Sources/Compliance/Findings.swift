import Messages
import Rulebook
import WorkingDays

/// What inspectors recorded for one entity and one checklist (SPEC.md §6).
public struct Findings: Sendable {
    public enum Signature: String, Sendable, CaseIterable, Codable { case signed, refused }
    public enum Cooperation: String, Sendable, CaseIterable, Codable {
        case cooperated, obstructed, unreachable
        case notOperating = "not_operating"
    }

    /// A specialist sent to help inspectors who cannot do a specialised item
    /// alone (选派专业人员协助). Personal data: never published.
    public struct Assistant: Sendable, Hashable, Codable {
        public var name: String
        public var organisation: String
        public init(name: String, organisation: String) {
            self.name = name
            self.organisation = organisation
        }
    }

    public var path: String
    public var submissionID: Located<String>?
    public var plan: Located<String>?
    public var task: Located<String>?
    /// The entity's directory row as data (id, name, kind, …).
    public var entity: [String: Datum]
    public var entityPlace: Place
    public var department: Located<String>
    public var checklist: Located<String>
    public var inspectedOn: CivilDate
    public var inspectedOnPlace: Place
    public var inspectors: [Located<String>]
    /// Where `inspectors:` was written.
    public var inspectorsPlace: Place
    public var signature: Signature
    public var refusalNote: String?
    public var cooperation: Cooperation
    public var answers: [(key: Located<String>, value: Located<Datum>)]
    /// Where `answers:` was written: unanswered items are reported there.
    public var answersPlace: Place
    public var notes: [(key: Located<String>, text: String)]
    public var evidence: [(key: Located<String>, files: [String])]
    public var rectifiedOnSite: [Located<String>]
    /// The inspection methods used (实地核查, 书面检查 …); empty when not said.
    public var methods: [InspectionMethod]
    public var assistants: [Assistant]

    public var entityID: String {
        if case .string(let s)? = entity["id"] { return s }
        return ""
    }
    public var entityName: String {
        if case .string(let s)? = entity["name"] { return s }
        return entityID
    }

    /// The task's full id, `<plan>/T-nnnn`, when the findings name one.
    public var taskID: String? {
        guard let task = task?.value else { return nil }
        if let plan = plan?.value, !task.hasPrefix(plan + "/") { return plan + "/" + task }
        return task
    }

    /// The plan, as given or as the first part of a full task id.
    public var planID: String? {
        if let plan = plan?.value { return plan }
        guard let task = task?.value, let slash = task.lastIndex(of: "/") else { return nil }
        return String(task[..<slash])
    }

    public func note(_ item: String) -> String? { notes.first { $0.key.value == item }?.text }
    public func evidenceFiles(_ item: String) -> [String] { evidence.first { $0.key.value == item }?.files ?? [] }

    public init(path: String, entity: [String: Datum], entityPlace: Place, department: Located<String>,
                checklist: Located<String>, inspectedOn: CivilDate, answers: [(key: Located<String>, value: Located<Datum>)],
                cooperation: Cooperation = .cooperated, signature: Signature = .signed) {
        self.path = path
        self.entity = entity
        self.entityPlace = entityPlace
        self.department = department
        self.checklist = checklist
        self.inspectedOn = inspectedOn
        self.inspectedOnPlace = entityPlace
        self.inspectors = []
        self.inspectorsPlace = entityPlace
        self.signature = signature
        self.cooperation = cooperation
        self.answers = answers
        self.answersPlace = entityPlace
        self.notes = []
        self.evidence = []
        self.rectifiedOnSite = []
        self.methods = []
        self.assistants = []
    }
}
