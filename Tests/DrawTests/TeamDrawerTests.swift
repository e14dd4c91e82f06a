import Testing
@testable import Draw

@Suite("Inspector teams")
struct TeamDrawerTests {
    let inspectors = (1...11).map { "E-\($0 < 10 ? "0" : "")\($0)" }

    @Test("teams = min(tasks, pool / perTeam), each with perTeam distinct eligible inspectors")
    func teamCount() throws {
        let pool = DepartmentPool(department: "education", inspectors: inspectors, perTeam: 2)
        let few = try TeamDrawer.draw(pool, taskCount: 3, key: "k")
        #expect(few.teams.count == 3)
        let many = try TeamDrawer.draw(pool, taskCount: 40, key: "k")
        #expect(many.teams.count == 5)
        #expect(many.teams.map(\.number) == [1, 2, 3, 4, 5])
        let members = many.teams.flatMap(\.inspectors)
        #expect(members.count == 10)
        #expect(Set(members).count == 10)
        #expect(Set(members).isSubset(of: Set(inspectors)))
        #expect(many.teams.allSatisfy { $0.inspectors.count == 2 })
        #expect(many.eligible == 11)
    }

    @Test("the input order of inspectors does not matter")
    func orderIndependent() throws {
        let a = try TeamDrawer.draw(DepartmentPool(department: "fire", inspectors: inspectors, perTeam: 3), taskCount: 3, key: "k")
        let b = try TeamDrawer.draw(DepartmentPool(department: "fire", inspectors: inspectors.reversed(), perTeam: 3), taskCount: 3, key: "k")
        #expect(a == b)
    }

    @Test("each department draws on its own stream")
    func departmentStreams() throws {
        let a = try TeamDrawer.draw(DepartmentPool(department: "fire", inspectors: inspectors, perTeam: 2), taskCount: 5, key: "k")
        let b = try TeamDrawer.draw(DepartmentPool(department: "health", inspectors: inspectors, perTeam: 2), taskCount: 5, key: "k")
        #expect(a.teams != b.teams)
    }

    @Test("a team of one is refused", arguments: [0, 1])
    func teamTooSmall(perTeam: Int) {
        #expect(throws: DrawError.teamTooSmall(department: "fire", perTeam: perTeam)) {
            try TeamDrawer.draw(DepartmentPool(department: "fire", inspectors: inspectors, perTeam: perTeam), taskCount: 2, key: "k")
        }
    }

    @Test("a pool smaller than one team is refused with a clear message")
    func poolTooSmall() {
        let pool = DepartmentPool(department: "health", inspectors: ["H-1", "H-2"], perTeam: 3)
        #expect(throws: DrawError.inspectorPoolTooSmall(department: "health", pool: 2, perTeam: 3)) {
            try TeamDrawer.draw(pool, taskCount: 1, key: "k")
        }
        let message = DrawError.inspectorPoolTooSmall(department: "health", pool: 2, perTeam: 3).description
        #expect(message.contains("health") && message.contains("2") && message.contains("3"))
    }

    @Test("an inspector listed twice is refused")
    func duplicateInspector() {
        let pool = DepartmentPool(department: "fire", inspectors: ["F-1", "F-2", "F-1"], perTeam: 2)
        #expect(throws: DrawError.duplicateID("F-1", pool: "the fire inspectors")) {
            try TeamDrawer.draw(pool, taskCount: 1, key: "k")
        }
    }
}
