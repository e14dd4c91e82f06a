import Rulebook
import Testing
@testable import Spotcheck

/// The report's shares on a small example computed by hand.
@Suite("Statistics")
struct StatisticsTests {
    static func fact(_ plan: String, joint: Bool, graded: Bool, _ entity: String, _ grade: String?, _ dept: String, _ result: String) -> InspectionFact {
        InspectionFact(plan: plan, year: 2024, joint: joint, creditGraded: graded, entity: entity, creditGrade: grade,
                       department: dept, resultCode: result)
    }

    static let facts: [InspectionFact] = [
        // P1: joint, credit-graded, two departments, entities E1 (A) and E2 (C).
        fact("P1", joint: true, graded: true, "E1", "A", "d1", "no_problem"),
        fact("P1", joint: true, graded: true, "E1", "A", "d2", "pending"),
        fact("P1", joint: true, graded: true, "E2", "C", "d1", "no_problem"),
        fact("P1", joint: true, graded: true, "E2", "C", "d2", "corrected"),
        // P2: one department, not graded: E2 again, E3 (B), E4 (no grade).
        fact("P2", joint: false, graded: false, "E2", "C", "d1", "no_problem"),
        fact("P2", joint: false, graded: false, "E3", "B", "d1", "pending"),
        fact("P2", joint: false, graded: false, "E4", nil, "d1", "unreachable"),
        // P3: one department, graded: E5 (D).
        fact("P3", joint: false, graded: true, "E5", "D", "d3", "pending"),
    ]

    static let targets: [Target] = [
        Target(id: "joint", title: "联合抽查占比", titleEN: nil, measure: .jointInspections, atLeast: 0.25),
        Target(id: "entities", title: "联合抽查主体占比", titleEN: nil, measure: .jointEntities, atLeast: 0.15),
        Target(id: "credit", title: "信用分类抽查占比", titleEN: nil, measure: .creditGradedInspections, atLeast: 0.80),
    ]

    @Test func sharesMatchTheHandComputedExample() {
        let s = Statistics(Self.facts, targets: Self.targets, resultOrder: ["no_problem", "corrected", "pending", "unreachable"])
        #expect(s.inspections == 8)
        #expect(s.tasks == 3)
        #expect(s.entities == 5)
        // Joint tasks 1 of 3; entities in joint tasks E1, E2 of 5; graded tasks P1, P3 of 3.
        #expect(s.targets.map { "\($0.numerator)/\($0.denominator)" } == ["1/3", "2/5", "2/3"])
        #expect(s.targets.map(\.met) == [true, true, false])
        #expect(s.byResult.map { "\($0.code)=\($0.count)" } == ["no_problem=3", "corrected=1", "pending=3", "unreachable=1"])
        #expect(s.byDepartment.map { "\($0.department)=\($0.count)" } == ["d1=5", "d2=2", "d3=1"])
        #expect(s.byCreditGrade.map { "\($0.grade)=\($0.count)" } == ["A=1", "B=1", "C=1", "D=1", "—=1"])
    }

    @Test func noInspectionsGiveNoShares() {
        let s = Statistics([], targets: Self.targets, resultOrder: [])
        #expect(s.targets.allSatisfy { $0.share == nil && $0.met == nil })
    }
}
