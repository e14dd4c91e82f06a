@testable import Store
import Testing

/// Edits made to a store's database behind the store's back (a SQLite file,
/// a PostgreSQL database), and the problem `verifyAudit` must report for
/// each. Two jurisdictions are in the store; only the first is touched, and
/// the second must still verify.
@Suite("Store: tampering with the database shows in verifyAudit")
struct TamperTests {
    static let a = County.kuancheng
    static let b = County.changli

    enum Tamper: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case deleteSubmission, deleteEvaluation, deleteDisclosure, deleteTask, deleteConfirmation, deleteDirectoryImport,
             deleteDirectoryRow, deleteReferral, deleteReferralEvent, editReferralStatus, deleteReferralStatus, editPlanTitle,
             editSubmissionPayload, editTask, editDirectoryRow, insertUnrecordedConfirmation, editAuditEntryActor,
             editAuditEntryTime, forgeLastEntry, deleteChainTail, deleteAuditHead, deleteMiddleEntry, swapEntries

        var testDescription: String { rawValue }

        /// The problem verification must report.
        var expected: AuditProblem.Kind {
            switch self {
            case .deleteSubmission, .deleteEvaluation, .deleteDisclosure, .deleteConfirmation, .deleteDirectoryImport,
                 .deleteReferral, .deleteReferralEvent:
                return .deletedData
            case .deleteTask, .deleteDirectoryRow, .editTask, .editDirectoryRow: return .digestMismatch
            case .editReferralStatus, .deleteReferralStatus: return .statusMismatch
            case .editPlanTitle, .editSubmissionPayload: return .dataMismatch
            case .insertUnrecordedConfirmation: return .unrecordedData
            case .editAuditEntryActor, .editAuditEntryTime, .forgeLastEntry: return .editedEntry
            case .deleteChainTail, .deleteAuditHead: return .truncatedTail
            case .deleteMiddleEntry: return .missingEntries
            case .swapEntries: return .brokenLink
            }
        }

