import Store
import Testing

/// A forger who edits a row, recomputes its entry and then every hash after
/// it leaves a chain that is consistent in itself: `verifyAudit` cannot see
/// it. What gives it away is the head already published with a disclosure
/// (`audit_seq`/`audit_hash`): the rewritten chain no longer holds it, which
/// is what `spotcheck audit verify --published` checks.
@Suite("Store: a consistently rewritten chain disagrees with the published head")
struct ForgedChainTests {
    let county = County.kuancheng

    @Test("edit a payload, recompute the chain: the head a disclosure published is no longer in it",
          arguments: StoreFixture.tamperable)
    func rewrittenChainLosesThePublishedHead(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        let j = county.code
        try county.seedDraw(store)
        _ = try store.submit(county.evaluated(county.submission("s1", payload: "extinguishers_valid: false"), resultCode: "problem"),
                             by: County.command)
        let published = try store.recordDisclosure(county.disclosure(resultCode: "problem"), by: "publisher")
        _ = try store.submit(county.evaluated(county.submission("s2", task: 2)), by: County.command)
        let original = try store.auditEntries(jurisdiction: j)
        #expect(original.contains { $0.seq == published.auditSeq && $0.hash == published.auditHash })
        let target = try #require(original.first { $0.action == "submission" && $0.subject == "s1" })
        #expect(target.seq <= published.auditSeq)

        // The forgery: the row, its entry's payload digest, every hash from there, the head.
        let tamperer = try Tamperer(t)
        let forgedPayload = "extinguishers_valid: true"
        try tamperer.execute("UPDATE submissions SET payload = ?, payload_sha256 = ? WHERE submission_id = 's1'",
                             [.text(forgedPayload), .text(SHA256.hex(forgedPayload))], unguarding: ["submissions"])
        let row = try #require(try tamperer.fetchAll(SubmissionRecord.self, "SELECT * FROM submissions WHERE submission_id = 's1'").first)
        try tamperer.execute("UPDATE audit_log SET payload_sha256 = ? WHERE jurisdiction = ? AND seq = ?",
                             [.text(SHA256.hex(AuditFormat.canonical(row))), .text(j), .int(Int64(target.seq))], unguarding: ["audit_log"])
        try tamperer.rechain(j, from: target.seq)
        try tamperer.close()

        let reopened = try Store.open(t.location, mode: .readOnly, clock: fixedClock)
        #expect(try reopened.submission(jurisdiction: j, id: "s1")?.payload == forgedPayload)
        // Consistent in itself: verification alone does not see the forgery …
        let report = try reopened.verifyAudit()
        #expect(report.ok, "\(report.problems.map(describe))")
        // … but the published head is no longer in the chain: same seq, another hash.
        let rewritten = try reopened.auditEntries(jurisdiction: j)
        #expect(rewritten.count == original.count)
        let atPublished = try #require(rewritten.first { $0.seq == published.auditSeq })
        #expect(atPublished.hash != published.auditHash)
        #expect(!rewritten.contains { $0.hash == published.auditHash })
        // Entries before the edited one are unchanged; from it on, every hash differs.
        for (old, new) in zip(original, rewritten) {
            if old.seq < target.seq { #expect(old == new) } else { #expect(old.hash != new.hash, "entry \(old.seq)") }
        }
    }
}
