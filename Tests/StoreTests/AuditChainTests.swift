import Store
import Testing

@Suite("Store: the audit chain's format")
struct AuditChainTests {
    let county = County.kuancheng

    @Test("SHA-256 of the tests is SHA-256 (FIPS 180-4 test vectors)")
    func sha256Vectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("every entry's hash is the documented digest of its fields and the entry before it", arguments: StoreFixture.all)
    func entryHashesAsDocumented(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedEverything(store)
        let entries = try store.auditEntries(jurisdiction: county.code)
        #expect(entries.count == 17)
        #expect(entries.map(\.action) == [
            "directory_import", "directory_import", "plan_version", "draw", "confirmation", "confirmation",
            "submission", "evaluation", "submission", "evaluation", "referral", "referral_event", "referral", "referral_event",
            "referral_event", "referral_event", "disclosure",
        ])
        var previous = AuditFormat.genesis
        for e in entries {
            #expect(e.previousHash == previous)
            #expect(e.hash == AuditFormat.hash(e, previous: previous), "entry \(e.seq)")
            #expect(e.recomputedHash == e.hash)
            #expect(e.at == fixedNow)
            #expect(e.jurisdiction == county.code)
            #expect(e.payloadSHA256.count == 64)
            previous = e.hash
        }
        #expect(try store.auditHead(jurisdiction: county.code) == AuditHead(jurisdiction: county.code, seq: 17, hash: previous))
    }

    @Test("a submission's entry digests the documented canonical form of its row", arguments: StoreFixture.all)
    func submissionPayloadIsCanonical(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        try county.seedDraw(store)
        // Multi-byte text, an empty list and a newline inside a value: lengths are in UTF-8 bytes.
        let sub = county.submission("s-宽城", payload: "备注: 灭火器过期\nextinguishers_valid: false", inspectors: [])
        _ = try store.submit(county.evaluated(sub), by: County.command)
        let stored = try #require(try store.submission(jurisdiction: county.code, id: "s-宽城"))
        let entry = try #require(try store.auditEntries(jurisdiction: county.code).first { $0.action == "submission" })
        #expect(entry.subject == "s-宽城")
        #expect(entry.payloadSHA256 == SHA256.hex(AuditFormat.canonical(stored)))
        #expect(AuditFormat.canonical(stored).contains("inspectors#0\n"))
    }

    @Test("an empty store verifies with no chains", arguments: StoreFixture.all)
    func emptyStoreVerifies(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let report = try t.store.verifyAudit()
        #expect(report.ok)
        #expect(report.chains.isEmpty)
        #expect(report.count == 0)
        #expect(try t.store.jurisdictions().isEmpty)
    }
}
