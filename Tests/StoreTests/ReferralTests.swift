import Store
import Testing

@Suite("Store: the life of a referral (移送)")
struct ReferralTests {
    let county = County.kuancheng
    var j: String { county.code }

    /// A store with task 1 submitted once, with referrals `ids` (opened on 2024-05-08).
    func storeWithReferrals(_ fixture: StoreFixture, _ ids: [String]) throws -> TestStore {
        let t = try fixture.make()
        try county.seedDraw(t.store)
        _ = try t.store.submit(county.evaluated(county.submission("s1"), referrals: ids, resultCode: "problem"), by: County.command)
        return t
    }

    @Test("open → received → handled (with its decision) → closed, each an audited event by its actor",
          arguments: StoreFixture.all)
    func fullLife(_ fixture: StoreFixture) throws {
        let t = try storeWithReferrals(fixture, ["r1"])
        defer { t.discard() }
        let store = t.store
        var state = try #require(try store.referral(jurisdiction: j, id: "r1"))
        #expect(state.status == .open)
        #expect(state.statusOn == "2024-05-08")
        #expect(state.referral.recipient == "fire_rescue")
        #expect(state.referral.items == ["extinguishers_valid"])

        let received = try store.recordReferralEvent(county.event("r1", .received, on: "2024-05-09"), by: "fire-clerk-王")
        #expect(received.id != nil)
        #expect(received.recordedBy == "fire-clerk-王")
        state = try #require(try store.referral(jurisdiction: j, id: "r1"))
        #expect(state.status == .received)
        #expect(state.statusOn == "2024-05-09")

        let handled = try store.recordReferralEvent(
            county.event("r1", .handled, on: "2024-05-15", decision: "罚款二千元", decisionNo: "宽消行罚决字[2024]12号",
                         decisionPublic: true), by: "fire-officer-赵")
        #expect(handled.decision == "罚款二千元")
        #expect(handled.decisionNo == "宽消行罚决字[2024]12号")
        #expect(handled.decisionPublic == true)
        try store.recordReferralEvent(county.event("r1", .closed, on: "2024-05-15"), by: "office-孙")
        state = try #require(try store.referral(jurisdiction: j, id: "r1"))
        #expect(state.status == .closed)
        #expect(state.statusOn == "2024-05-15")

        let events = try store.referralEvents(jurisdiction: j, referral: "r1")
        #expect(events.map(\.status) == [.open, .received, .handled, .closed])
        #expect(events.map(\.recordedBy) == [County.command, "fire-clerk-王", "fire-officer-赵", "office-孙"])
        #expect(events.map(\.onDate) == ["2024-05-08", "2024-05-09", "2024-05-15", "2024-05-15"])
        #expect(events[2] == handled)

        // Every event has its audit entry, by the same actor.
        let entries = Dictionary(uniqueKeysWithValues: try store.auditEntries(jurisdiction: j)
            .filter { $0.action == "referral_event" }.map { ($0.subject, $0) })
        for e in events {
            let entry = try #require(entries["referral_event/\(e.id ?? -1)"], "event \(e.status) is not audited")
            #expect(entry.actor == e.recordedBy)
        }
        #expect(try store.auditEntries(jurisdiction: j).filter { $0.action == "referral" }.map(\.subject) == ["r1"])
        try expectVerifies(store)
    }

    @Test("a referral may be handled without a recorded receipt, and a status recorded again (a correction)",
          arguments: StoreFixture.all)
    func allowedShortcutsAndCorrections(_ fixture: StoreFixture) throws {
        let t = try storeWithReferrals(fixture, ["r1"])
        defer { t.discard() }
        let store = t.store
        try store.recordReferralEvent(county.event("r1", .handled, on: "2024-05-10", decision: "警告"), by: County.clerk)
        try store.recordReferralEvent(county.event("r1", .handled, on: "2024-05-10", decision: "警告并责令改正",
                                                   decisionNo: "No. 8"), by: County.clerk)
        #expect(try store.referralEvents(jurisdiction: j, referral: "r1").map(\.status) == [.open, .handled, .handled])
        #expect(try store.referral(jurisdiction: j, id: "r1")?.status == .handled)
        try expectVerifies(store)
    }

    @Test("handled needs its decision", arguments: StoreFixture.all)
    func handledNeedsDecision(_ fixture: StoreFixture) throws {
        let t = try storeWithReferrals(fixture, ["r1"])
        defer { t.discard() }
        let store = t.store
        let before = try AuditSnapshot(store, [j])
        for decision in [nil, "", " \t"] as [String?] {
            expectRefused(.invalidField, "decision \(String(describing: decision))") {
                try store.recordReferralEvent(county.event("r1", .handled, on: "2024-05-10", decision: decision,
                                                           decisionNo: "No. 1"), by: County.clerk)
            }
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.referral(jurisdiction: j, id: "r1")?.status == .open)
    }

