import Rulebook
import Testing
@testable import Spotcheck

/// The report's shares on a small example computed by hand.
@Suite("Statistics")
struct StatisticsTests {
    /// One inspected task: its departments' results, the combined (highest-rank) result, whether a problem was found.
    static func fact(_ plan: String, joint: Bool, graded: Bool, _ entity: String, _ grade: String?,
                     _ results: [String: String], _ combined: String, problem: Bool) -> InspectionFact {
        InspectionFact(plan: plan, year: 2024, joint: joint, creditGraded: graded, entity: entity, creditGrade: grade,
                       departmentResults: results, resultCode: combined, problemFound: problem)
    }

    static let facts: [InspectionFact] = [
        // P1: joint, credit-graded; E1 (A) and E2 (C), each inspected by d1 and d2.
        fact("P1", joint: true, graded: true, "E1", "A", ["d1": "no_problem", "d2": "pending"], "pending", problem: true),
        fact("P1", joint: true, graded: true, "E2", "C", ["d1": "no_problem", "d2": "corrected"], "corrected", problem: true),
        // P2: one department, not graded: E2 again, E3 (B), E4 (no grade).
        fact("P2", joint: false, graded: false, "E2", "C", ["d1": "no_problem"], "no_problem", problem: false),
        fact("P2", joint: false, graded: false, "E3", "B", ["d1": "pending"], "pending", problem: true),
        fact("P2", joint: false, graded: false, "E4", nil, ["d1": "unreachable"], "unreachable", problem: false),
        // P3: one department, graded: E5 (D).
        fact("P3", joint: false, graded: true, "E5", "D", ["d3": "pending"], "pending", problem: true),
    ]

    static let targets: [Target] = [
        Target(id: "joint", title: "联合抽查占比", titleEN: nil, measure: .jointInspections, atLeast: 0.25),
        Target(id: "entities", title: "联合抽查主体占比", titleEN: nil, measure: .jointEntities, atLeast: 0.15),
        Target(id: "credit", title: "信用分类抽查占比", titleEN: nil, measure: .creditGradedInspections, atLeast: 0.80),
        Target(id: "problems", title: "问题发现率", titleEN: nil, measure: .problemDiscoveryRate, atLeast: nil),
        Target(id: "completion", title: "完成率", titleEN: nil, measure: .completionRate, atLeast: 0.9),
        Target(id: "closure", title: "办结率", titleEN: nil, measure: .referralClosureRate, atLeast: nil),
    ]

    static var progress: ProgressCounts {
        var p = ProgressCounts()
        (p.drawnTasks, p.disclosedTasks, p.referralsDue, p.referralsClosed) = (8, 5, 4, 3)
        return p
    }

    @Test func sharesMatchTheHandComputedExample() {
        let s = Statistics(Self.facts, progress: Self.progress, targets: Self.targets,
                           resultOrder: ["no_problem", "corrected", "pending", "unreachable"])
        #expect(s.inspections == 6)
        #expect(s.departmentInspections == 8)
        #expect(s.entities == 5)
        // Joint tasks 2 of 6; entities in joint tasks E1, E2 of 5; graded tasks 3 of 6; problems in 4 of 6;
        // disclosed 5 of 8 drawn; referrals closed 3 of 4 due.
        #expect(s.targets.map { "\($0.numerator)/\($0.denominator)" } == ["2/6", "2/5", "3/6", "4/6", "5/8", "3/4"])
        #expect(s.targets.map(\.met) == [true, true, false, nil, false, nil])
        #expect(s.byResult.map { "\($0.code)=\($0.count)" } == ["no_problem=1", "corrected=1", "pending=3", "unreachable=1"])
        #expect(s.byDepartment.map { "\($0.department)=\($0.count)" } == ["d1=5", "d2=2", "d3=1"])
        #expect(s.byCreditGrade.map { "\($0.grade)=\($0.count)" } == ["A=1", "B=1", "C=1", "D=1", "—=1"])
    }

    @Test func noInspectionsGiveNoShares() {
        let s = Statistics([], progress: ProgressCounts(), targets: Self.targets, resultOrder: [])
        #expect(s.targets.allSatisfy { $0.share == nil && $0.met == nil })
    }
}
