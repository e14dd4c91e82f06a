import Messages
import Rulebook

/// One inspected task (one entity checked in one plan, by one department or
/// jointly): the unit the statistics count.
public struct InspectionFact: Sendable, Hashable {
    public var plan: String
    public var year: Int
    /// The plan joins two or more departments (跨部门联合抽查).
    public var joint: Bool
    /// The plan draws by credit-risk grade (信用风险分级分类), as it says (`sample.credit_graded`).
    public var creditGraded: Bool
    public var entity: String
    public var creditGrade: String?
    /// Each inspecting department's result code.
    public var departmentResults: [String: String]
    /// The disclosed result: the department result of highest rank.
    public var resultCode: String
    /// Some department found a violation.
    public var problemFound: Bool
    /// Violations on key items (重点检查事项).
    public var keyItemViolations: Int

    public init(plan: String, year: Int, joint: Bool, creditGraded: Bool, entity: String, creditGrade: String?,
                departmentResults: [String: String], resultCode: String, problemFound: Bool, keyItemViolations: Int = 0) {
        self.plan = plan; self.year = year; self.joint = joint; self.creditGraded = creditGraded; self.entity = entity
        self.creditGrade = creditGrade; self.departmentResults = departmentResults; self.resultCode = resultCode
        self.problemFound = problemFound; self.keyItemViolations = keyItemViolations
    }
}

/// What the statistics count besides inspections: drawn and disclosed
/// tasks, referrals due and closed.
public struct ProgressCounts: Sendable, Hashable {
    /// Drawn tasks that some department still has to inspect (not taken off every list).
    public var drawnTasks = 0
    public var disclosedTasks = 0
    /// Referrals due by the report day (superseded ones aside).
    public var referralsDue = 0
    public var referralsClosed = 0
    public init() {}
}

/// Statistics against `Rules/targets.yaml` (SPEC.md §9).
///
/// The shares follow the seed plan ("部门联合抽查数量占比不低于总数的25%，
/// 抽查主体数量占比不低于总数的15%", "运用信用风险分级分类开展的抽查数量占比…80%以上"):
/// - joint inspections: inspected tasks of plans joining departments, over inspected tasks;
/// - joint entities: distinct entities inspected in joint tasks, over distinct entities inspected;
/// - credit-graded inspections: inspected tasks of credit-graded plans, over inspected tasks;
/// - problem discovery rate: inspected tasks where a department found a violation, over inspected tasks;
/// - completion rate: drawn tasks disclosed, over drawn tasks;
/// - referral closure rate: referrals closed, over referrals due.
public struct Statistics: Sendable {
    public struct TargetResult: Sendable {
        public var target: Target
        public var numerator: Int
        public var denominator: Int
        public var share: Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }
        /// nil when the target has no threshold or there is no data.
        public var met: Bool? {
            guard let goal = target.atLeast, let share else { return nil }
            return share + 1e-12 >= goal
        }
    }

    /// Inspected tasks.
    public var inspections: Int
    /// One department's inspection of one task counts once.
    public var departmentInspections: Int
    public var entities: Int
    public var keyItemViolations: Int
    public var progress: ProgressCounts
    public var byResult: [(code: String, count: Int)]
    public var byDepartment: [(department: String, count: Int)]
    /// Entities by credit-risk grade (from credit-graded plans; "—" for others).
    public var byCreditGrade: [(grade: String, count: Int)]
    /// The directory column the grades come from, when one is (`CreditGrades.column`).
    public var creditGradeColumn: String?
    public var targets: [TargetResult]

    public init(_ facts: [InspectionFact], progress: ProgressCounts, targets: [Target], resultOrder: [String]) {
        inspections = facts.count
        departmentInspections = facts.reduce(0) { $0 + $1.departmentResults.count }
        entities = Set(facts.map(\.entity)).count
        keyItemViolations = facts.reduce(0) { $0 + $1.keyItemViolations }
        self.progress = progress
        var results: [String: Int] = [:], departments: [String: Int] = [:]
        var grades: [String: Set<String>] = [:]
        for f in facts {
            results[f.resultCode, default: 0] += 1
            for d in f.departmentResults.keys { departments[d, default: 0] += 1 }
            grades[f.creditGrade ?? "—", default: []].insert(f.entity)
        }
        byResult = (resultOrder + results.keys.filter { !resultOrder.contains($0) }.sorted()).compactMap { code in results[code].map { (code, $0) } }
        byDepartment = departments.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        byCreditGrade = grades.sorted { $0.key < $1.key }.map { ($0.key, $0.value.count) }
        let joint = facts.filter(\.joint)
        let counts: [Target.Measure: (Int, Int)] = [
            .jointInspections: (joint.count, facts.count),
            .jointEntities: (Set(joint.map(\.entity)).count, entities),
            .creditGradedInspections: (facts.filter(\.creditGraded).count, facts.count),
            .problemDiscoveryRate: (facts.filter(\.problemFound).count, facts.count),
            .completionRate: (progress.disclosedTasks, progress.drawnTasks),
            .referralClosureRate: (progress.referralsClosed, progress.referralsDue),
        ]
        self.targets = targets.map { t in
            let (n, d) = counts[t.measure] ?? (0, 0)
            return TargetResult(target: t, numerator: n, denominator: d)
        }
    }
}
