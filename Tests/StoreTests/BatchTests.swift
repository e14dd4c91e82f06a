import Store
import Testing

@Suite("Store: batches of submissions (one transaction, a savepoint each)")
struct BatchTests {
    let county = County.kuancheng
    var j: String { county.code }

    @Test("a bad item of a batch is refused alone: the good ones before and after it are in", arguments: StoreFixture.all)
    func badItemKeepsTheGoodOnes(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        _ = try store.submit(county.evaluated(county.submission("s0")), by: County.command)
        let seqBefore = try store.auditHead(jurisdiction: j).seq

        let batch = [
            county.evaluated(county.submission("b1"), referrals: ["rb1"]),
            county.evaluated(county.submission("b2", task: 42)),                                   // unknown task
            county.evaluated(county.submission("b3", task: 2)),
            county.evaluated(county.submission("s0", payload: "other")),                           // same id, other content
            county.evaluated(county.submission("b4", task: 3), versionOffset: 5),                 // fails after its rows were written
            county.evaluated(county.submission("b5", inspectedOn: "someday")),                    // malformed
            county.evaluated(county.submission("b6")),
            county.evaluated(county.submission("s0")),                                             // resent: duplicate
        ]
        var progress: [Int] = []
        let results = try store.submitBatch(batch, by: "batch-import") { progress.append($0) }
        #expect(progress == Array(1...batch.count))
        #expect(results.count == batch.count)

        func outcome(_ r: Result<SubmitResult, StoreError>) -> String {
            switch r {
            case .success(.stored(let v)): return "stored \(v)"
            case .success(.duplicate(let v)): return "duplicate \(v)"
            case .failure(let e): return e.kind.rawValue
            }
        }
        #expect(results.map(outcome) == ["stored 2", "unknown", "stored 1", "conflict", "mismatch", "invalid-field", "stored 3",
                                         "duplicate 1"])

        #expect(try store.submissions(jurisdiction: j, task: county.taskID(1), checklist: County.canteen).map(\.submissionID)
                == ["s0", "b1", "b6"])
        #expect(try store.submissions(jurisdiction: j, task: county.taskID(2), checklist: County.canteen).map(\.submissionID) == ["b3"])
        // b4 reached its savepoint and wrote its submission and entry before its evaluation was refused: all rolled back.
        #expect(try store.submission(jurisdiction: j, id: "b4") == nil)
        #expect(try store.submissions(jurisdiction: j, task: county.taskID(3), checklist: County.canteen).isEmpty)
        #expect(try store.submission(jurisdiction: j, id: "b2") == nil)
        #expect(try store.submission(jurisdiction: j, id: "b5") == nil)
        #expect(try store.submission(jurisdiction: j, id: "s0")?.payload == "extinguishers_valid: true")
        #expect(try store.referrals(jurisdiction: j).map(\.referral.id) == ["rb1"])

        // Exactly the good ones are audited, in order, with no gap where a bad one was rolled back.
        let added = try store.auditEntries(jurisdiction: j).filter { $0.seq > seqBefore }
        #expect(added.map(\.seq) == Array(seqBefore + 1 ... seqBefore + added.count))
        #expect(added.filter { $0.action == "submission" }.map(\.subject) == ["b1", "b3", "b6"])
        #expect(added.allSatisfy { $0.actor == "batch-import" })
        try expectVerifies(store)
    }

    @Test("versions within one batch follow each other", arguments: StoreFixture.all)
    func versionsWithinABatch(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let results = try store.submitBatch([
            county.evaluated(county.submission("a1"), referrals: ["ra1"]),
            county.evaluated(county.submission("a2"), referrals: ["ra2"]),
        ], by: County.command)
        #expect(try results.map { try $0.get() } == [.stored(version: 1), .stored(version: 2)])
        // The second version superseded the first one's referral inside the same transaction.
        #expect(try store.referral(jurisdiction: j, id: "ra1")?.status == .superseded)
        #expect(try store.referral(jurisdiction: j, id: "ra2")?.status == .open)
        try expectVerifies(store)
    }

    @Test("a batch needs a named actor; an empty batch writes nothing", arguments: StoreFixture.all)
    func batchNeedsActor(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let before = try AuditSnapshot(store, [j])
        expectRefused(.invalidField) { try store.submitBatch([county.evaluated(county.submission("a1"))], by: "  ") }
        #expect(try store.submitBatch([], by: County.command).isEmpty)
        #expect(try AuditSnapshot(store, [j]) == before)
    }
}
