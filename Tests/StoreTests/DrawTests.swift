import Store
import Testing

@Suite("Store: draws, tasks and list confirmation")
struct DrawTests {
    let county = County.kuancheng
    var j: String { county.code }

    @Test("a draw and its tasks are recorded together, audited with the tasks' digest", arguments: StoreFixture.all)
    func drawWithTasks(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try store.recordPlanVersion(county.plan(), by: County.clerk)
        let tasks = (1...3).map { county.task($0) }
        let draw = try store.recordDraw(county.draw(), tasks: tasks, by: County.command)
        #expect(draw.taskCount == 3)
        #expect(draw.tasksSHA256.count == 64)
        #expect(draw.recordedBy == County.command)
        #expect(draw.recordedAt == fixedNow)

        #expect(try store.draw(jurisdiction: j, id: county.drawID) == draw)
        #expect(try store.draws(jurisdiction: j, plan: county.planID) == [draw])
        #expect(try store.draws(jurisdiction: j, plan: "another-plan").isEmpty)
        #expect(try store.tasks(jurisdiction: j) == tasks)
        #expect(try store.tasks(jurisdiction: j, plan: county.planID).map(\.id) == tasks.map(\.id))
        #expect(try store.task(jurisdiction: j, id: county.taskID(2)) == tasks[1])

        let entries = try store.auditEntries(jurisdiction: j)
        #expect(entries.map(\.action) == ["plan_version", "draw"])
        #expect(entries.last?.subject == county.drawID)
        #expect(entries.last?.actor == County.command)
        try expectVerifies(store)
    }

    @Test("a second draw with the same id is refused, whatever its tasks", arguments: StoreFixture.all)
    func sameDrawIDRefused(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let before = try AuditSnapshot(store, [j])

        expectRefused(.conflict, "the same tasks") {
            try store.recordDraw(county.draw(), tasks: (1...3).map { county.task($0) }, by: County.command)
        }
        var fresh = county.task(9)
        fresh.entityKey = "someone-else"
        expectRefused(.conflict, "new tasks") {
            try store.recordDraw(county.draw(), tasks: [fresh], by: County.command)
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.task(jurisdiction: j, id: fresh.id) == nil)
        #expect(try store.draws(jurisdiction: j).count == 1)
    }

    @Test("tasks of another draw, plan or jurisdiction are refused with the draw", arguments: StoreFixture.all)
    func foreignTasksRefused(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try store.recordPlanVersion(county.plan(), by: County.clerk)
        let before = try AuditSnapshot(store, [j])
        let foreign: [(String, TaskRecord)] = [
            ("another draw", county.task(2, draw: "\(j)-draw-0")),
            ("another plan", county.task(2, plan: "another-plan")),
            ("another jurisdiction", county.task(2, jurisdiction: County.changli.code)),
        ]
        for (what, task) in foreign {
            expectRefused(.mismatch, "\(what)") {
                try store.recordDraw(county.draw(), tasks: [county.task(1), task], by: County.command)
            }
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.draw(jurisdiction: j, id: county.drawID) == nil)
        #expect(try store.tasks(jurisdiction: j).isEmpty)
        #expect(try store.tasks(jurisdiction: County.changli.code).isEmpty)
    }

    @Test("a task id an earlier draw used refuses the whole new draw", arguments: StoreFixture.all)
    func reusedTaskIDRefusesTheDraw(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let before = try AuditSnapshot(store, [j])
        let second = "\(j)-draw-2"
        expectRefused(.conflict) {
            try store.recordDraw(county.draw(second), tasks: [county.task(7, draw: second), county.task(2, draw: second)],
                                 by: County.command)
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.draw(jurisdiction: j, id: second) == nil)
        #expect(try store.task(jurisdiction: j, id: county.taskID(7)) == nil)
        #expect(try store.task(jurisdiction: j, id: county.taskID(2))?.drawID == county.drawID)
    }

