import Store
import Testing

@Suite("Store: two jurisdictions in one store")
struct JurisdictionTests {
    let a = County.kuancheng
    let b = County.changli

    /// Everything one jurisdiction's reads return.
    struct View: Equatable {
        var plans: [PlanVersionRecord]
        var planVersions: [PlanVersionRecord]
        var draws: [DrawRecord]
        var tasks: [TaskRecord]
        var confirmations: [ConfirmationRecord]
        var submissions: [SubmissionRecord]
        var evaluations: [EvaluationRecord]
        var referrals: [ReferralState]
        var events: [ReferralEventRecord]
        var disclosures: [DisclosureRecord]
        var entities: [DirectoryRowRecord]
        var inspectors: [DirectoryRowRecord]
        var imports: [DirectoryImportRecord]
        var audit: [AuditEntry]

        init(_ store: Store, _ j: String, plan: String) throws {
            plans = try store.plans(jurisdiction: j)
            planVersions = try store.planVersions(jurisdiction: j, plan: plan)
            draws = try store.draws(jurisdiction: j)
            tasks = try store.tasks(jurisdiction: j)
            confirmations = try store.confirmations(jurisdiction: j)
            submissions = try tasks.flatMap { t in
                try [County.canteen, County.fire].flatMap { try store.submissions(jurisdiction: j, task: t.id, checklist: $0) }
            }
            evaluations = try store.latestEvaluations(jurisdiction: j)
            referrals = try store.referrals(jurisdiction: j)
            events = try store.referralEvents(jurisdiction: j)
            disclosures = try store.disclosures(jurisdiction: j)
            entities = try store.directoryRows(.entities, jurisdiction: j)
            inspectors = try store.directoryRows(.inspectors, jurisdiction: j)
            imports = try store.directoryImports(.entities, jurisdiction: j) + store.directoryImports(.inspectors, jurisdiction: j)
            audit = try store.auditEntries(jurisdiction: j)
        }

        /// Every jurisdiction a row of the view carries.
        var jurisdictions: Set<String> {
            var all = Set<String>()
            all.formUnion(plans.map(\.jurisdiction)); all.formUnion(planVersions.map(\.jurisdiction))
            all.formUnion(draws.map(\.jurisdiction)); all.formUnion(tasks.map(\.jurisdiction))
            all.formUnion(confirmations.map(\.jurisdiction)); all.formUnion(submissions.map(\.jurisdiction))
            all.formUnion(evaluations.map(\.jurisdiction)); all.formUnion(referrals.map(\.referral.jurisdiction))
            all.formUnion(events.map(\.jurisdiction)); all.formUnion(disclosures.map(\.jurisdiction))
            all.formUnion(imports.map(\.jurisdiction)); all.formUnion(audit.map(\.jurisdiction))
            return all
        }
    }

    @Test("every read of one jurisdiction is blind to the other's rows", arguments: StoreFixture.all)
    func readsAreScoped(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try a.seedEverything(store)
        let aloneA = try View(store, a.code, plan: a.planID)
        try b.seedEverything(store)
        let viewA = try View(store, a.code, plan: a.planID)
        let viewB = try View(store, b.code, plan: b.planID)

        // Adding B changed nothing A sees, and B sees only B.
        #expect(viewA == aloneA)
        #expect(viewA.jurisdictions == [a.code])
        #expect(viewB.jurisdictions == [b.code])
        for view in [viewA, viewB] {
            #expect(view.plans.count == 1 && view.draws.count == 1 && view.tasks.count == 3)
            #expect(view.confirmations.count == 2 && view.submissions.count == 2 && view.evaluations.count == 2)
            #expect(view.referrals.count == 2 && view.events.count == 4 && view.disclosures.count == 1)
            #expect(view.entities.count == 3 && view.inspectors.count == 1 && view.imports.count == 2)
        }
        #expect(Set(viewA.entities.map(\.key)).isDisjoint(with: viewB.entities.map(\.key)))
        #expect(Set(viewA.imports.compactMap(\.id)).isDisjoint(with: viewB.imports.compactMap(\.id)))

        // Asking one jurisdiction for the other's ids finds nothing.
        #expect(try store.task(jurisdiction: a.code, id: b.taskID(1)) == nil)
        #expect(try store.draw(jurisdiction: a.code, id: b.drawID) == nil)
        #expect(try store.planVersions(jurisdiction: a.code, plan: b.planID).isEmpty)
        #expect(try store.tasks(jurisdiction: a.code, plan: b.planID).isEmpty)
        #expect(try store.submission(jurisdiction: a.code, id: "\(b.code)-s1") == nil)
        #expect(try store.submissions(jurisdiction: a.code, task: b.taskID(1), checklist: County.canteen).isEmpty)
        #expect(try store.evaluation(jurisdiction: a.code, submission: "\(b.code)-s2") == nil)
        #expect(try store.latestEvaluations(jurisdiction: a.code, plan: b.planID).isEmpty)
        #expect(try store.referral(jurisdiction: a.code, id: "\(b.code)-r1") == nil)
        #expect(try store.referrals(jurisdiction: a.code, task: b.taskID(1)).isEmpty)
        #expect(try store.referralEvents(jurisdiction: a.code, referral: "\(b.code)-r1").isEmpty)
        #expect(try store.disclosures(jurisdiction: a.code, plan: b.planID).isEmpty)
        #expect(try store.confirmations(jurisdiction: a.code, plan: b.planID).isEmpty)
        #expect(try store.directoryRow(.entities, jurisdiction: a.code, key: b.entityKeys[0]) == nil)
        #expect(try store.jurisdictions() == [b.code, a.code].sorted())
    }

