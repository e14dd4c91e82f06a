import Store
import Testing

@Suite("Store: submissions and their versions")
struct SubmissionTests {
    let county = County.kuancheng
    var j: String { county.code }

    @Test("versions are numbered per task and checklist; each with its evaluation", arguments: StoreFixture.all)
    func versionsPerTaskAndChecklist(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        #expect(try store.submit(county.evaluated(county.submission("s1")), by: County.command) == .stored(version: 1))
        #expect(try store.submit(county.evaluated(county.submission("s2", payload: "extinguishers_valid: false"),
                                                  resultCode: "problem"), by: County.command) == .stored(version: 2))
        #expect(try store.submit(county.evaluated(county.submission("s3", checklist: County.fire)), by: County.command)
                == .stored(version: 1))
        #expect(try store.submit(county.evaluated(county.submission("s4", task: 2)), by: County.command) == .stored(version: 1))
        #expect(try store.submit(county.evaluated(county.submission("s5")), by: County.command) == .stored(version: 3))

        let versions = try store.submissions(jurisdiction: j, task: county.taskID(1), checklist: County.canteen)
        #expect(versions.map(\.submissionID) == ["s1", "s2", "s5"])
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(try store.submissions(jurisdiction: j, task: county.taskID(1), checklist: County.fire).map(\.submissionID) == ["s3"])

        let s2 = try #require(try store.submission(jurisdiction: j, id: "s2"))
        #expect(s2.payload == "extinguishers_valid: false")
        #expect(s2.payloadSHA256 == SHA256.hex("extinguishers_valid: false"))
        #expect(s2.inspectors == ["e1", "e2"])
        #expect(s2.receivedBy == County.command)
        #expect(s2.receivedAt == fixedNow)

        let evaluation = try #require(try store.evaluation(jurisdiction: j, submission: "s2"))
        #expect(evaluation.version == 2)
        #expect(evaluation.resultCode == "problem")
        #expect(evaluation.recordedAt == fixedNow)
        // The latest evaluation of each (task, checklist).
        let latest = try store.latestEvaluations(jurisdiction: j, plan: county.planID)
        #expect(latest.map(\.submissionID) == ["s5", "s3", "s4"])
        #expect(latest.map(\.version) == [3, 1, 1])

        let actions = try store.auditEntries(jurisdiction: j).map(\.action).filter { $0 == "submission" || $0 == "evaluation" }
        #expect(actions == Array(repeating: ["submission", "evaluation"], count: 5).flatMap { $0 })
        try expectVerifies(store)
    }

    @Test("the same submission sent again is a duplicate: nothing is written", arguments: StoreFixture.all)
    func identicalResendIsIdempotent(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let s1 = county.evaluated(county.submission("s1"), referrals: ["r1"])
        #expect(try store.submit(s1, by: County.command) == .stored(version: 1))
        #expect(try store.submit(county.evaluated(county.submission("s2")), by: County.command) == .stored(version: 2))
        let before = try AuditSnapshot(store, [j])

        #expect(try store.submit(s1, by: "another-clerk") == .duplicate(version: 1))
        // Sent again a day later: the same findings, so still the same submission.
        let resentLater = county.evaluated(county.submission("s1", receivedOn: "2024-05-09"), referrals: ["r1"])
        #expect(try store.submit(resentLater, by: County.command) == .duplicate(version: 1))
        #expect(try store.submitBatch([s1, s1], by: County.command).map { try $0.get() } == [.duplicate(version: 1), .duplicate(version: 1)])
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.submissions(jurisdiction: j, task: county.taskID(1), checklist: County.canteen).count == 2)
        #expect(try store.referrals(jurisdiction: j).map(\.referral.id) == ["r1"])
        #expect(try store.submission(jurisdiction: j, id: "s1")?.receivedBy == County.command)
    }

    @Test("the same id with another content is refused", arguments: StoreFixture.all)
    func sameIDOtherContentRefused(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        _ = try store.submit(county.evaluated(county.submission("s1")), by: County.command)
        let before = try AuditSnapshot(store, [j])

        let others: [(String, SubmissionRecord)] = [
            ("payload", county.submission("s1", payload: "extinguishers_valid: false")),
            ("checklist", county.submission("s1", checklist: County.fire)),
            ("task", county.submission("s1", task: 2)),
            ("inspectors", county.submission("s1", inspectors: ["e1", "e3"])),
            ("inspection day", county.submission("s1", inspectedOn: "2024-05-06")),
        ]
        for (what, other) in others {
            expectRefused(.conflict, "another \(what)") {
                try store.submit(county.evaluated(other), by: County.command)
            }
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        let stored = try #require(try store.submission(jurisdiction: j, id: "s1"))
        #expect(stored == (try store.submissions(jurisdiction: j, task: county.taskID(1), checklist: County.canteen)).first)
        #expect(stored.payload == "extinguishers_valid: true")
        #expect(try store.submissions(jurisdiction: j, task: county.taskID(1), checklist: County.fire).isEmpty)
        #expect(try store.submissions(jurisdiction: j, task: county.taskID(2), checklist: County.canteen).isEmpty)
    }

    @Test("a submission for an unknown task is refused", arguments: StoreFixture.all)
    func unknownTaskRefused(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let before = try AuditSnapshot(store, [j])
        expectRefused(.unknown) {
            try store.submit(county.evaluated(county.submission("s1", task: 42), referrals: ["r1"]), by: County.command)
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.submission(jurisdiction: j, id: "s1") == nil)
        #expect(try store.referrals(jurisdiction: j).isEmpty)
    }

    @Test("an evaluation or referral that does not match its submission refuses the whole submission",
          arguments: StoreFixture.all)
    func mismatchedEvaluationRefused(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let before = try AuditSnapshot(store, [j])
        expectRefused(.mismatch, "evaluation of another version") {
            try store.submit(county.evaluated(county.submission("s1"), versionOffset: 1), by: County.command)
        }
        expectRefused(.mismatch, "evaluation under another plan") {
            try store.submit(county.evaluated(county.submission("s1"), plan: "another-plan"), by: County.command)
        }
        let sub = county.submission("s1")
        let good = county.evaluated(sub)
        let otherChecklist = EvaluatedSubmission(submission: sub, evaluation: { version in
            var e = good.evaluation(version)
            e.checklist = County.fire
            return e
        }, referrals: { _ in [] })
        expectRefused(.mismatch, "evaluation of another checklist") { try store.submit(otherChecklist, by: County.command) }
        let strayReferral = EvaluatedSubmission(submission: sub, evaluation: good.evaluation, referrals: { _ in
            [ReferralRecord(id: "r1", jurisdiction: "kuancheng", submissionID: "s0", taskID: sub.taskID, recipient: "fire_rescue",
                            kind: "transfer", route: "x", items: [], due: nil, createdOn: "2024-05-08")]
        })
        expectRefused(.mismatch, "referral of another submission") { try store.submit(strayReferral, by: County.command) }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.submission(jurisdiction: j, id: "s1") == nil)
        #expect(try store.evaluation(jurisdiction: j, submission: "s1") == nil)
    }

    @Test("malformed fields are refused before anything is written", arguments: StoreFixture.all)
    func malformedFieldsRefused(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let before = try AuditSnapshot(store, [j])
        for s in [county.submission(""), county.submission("s1", checklist: " "), county.submission("s1", inspectedOn: "2024-13-01"),
                  county.submission("s1", receivedOn: "")] {
            expectRefused(.invalidField) { try store.submit(county.evaluated(s), by: County.command) }
        }
        expectRefused(.invalidField) { try store.submit(county.evaluated(county.submission("s1")), by: "") }
        #expect(try AuditSnapshot(store, [j]) == before)
    }

    // MARK: - Superseding

    @Test("a new version supersedes the earlier version's open, received and handled referrals, not closed ones",
          arguments: StoreFixture.all)
    func newVersionSupersedesReferrals(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        _ = try store.submit(county.evaluated(county.submission("s1", receivedOn: "2024-05-08"),
                                              referrals: ["r-open", "r-received", "r-handled", "r-closed"], resultCode: "problem"),
                             by: County.command)
        // Another checklist of the same task: its referral is not touched by a new version of the first.
        _ = try store.submit(county.evaluated(county.submission("f1", checklist: County.fire), referrals: ["r-fire"]),
                             by: County.command)
        try store.recordReferralEvent(county.event("r-received", .received, on: "2024-05-09"), by: County.clerk)
        try store.recordReferralEvent(county.event("r-handled", .handled, on: "2024-05-10", decision: "责令改正"), by: County.clerk)
        try store.recordReferralEvent(county.event("r-closed", .handled, on: "2024-05-10", decision: "警告"), by: County.clerk)
        try store.recordReferralEvent(county.event("r-closed", .closed, on: "2024-05-11"), by: County.clerk)
        let seqBefore = try store.auditHead(jurisdiction: j).seq

        #expect(try store.submit(county.evaluated(county.submission("s2", receivedOn: "2024-05-12"), referrals: ["r-new"]),
                                 by: "corrector") == .stored(version: 2))

        let states = Dictionary(uniqueKeysWithValues: try store.referrals(jurisdiction: j).map { ($0.referral.id, $0) })
        for id in ["r-open", "r-received", "r-handled"] {
            #expect(states[id]?.status == .superseded, "\(id)")
            #expect(states[id]?.statusOn == "2024-05-12", "\(id)")
            let last = try #require(try store.referralEvents(jurisdiction: j, referral: id).last)
            #expect(last.status == .superseded)
            #expect(last.recordedBy == "corrector")
        }
        #expect(states["r-closed"]?.status == .closed)
        #expect(states["r-closed"]?.statusOn == "2024-05-11")
        #expect(states["r-fire"]?.status == .open)
        #expect(states["r-new"]?.status == .open)
        #expect(states.count == 6)

        // The superseding events are in the audit log, by the submitter.
        let after = try store.auditEntries(jurisdiction: j).filter { $0.seq > seqBefore }
        let events = try store.referralEvents(jurisdiction: j).filter { $0.status == .superseded }
        #expect(events.count == 3)
        let eventSubjects = Set(events.map { "referral_event/\($0.id ?? -1)" })
        let audited = after.filter { $0.action == "referral_event" && eventSubjects.contains($0.subject) }
        #expect(audited.count == 3)
        #expect(audited.allSatisfy { $0.actor == "corrector" })
        #expect(try store.referrals(jurisdiction: j, statuses: [.superseded]).map(\.referral.id) == ["r-handled", "r-open", "r-received"])
        try expectVerifies(store)
    }
}
