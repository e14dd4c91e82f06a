import Store
import Testing

@Suite("Store: plan versions (调整后的计划备案)")
struct PlanTests {
    let county = County.kuancheng
    let revisedText = "id: 2024-canteens\nwindow: 2024-05/2024-07\n"

    @Test("the same plan file with the same rules is recorded once", arguments: StoreFixture.all)
    func samePlanRecordedOnce(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        let first = try store.recordPlanVersion(county.plan(), by: County.clerk)
        #expect(first.version == 1)
        #expect(first.recordedBy == County.clerk)
        #expect(first.recordedAt == fixedNow)
        #expect(first.revisedOn == nil && first.reason == nil)
        let before = try AuditSnapshot(store, [county.code])

        let again = try store.recordPlanVersion(county.plan(), by: County.command)
        #expect(again == first)
        #expect(try AuditSnapshot(store, [county.code]) == before)
        #expect(try store.planVersions(jurisdiction: county.code, plan: county.planID).map(\.version) == [1])
        let entries = try store.auditEntries(jurisdiction: county.code)
        #expect(entries.map(\.action) == ["plan_version"])
        #expect(entries.map(\.subject) == ["\(county.planID)@1"])
    }

    @Test("a changed plan without a revision note (date and reason) is refused", arguments: StoreFixture.all)
    func changedPlanNeedsANote(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try store.recordPlanVersion(county.plan(), by: County.clerk)
        let before = try AuditSnapshot(store, [county.code])

        expectRefused(.notAllowed, "no note") {
            try store.recordPlanVersion(county.plan(text: revisedText), by: County.clerk)
        }
        expectRefused(.notAllowed, "a date without a reason") {
            try store.recordPlanVersion(county.plan(text: revisedText, revisedOn: "2024-05-20"), by: County.clerk)
        }
        expectRefused(.notAllowed, "a reason without a date") {
            try store.recordPlanVersion(county.plan(text: revisedText, reason: "延长检查时间"), by: County.clerk)
        }
        expectRefused(.notAllowed, "an empty reason") {
            try store.recordPlanVersion(county.plan(text: revisedText, revisedOn: "2024-05-20", reason: ""), by: County.clerk)
        }
        expectRefused(.invalidField, "a date that is not a day") {
            try store.recordPlanVersion(county.plan(text: revisedText, revisedOn: "2024-02-30", reason: "延长检查时间"), by: County.clerk)
        }
        #expect(try AuditSnapshot(store, [county.code]) == before)
        #expect(try store.planVersions(jurisdiction: county.code, plan: county.planID).count == 1)
    }

    @Test("a changed plan with its note is a new version; a further change needs a note of its own",
          arguments: StoreFixture.all)
    func revisedPlanIsANewVersion(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try store.recordPlanVersion(county.plan(), by: County.clerk)
        let second = try store.recordPlanVersion(county.plan(text: revisedText, revisedOn: "2024-05-20", reason: "延长检查时间"),
                                                 by: County.clerk)
        #expect(second.version == 2)
        #expect(second.revisedOn == "2024-05-20")
        #expect(second.reason == "延长检查时间")
        #expect(second.planText == revisedText)

        let versions = try store.planVersions(jurisdiction: county.code, plan: county.planID)
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.planSHA256) == [SHA256.hex(county.plan().planText), SHA256.hex(revisedText)])
        #expect(try store.plans(jurisdiction: county.code).map(\.version) == [2])

        // A third text under the second version's note is refused; with a note of its own it is version 3.
        let third = "id: 2024-canteens\nwindow: 2024-05/2024-08\n"
        expectRefused(.notAllowed) {
            try store.recordPlanVersion(county.plan(text: third, revisedOn: "2024-05-20", reason: "延长检查时间"), by: County.clerk)
        }
        let v3 = try store.recordPlanVersion(county.plan(text: third, revisedOn: "2024-06-01", reason: "增加检查部门"), by: County.clerk)
        #expect(v3.version == 3)
        #expect(try store.auditEntries(jurisdiction: county.code).map(\.subject)
                == ["\(county.planID)@1", "\(county.planID)@2", "\(county.planID)@3"])
        try expectVerifies(store)
    }

    @Test("a plan of one jurisdiction cannot be recorded for another", arguments: StoreFixture.all)
    func planBelongsToItsJurisdiction(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        let other = County.changli.code
        try store.recordPlanVersion(county.plan(), by: County.clerk)
        let before = try AuditSnapshot(store, [county.code, other])

        expectRefused(.mismatch, "the same file") {
            try store.recordPlanVersion(county.plan(jurisdiction: other), by: County.clerk)
        }
        expectRefused(.mismatch, "a revised file") {
            try store.recordPlanVersion(county.plan(text: revisedText, revisedOn: "2024-05-20", reason: "延长检查时间",
                                                    jurisdiction: other), by: County.clerk)
        }
        #expect(try AuditSnapshot(store, [county.code, other]) == before)
        #expect(try store.planVersions(jurisdiction: other, plan: county.planID).isEmpty)
        #expect(try store.plans(jurisdiction: other).isEmpty)
        #expect(try store.planVersions(jurisdiction: county.code, plan: county.planID).count == 1)
    }
}