    @Test("no write of one jurisdiction reaches the other's rows", arguments: StoreFixture.all)
    func writesAreScoped(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try a.seedEverything(store)
        try b.seedEverything(store)
        let before = try AuditSnapshot(store, [a.code, b.code])

        // A's jurisdiction naming B's task, referral, plan.
        var submission = a.submission("a-into-b")
        submission.taskID = b.taskID(1)
        expectRefused(.unknown, "submission") { try store.submit(a.evaluated(submission, plan: b.planID), by: County.command) }
        var event = a.event("\(b.code)-r1", .handled, on: "2024-05-20", decision: "罚款")
        expectRefused(.unknown, "referral event") { try store.recordReferralEvent(event, by: County.clerk) }
        event.jurisdiction = b.code
        event.referralID = "\(a.code)-r1"
        expectRefused(.unknown, "referral event the other way") { try store.recordReferralEvent(event, by: County.clerk) }
        expectRefused(.unknown, "confirmation") {
            try store.recordConfirmation(ConfirmationRecord(jurisdiction: a.code, taskID: b.taskID(2), department: "education",
                                                            decision: .confirmed, reason: nil, decidedOn: "2024-05-07"), by: County.clerk)
        }
        var disclosure = b.disclosure(task: 2)
        disclosure.jurisdiction = a.code
        expectRefused(.unknown, "disclosure") { try store.recordDisclosure(disclosure, by: "publisher") }
        var draw = b.draw("a-draw-of-b")
        draw.jurisdiction = a.code
        expectRefused(.unknown, "draw of the other's plan") {
            try store.recordDraw(draw, tasks: [], by: County.command)
        }
        #expect(try AuditSnapshot(store, [a.code, b.code]) == before)
    }

    @Test("each jurisdiction has its own hash chain, from the genesis hash", arguments: StoreFixture.all)
    func ownChains(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try a.seedDraw(store)
        try b.seedEverything(store)
        _ = try store.submit(a.evaluated(a.submission("\(a.code)-s1")), by: County.command)

        let report = try store.verifyAudit()
        #expect(report.ok, "\(report.problems.map(describe))")
        for county in [a, b] {
            let entries = try store.auditEntries(jurisdiction: county.code)
            #expect(entries.map(\.seq) == Array(1...entries.count))
            #expect(entries.first?.previousHash == AuditFormat.genesis)
            for (previous, entry) in zip(entries, entries.dropFirst()) {
                #expect(entry.previousHash == previous.hash)
            }
            let head = try store.auditHead(jurisdiction: county.code)
            #expect(head.seq == entries.count)
            #expect(head.hash == entries.last?.hash)
            #expect(report.chains.contains(head))
        }
        #expect(try store.auditEntries(jurisdiction: a.code).count == 4)
        #expect(report.chains.map(\.jurisdiction) == [b.code, a.code].sorted())
        #expect(report.count == (try store.auditEntries(jurisdiction: a.code).count + store.auditEntries(jurisdiction: b.code).count))
    }
}
