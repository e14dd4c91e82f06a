import Messages
import Rulebook
import Store
import WorkingDays

/// `status` and `report` as JSON, one language at a time: what
/// `spotcheck status --json`, `spotcheck report --json` and the service's
/// `/api/v1/status` and `/api/v1/report` all print, from the same values.
public struct StatusDocument: Encodable, Sendable {
    public struct Item: Encodable, Sendable {
        public var kind: String
        public var kind_label: String
        public var subject: String
        public var plan: String
        public var responsible: String
        public var responsible_name: String
        public var due: String
        public var state: String
        public var state_label: String
        public var detail: String
    }
    public var jurisdiction: String
    public var on: String
    public var deadlines: [Item]
    public var overdue: Int

    /// The deadlines due and overdue on `day` (all with `all`), those one
    /// body must meet only when `responsible` is given, by due date.
    public init(_ office: CountyOffice, on day: CivilDate, responsible: String? = nil, all: Bool = false, language l: Language) throws(LifecycleError) {
        let items = try office.deadlines(on: day)
            .filter { all || $0.state == .due || $0.state == .overdue }
            .filter { responsible == nil || $0.responsible == responsible }
            .sorted { ($0.due, $0.subject) < ($1.due, $1.subject) }
        jurisdiction = office.id
        on = day.description
        deadlines = items.map { d in
            Item(kind: d.kind.rawValue, kind_label: d.kind.label.text(l), subject: d.subject, plan: d.plan, responsible: d.responsible,
                 responsible_name: d.responsible == CountyOffice.leadOffice ? office.jurisdiction.leadOffice.text(l) : office.name(of: d.responsible, l),
                 due: d.due.description, state: d.state.rawValue, state_label: d.state.label.text(l), detail: d.detail.text(l))
        }
        overdue = items.filter { $0.state == .overdue }.count
    }
}

/// The statistics against the targets as JSON.
public struct ReportDocument: Encodable, Sendable {
    public struct Progress: Encodable, Sendable {
        public var drawn_tasks: Int
        public var disclosed_tasks: Int
        public var referrals_due: Int
        public var referrals_closed: Int
    }
    public struct Count: Encodable, Sendable {
        public var id: String
        public var label: String
        public var count: Int
    }
    public struct TargetLine: Encodable, Sendable {
        public var id: String
        public var title: String
        public var measure: String
        public var numerator: Int
        public var denominator: Int
        public var share: Double?
        public var at_least: Double?
        public var met: Bool?
    }
    public struct Head: Encodable, Sendable {
        public var seq: Int
        public var hash: String
        public init(seq: Int, hash: String) { self.seq = seq; self.hash = hash }
    }
    public var jurisdiction: String
    public var year: Int?
    public var plan: String?
    public var department: String?
    public var on: String
    public var inspections: Int
    public var department_inspections: Int
    public var entities: Int
    public var key_item_violations: Int
    public var progress: Progress
    public var by_result: [Count]
    public var by_department: [Count]
    public var by_credit_grade: [Count]
    public var targets: [TargetLine]
    public var audit_head: Head

    public init(_ s: Statistics, office: CountyOffice, year: Int?, plan: String?, department: String?, on day: CivilDate,
                head: AuditHead, language l: Language) {
        let book = office.rulebook
        jurisdiction = office.id
        self.year = year
        self.plan = plan
        self.department = department
        on = day.description
        inspections = s.inspections
        department_inspections = s.departmentInspections
        entities = s.entities
        key_item_violations = s.keyItemViolations
        progress = Progress(drawn_tasks: s.progress.drawnTasks, disclosed_tasks: s.progress.disclosedTasks,
                            referrals_due: s.progress.referralsDue, referrals_closed: s.progress.referralsClosed)
        by_result = s.byResult.map { Count(id: $0.code, label: book.result($0.code)?.labelText(l) ?? $0.code, count: $0.count) }
        by_department = s.byDepartment.map { Count(id: $0.department, label: office.name(of: $0.department, l), count: $0.count) }
        by_credit_grade = s.byCreditGrade.map { Count(id: $0.grade, label: ReportOutput.gradeLabel($0.grade, s, book, l), count: $0.count) }
        targets = s.targets.map { t in
            TargetLine(id: t.target.id, title: t.target.titleText(l), measure: t.target.measure.rawValue, numerator: t.numerator,
                       denominator: t.denominator, share: t.share, at_least: t.target.atLeast, met: t.met)
        }
        audit_head = Head(seq: head.seq, hash: head.hash)
    }
}
