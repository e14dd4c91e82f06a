import Rulebook

/// One department's inspection of one entity in one plan: the unit the
/// statistics count.
public struct InspectionFact: Sendable, Hashable {
    public var plan: String
    public var year: Int
    /// The plan joins two or more departments (跨部门联合抽查).
    public var joint: Bool
    /// The plan draws by credit-risk grade (信用风险分级分类).
    public var creditGraded: Bool
    public var entity: String
    public var creditGrade: String?
    public var department: String
    public var resultCode: String

    public init(plan: String, year: Int, joint: Bool, creditGraded: Bool, entity: String, creditGrade: String?,
                department: String, resultCode: String) {
        self.plan = plan; self.year = year; self.joint = joint; self.creditGraded = creditGraded
        self.entity = entity; self.creditGrade = creditGrade; self.department = department; self.resultCode = resultCode
    }
}

/// Statistics against `Rules/targets.yaml` (SPEC.md §9).
///
/// The shares follow the wording of the seed plan ("部门联合抽查数量占比不低于总数的25%，
/// 抽查主体数量占比不低于总数的15%", "运用信用风险分级分类开展的抽查数量占比…80%以上"):
/// - joint inspections: spot-check tasks (plans) that join departments, over all tasks;
/// - joint entities: distinct entities inspected in joint tasks, over all distinct entities inspected;
/// - credit-graded inspections: tasks drawn by credit-risk grade, over all tasks.
public struct Statistics: Sendable {
    public struct TargetResult: Sendable {
        public var target: Target
        public var numerator: Int
        public var denominator: Int
        public var share: Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }
        public var met: Bool? { guard let goal = target.atLeast else { return nil }; return share.map { $0 + 1e-12 >= goal } }
    }

    public var inspections: Int
    public var tasks: Int
    public var entities: Int
    public var byResult: [(code: String, count: Int)]
    public var byDepartment: [(department: String, count: Int)]
    public var byCreditGrade: [(grade: String, count: Int)]
    public var targets: [TargetResult]

    public init(_ facts: [InspectionFact], targets: [Target], resultOrder: [String]) {
        inspections = facts.count
        let plans = Dictionary(grouping: facts, by: \.plan)
        tasks = plans.count
        let entityCount = Set(facts.map(\.entity)).count
        entities = entityCount
        func counted<K: Hashable>(_ key: (InspectionFact) -> K) -> [K: Int] {
            facts.reduce(into: [:]) { $0[key($1), default: 0] += 1 }
        }
        let results = counted(\.resultCode)
        byResult = (resultOrder + results.keys.filter { !resultOrder.contains($0) }.sorted())
            .compactMap { code in results[code].map { (code, $0) } }
        byDepartment = counted(\.department).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        // Credit grades count entities, once each.
        var grades: [String: Set<String>] = [:]
        for f in facts { grades[f.creditGrade ?? "—", default: []].insert(f.entity) }
        byCreditGrade = grades.sorted { $0.key < $1.key }.map { ($0.key, $0.value.count) }

        let jointTasks = plans.values.filter { $0.first!.joint }.count
        let gradedTasks = plans.values.filter { $0.first!.creditGraded }.count
        let jointEntities = Set(facts.filter(\.joint).map(\.entity)).count
        self.targets = targets.map { t in
            switch t.measure {
            case .jointInspections: return TargetResult(target: t, numerator: jointTasks, denominator: plans.count)
            case .jointEntities: return TargetResult(target: t, numerator: jointEntities, denominator: entityCount)
            case .creditGradedInspections: return TargetResult(target: t, numerator: gradedTasks, denominator: plans.count)
            default: return TargetResult(target: t, numerator: 0, denominator: 0)
            }
        }
    }
}