    @Test("a draw needs a recorded plan version, a date and a named actor", arguments: StoreFixture.all)
    func drawNeedsPlanVersion(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        expectRefused(.unknown, "no plan at all") {
            try store.recordDraw(county.draw(), tasks: [county.task(1)], by: County.command)
        }
        try store.recordPlanVersion(county.plan(), by: County.clerk)
        expectRefused(.unknown, "version 2 was never recorded") {
            try store.recordDraw(county.draw(planVersion: 2), tasks: [county.task(1)], by: County.command)
        }
        var undated = county.draw()
        undated.drawnOn = "2024-5-6"
        expectRefused(.invalidField) { try store.recordDraw(undated, tasks: [county.task(1)], by: County.command) }
        expectRefused(.invalidField) { try store.recordDraw(county.draw(), tasks: [county.task(1)], by: " ") }
        #expect(try store.draws(jurisdiction: j).isEmpty)
        #expect(try store.auditEntries(jurisdiction: j).count == 1)
    }

    // MARK: - Confirmation (比对和确认)

    @Test("confirmations: confirmed, or rejected with a reason; each audited in order", arguments: StoreFixture.all)
    func confirmations(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let confirmed = try store.recordConfirmation(
            ConfirmationRecord(jurisdiction: j, taskID: county.taskID(1), department: "education", decision: .confirmed,
                               reason: nil, decidedOn: "2024-05-07"), by: County.clerk)
        #expect(confirmed.id != nil)
        #expect(confirmed.recordedBy == County.clerk)
        let rejected = try store.recordConfirmation(
            ConfirmationRecord(jurisdiction: j, taskID: county.taskID(2), department: "fire_rescue", decision: .rejected,
                               reason: "企业已注销", decidedOn: "2024-05-08"), by: "clerk-李")
        // A later decision on the same part is kept beside the earlier one.
        let changed = try store.recordConfirmation(
            ConfirmationRecord(jurisdiction: j, taskID: county.taskID(1), department: "education", decision: .rejected,
                               reason: "已搬迁至外县", decidedOn: "2024-05-08"), by: County.clerk)

        let all = try store.confirmations(jurisdiction: j, plan: county.planID)
        #expect(all == [confirmed, rejected, changed])
        #expect(all.map(\.decision) == [.confirmed, .rejected, .rejected])
        #expect(try store.confirmations(jurisdiction: j, plan: "another-plan").isEmpty)

        let entries = try store.auditEntries(jurisdiction: j).filter { $0.action == "confirmation" }
        #expect(entries.map(\.subject) == all.map { "confirmation/\($0.id ?? -1)" })
        #expect(entries.map(\.actor) == [County.clerk, "clerk-李", County.clerk])
        try expectVerifies(store)
    }

    @Test("a rejection without a reason, an unknown task or a bad date is refused", arguments: StoreFixture.all)
    func confirmationRefusals(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let before = try AuditSnapshot(store, [j])
        for reason in [nil, "", "  \n"] as [String?] {
            expectRefused(.invalidField, "reason \(String(describing: reason))") {
                try store.recordConfirmation(ConfirmationRecord(jurisdiction: j, taskID: county.taskID(1), department: "education",
                                                                decision: .rejected, reason: reason, decidedOn: "2024-05-07"),
                                             by: County.clerk)
            }
        }
        expectRefused(.unknown) {
            try store.recordConfirmation(ConfirmationRecord(jurisdiction: j, taskID: county.taskID(99), department: "education",
                                                            decision: .confirmed, reason: nil, decidedOn: "2024-05-07"),
                                         by: County.clerk)
        }
        expectRefused(.invalidField) {
            try store.recordConfirmation(ConfirmationRecord(jurisdiction: j, taskID: county.taskID(1), department: "education",
                                                            decision: .confirmed, reason: nil, decidedOn: "07/05/2024"),
                                         by: County.clerk)
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.confirmations(jurisdiction: j).isEmpty)
    }
}