    @Test("moves the life does not allow are refused and write nothing", arguments: StoreFixture.all)
    func disallowedMoves(_ fixture: StoreFixture) throws {
        let t = try storeWithReferrals(fixture, ["r-open", "r-received", "r-closed", "r-superseded"])
        defer { t.discard() }
        let store = t.store
        try store.recordReferralEvent(county.event("r-received", .received, on: "2024-05-09"), by: County.clerk)
        try store.recordReferralEvent(county.event("r-closed", .handled, on: "2024-05-10", decision: "警告"), by: County.clerk)
        try store.recordReferralEvent(county.event("r-closed", .closed, on: "2024-05-11"), by: County.clerk)
        try store.recordReferralEvent(county.event("r-superseded", .superseded, on: "2024-05-09"), by: County.clerk)
        let before = try AuditSnapshot(store, [j])
        let eventsBefore = try store.referralEvents(jurisdiction: j)

        let refused: [(String, ReferralEventRecord)] = [
            ("closing an open one", county.event("r-open", .closed, on: "2024-05-20")),
            ("opening an open one again", county.event("r-open", .open, on: "2024-05-20")),
            ("closing a received one", county.event("r-received", .closed, on: "2024-05-20")),
            ("reopening a received one", county.event("r-received", .open, on: "2024-05-20")),
            ("receiving a closed one", county.event("r-closed", .received, on: "2024-05-20")),
            ("handling a closed one", county.event("r-closed", .handled, on: "2024-05-20", decision: "罚款")),
            ("closing a closed one again", county.event("r-closed", .closed, on: "2024-05-20")),
            ("superseding a closed one", county.event("r-closed", .superseded, on: "2024-05-20")),
            ("reopening a closed one", county.event("r-closed", .open, on: "2024-05-20")),
            ("receiving a superseded one", county.event("r-superseded", .received, on: "2024-05-20")),
            ("handling a superseded one", county.event("r-superseded", .handled, on: "2024-05-20", decision: "罚款")),
            ("closing a superseded one", county.event("r-superseded", .closed, on: "2024-05-20")),
            ("reopening a superseded one", county.event("r-superseded", .open, on: "2024-05-20")),
            ("a date before the last change", county.event("r-received", .handled, on: "2024-05-08", decision: "警告")),
            ("a date before the opening", county.event("r-open", .received, on: "2024-05-07")),
        ]
        for (what, event) in refused {
            expectRefused(.notAllowed, "\(what)") { try store.recordReferralEvent(event, by: County.clerk) }
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.referralEvents(jurisdiction: j) == eventsBefore)
        #expect(try store.referrals(jurisdiction: j).map(\.status) == [.closed, .open, .received, .superseded])
        try expectVerifies(store)
    }

    @Test("an unknown referral, a malformed date or an unnamed actor is refused", arguments: StoreFixture.all)
    func otherRefusals(_ fixture: StoreFixture) throws {
        let t = try storeWithReferrals(fixture, ["r1"])
        defer { t.discard() }
        let store = t.store
        let before = try AuditSnapshot(store, [j])
        expectRefused(.unknown) { try store.recordReferralEvent(county.event("r9", .received, on: "2024-05-09"), by: County.clerk) }
        expectRefused(.invalidField) { try store.recordReferralEvent(county.event("r1", .received, on: "2024-5-9"), by: County.clerk) }
        expectRefused(.invalidField) { try store.recordReferralEvent(county.event("r1", .received, on: "2024-05-09"), by: "") }
        #expect(try AuditSnapshot(store, [j]) == before)
    }

    @Test("referrals are listed by recipient, status and task", arguments: StoreFixture.all)
    func filters(_ fixture: StoreFixture) throws {
        let t = try storeWithReferrals(fixture, ["r1", "r2"])
        defer { t.discard() }
        let store = t.store
        let other = EvaluatedSubmission(submission: county.submission("s9", task: 2), evaluation: county.evaluated(county.submission("s9", task: 2)).evaluation,
                                        referrals: { _ in
            [ReferralRecord(id: "r3", jurisdiction: "kuancheng", submissionID: "s9", taskID: county.taskID(2),
                            recipient: "market_regulation", kind: "credit_record", route: "credit", items: ["licence"],
                            due: nil, createdOn: "2024-05-08")]
        })
        _ = try store.submit(other, by: County.command)
        try store.recordReferralEvent(county.event("r2", .received, on: "2024-05-09"), by: County.clerk)

        #expect(try store.referrals(jurisdiction: j).map(\.referral.id) == ["r1", "r2", "r3"])
        #expect(try store.referrals(jurisdiction: j, recipient: "fire_rescue").map(\.referral.id) == ["r1", "r2"])
        #expect(try store.referrals(jurisdiction: j, statuses: [.received]).map(\.referral.id) == ["r2"])
        #expect(try store.referrals(jurisdiction: j, statuses: [.open]).map(\.referral.id) == ["r1", "r3"])
        #expect(try store.referrals(jurisdiction: j, task: county.taskID(2)).map(\.referral.id) == ["r3"])
        #expect(try store.referrals(jurisdiction: j, recipient: "fire_rescue", statuses: [.closed]).isEmpty)
        #expect(try store.referral(jurisdiction: j, id: "r3")?.referral.due == nil)
    }
}