        func apply(_ t: Tamperer) throws {
            let a = TamperTests.a
            let j = a.code
            switch self {
            case .deleteSubmission:
                try t.execute("DELETE FROM submissions WHERE submission_id = ?", [.text("\(j)-s1")], unguarding: ["submissions"])
            case .deleteEvaluation:
                try t.execute("DELETE FROM evaluations WHERE submission_id = ?", [.text("\(j)-s1")], unguarding: ["evaluations"])
            case .deleteDisclosure:
                try t.execute("DELETE FROM disclosures WHERE jurisdiction = ?", [.text(j)], unguarding: ["disclosures"])
            case .deleteTask:
                try t.execute("DELETE FROM tasks WHERE id = ?", [.text(a.taskID(3))], unguarding: ["tasks"])
            case .deleteConfirmation:
                try t.execute("DELETE FROM confirmations WHERE task_id = ?", [.text(a.taskID(3))], unguarding: ["confirmations"])
            case .deleteDirectoryImport:
                try t.execute("DELETE FROM directory_imports WHERE jurisdiction = ? AND directory = 'inspectors'", [.text(j)],
                              unguarding: ["directory_imports"])
            case .deleteDirectoryRow:
                try t.execute("DELETE FROM directory_rows WHERE key = ?", [.text(a.entityKeys[1])], unguarding: ["directory_rows"])
            case .deleteReferral:
                try t.execute("DELETE FROM referrals WHERE id = ?", [.text("\(j)-r1")], unguarding: ["referrals"])
            case .deleteReferralEvent:
                // r1's first event (open); its status row still names the last one.
                try t.execute("DELETE FROM referral_events WHERE id = (SELECT MIN(id) FROM referral_events WHERE referral_id = ?)",
                              [.text("\(j)-r1")], unguarding: ["referral_events"])
            case .editReferralStatus:
                try t.execute("UPDATE referral_status SET status = 'closed' WHERE referral_id = ?", [.text("\(j)-r2")])
            case .deleteReferralStatus:
                try t.execute("DELETE FROM referral_status WHERE referral_id = ?", [.text("\(j)-r1")])
            case .editPlanTitle:
                try t.execute("UPDATE plan_versions SET title = '另一个计划' WHERE plan_id = ?", [.text(a.planID)], unguarding: ["plan_versions"])
            case .editSubmissionPayload:
                try t.execute("UPDATE submissions SET payload = 'extinguishers_valid: true' WHERE submission_id = ?", [.text("\(j)-s2")],
                              unguarding: ["submissions"])
            case .editTask:
                try t.execute("UPDATE tasks SET entity_name = '另一所学校' WHERE id = ?", [.text(a.taskID(2))], unguarding: ["tasks"])
            case .editDirectoryRow:
                try t.execute("UPDATE directory_rows SET json = '{}' WHERE key = ?", [.text(a.entityKeys[0])], unguarding: ["directory_rows"])
            case .insertUnrecordedConfirmation:
                try t.execute("""
                    INSERT INTO confirmations (jurisdiction, task_id, department, decision, reason, decided_on, recorded_at, recorded_by)
                    VALUES (?, ?, 'fire_rescue', 'confirmed', NULL, '2024-05-07', ?, 'nobody')
                    """, [.text(j), .text(a.taskID(2)), .text(fixedNow)])
            case .editAuditEntryActor:
                try t.execute("UPDATE audit_log SET actor = 'nobody' WHERE jurisdiction = ? AND seq = 5", [.text(j)], unguarding: ["audit_log"])
            case .editAuditEntryTime:
                try t.execute("UPDATE audit_log SET at = '2024-01-01T00:00:00Z' WHERE jurisdiction = ? AND seq = 2", [.text(j)],
                              unguarding: ["audit_log"])
            case .forgeLastEntry:
                // The last entry edited and its own hash recomputed: only the head still knows.
                try t.write(unguarding: ["audit_log"]) { tx in
                    var last = try #require(try tx.fetchAll(AuditEntry.self, "SELECT * FROM audit_log WHERE jurisdiction = ? ORDER BY seq DESC LIMIT 1",
                                                            [.text(j)]).first)
                    last.actor = "nobody"
                    last.hash = AuditFormat.hash(last, previous: last.previousHash)
                    try tx.execute("UPDATE audit_log SET actor = ?, hash = ? WHERE jurisdiction = ? AND seq = ?",
                                   [.text(last.actor), .text(last.hash), .text(j), .int(Int64(last.seq))])
                }
            case .deleteChainTail:
                try t.execute("DELETE FROM audit_log WHERE jurisdiction = ? AND seq = (SELECT MAX(seq) FROM audit_log WHERE jurisdiction = ?)",
                              [.text(j), .text(j)], unguarding: ["audit_log"])
            case .deleteAuditHead:
                try t.execute("DELETE FROM audit_heads WHERE jurisdiction = ?", [.text(j)])
            case .deleteMiddleEntry:
                try t.execute("DELETE FROM audit_log WHERE jurisdiction = ? AND seq = 4", [.text(j)], unguarding: ["audit_log"])
            case .swapEntries:
                // Entries 6 and 7 trade places (their seq numbers swapped).
                try t.write(unguarding: ["audit_log"]) { tx in
                    try tx.execute("UPDATE audit_log SET seq = -seq WHERE jurisdiction = ? AND seq IN (6, 7)", [.text(j)])
                    try tx.execute("UPDATE audit_log SET seq = CASE seq WHEN -6 THEN 7 ELSE 6 END WHERE jurisdiction = ? AND seq IN (-6, -7)",
                                   [.text(j)])
                }
            }
        }
    }

    /// A store with both counties' every kind of record.
    static func populated(_ fixture: StoreFixture) throws -> TestStore {
        let t = try fixture.make()
        try a.seedEverything(t.store)
        try b.seedEverything(t.store)
        return t
    }

    @Test("an untouched store verifies, also opened read-only", arguments: StoreFixture.tamperable)
    func untouchedStoreVerifies(_ fixture: StoreFixture) throws {
        let t = try Self.populated(fixture)
        defer { t.discard() }
        try expectVerifies(t.store)
        let readOnly = try Store.open(t.location, mode: .readOnly, clock: fixedClock)
        let report = try readOnly.verifyAudit()
        #expect(report.ok, "\(report.problems.map(describe))")
        #expect(report.chains.map(\.jurisdiction) == [Self.b.code, Self.a.code].sorted())
        #expect(report.count == 2 * (try t.store.auditEntries(jurisdiction: Self.a.code)).count)
    }

    @Test("each edit behind the store's back is reported with its kind, in its jurisdiction only",
          arguments: StoreFixture.tamperable, Tamper.allCases)
    func tamperIsReported(_ fixture: StoreFixture, _ tamper: Tamper) throws {
        let t = try Self.populated(fixture)
        defer { t.discard() }
        let tamperer = try Tamperer(t)
        try tamper.apply(tamperer)
        try tamperer.close()

        let store = try Store.open(t.location, mode: .readOnly, clock: fixedClock)
        let report = try store.verifyAudit()
        #expect(!report.ok)
        #expect(report.kinds().contains(tamper.expected), "reported: \(report.problems.map(describe))")
        // The other jurisdiction's chain and rows are untouched and verify.
        #expect(report.problems.allSatisfy { $0.jurisdiction != Self.b.code }, "\(report.problems.map(describe))")
        // The store that was open all along sees the same.
        #expect(try t.store.verifyAudit().kinds() == report.kinds())
    }

    @Test("the append-only tables refuse UPDATE and DELETE (and TRUNCATE) while their guards are in place",
          arguments: StoreFixture.tamperable)
    func appendOnlyGuards(_ fixture: StoreFixture) throws {
        let t = try Self.populated(fixture)
        defer { t.discard() }
        let tamperer = try Tamperer(t)
        defer { try? tamperer.close() }
        let tables = ["directory_imports", "directory_rows", "plan_versions", "draws", "tasks", "confirmations", "submissions",
                      "evaluations", "referrals", "referral_events", "disclosures", "audit_log"]
        for table in tables {
            let column = table == "directory_rows" ? "key" : "jurisdiction"
            // PostgreSQL has TRUNCATE too, guarded the same way.
            let truncate = t.isPostgres ? ["TRUNCATE \(table) CASCADE"] : []
            for sql in ["UPDATE \(table) SET \(column) = \(column)", "DELETE FROM \(table)"] + truncate {
                do {
                    try tamperer.execute(sql)
                    Issue.record("\(sql) was allowed")
                } catch {
                    #expect(Tamperer.message(error) == "\(table) is append-only", "\(sql): \(error)")
                }
            }
        }
        #expect(try t.store.auditEntries(jurisdiction: Self.a.code).count == 17)
        #expect(try t.store.integrityCheck() == "ok")
        try expectVerifies(t.store)
    }
}
