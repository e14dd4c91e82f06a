import Store
import Testing

@Suite("Store: disclosures (公示) and the audit head they carry")
struct DisclosureTests {
    let county = County.kuancheng
    var j: String { county.code }

    @Test("a disclosure is recorded with the head of the chain before it", arguments: StoreFixture.all)
    func recordedWithTheHeadBeforeIt(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        _ = try store.submit(county.evaluated(county.submission("s1")), by: County.command)
        let head = try store.auditHead(jurisdiction: j)
        #expect(head.seq == 4)
        #expect(head.hash == (try store.auditEntries(jurisdiction: j)).last?.hash)

        let stored = try store.recordDisclosure(county.disclosure(), by: "publisher")
        #expect(stored.auditSeq == head.seq)
        #expect(stored.auditHash == head.hash)
        #expect(stored.id != nil)
        #expect(stored.recordedBy == "publisher")
        #expect(try store.disclosures(jurisdiction: j) == [stored])
        #expect(try store.disclosures(jurisdiction: j, plan: county.planID) == [stored])
        #expect(try store.disclosures(jurisdiction: j, plan: "another-plan").isEmpty)

        let entry = try #require(try store.auditEntries(jurisdiction: j).last)
        #expect(entry.seq == head.seq + 1)
        #expect(entry.previousHash == head.hash)
        #expect(entry.action == "disclosure")
        #expect(entry.subject == "disclosure/\(stored.id ?? -1)")
        #expect(entry.actor == "publisher")
        try expectVerifies(store)
    }

    @Test("the first disclosure of an empty chain carries seq 0 and the genesis hash", arguments: StoreFixture.all)
    func headOfAnEmptyChain(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        #expect(try store.auditHead(jurisdiction: j) == AuditHead(jurisdiction: j, seq: 0, hash: AuditFormat.genesis))
        #expect(AuditEntry.genesisHash == AuditFormat.genesis)
    }

    @Test("the same record again writes nothing; a changed one is kept beside it and becomes current",
          arguments: StoreFixture.all)
    func sameRecordAgainWritesNothing(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let first = try store.recordDisclosure(county.disclosure(), by: "publisher")
        let before = try AuditSnapshot(store, [j])

        let again = try store.recordDisclosure(county.disclosure(), by: "someone-else")
        #expect(again == first)
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.disclosures(jurisdiction: j) == [first])

        let corrected = try store.recordDisclosure(county.disclosure(resultCode: "problem", publishedOn: "2024-06-03"), by: "publisher")
        #expect(corrected.id != first.id)
        #expect(corrected.auditSeq == before.heads[0].seq)
        #expect(corrected.auditHash == before.heads[0].hash)
        #expect(try store.disclosures(jurisdiction: j) == [corrected])
        #expect(try store.auditEntries(jurisdiction: j).filter { $0.action == "disclosure" }.count == 2)

        let other = try store.recordDisclosure(county.disclosure(task: 2), by: "publisher")
        #expect(try store.disclosures(jurisdiction: j).map(\.id) == [corrected.id, other.id])
        try expectVerifies(store)
    }

    @Test("a disclosure of an unknown task, of another plan or with a malformed date is refused", arguments: StoreFixture.all)
    func refusals(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        let before = try AuditSnapshot(store, [j])
        expectRefused(.unknown) { try store.recordDisclosure(county.disclosure(task: 9), by: "publisher") }
        var otherPlan = county.disclosure()
        otherPlan.planID = "another-plan"
        expectRefused(.mismatch) { try store.recordDisclosure(otherPlan, by: "publisher") }
        expectRefused(.invalidField) { try store.recordDisclosure(county.disclosure(publishedOn: "June 1"), by: "publisher") }
        expectRefused(.invalidField) { try store.recordDisclosure(county.disclosure(), by: "") }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.disclosures(jurisdiction: j).isEmpty)
    }
}
