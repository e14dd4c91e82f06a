import GRDB
import Store
import Testing

/// Edits made to a store's SQLite file behind the store's back, and the
/// problem `verifyAudit` must report for each. Two jurisdictions are in the
/// file; only the first is touched, and the second must still verify.
@Suite("Store: tampering with the SQLite file shows in verifyAudit")
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
                try t.execute("DELETE FROM submissions WHERE submission_id = ?", ["\(j)-s1"], unguarding: ["submissions"])
            case .deleteEvaluation:
                try t.execute("DELETE FROM evaluations WHERE submission_id = ?", ["\(j)-s1"], unguarding: ["evaluations"])
            case .deleteDisclosure:
                try t.execute("DELETE FROM disclosures WHERE jurisdiction = ?", [j], unguarding: ["disclosures"])
            case .deleteTask:
                try t.execute("DELETE FROM tasks WHERE id = ?", [a.taskID(3)], unguarding: ["tasks"])
            case .deleteConfirmation:
                try t.execute("DELETE FROM confirmations WHERE task_id = ?", [a.taskID(3)], unguarding: ["confirmations"])
            case .deleteDirectoryImport:
                try t.execute("DELETE FROM directory_imports WHERE jurisdiction = ? AND directory = 'inspectors'", [j],
                              unguarding: ["directory_imports"])
            case .deleteDirectoryRow:
                try t.execute("DELETE FROM directory_rows WHERE key = ?", [a.entityKeys[1]], unguarding: ["directory_rows"])
            case .deleteReferral:
                try t.execute("DELETE FROM referrals WHERE id = ?", ["\(j)-r1"], unguarding: ["referrals"])
            case .deleteReferralEvent:
                // r1's first event (open); its status row still names the last one.
                try t.execute("DELETE FROM referral_events WHERE id = (SELECT MIN(id) FROM referral_events WHERE referral_id = ?)",
                              ["\(j)-r1"], unguarding: ["referral_events"])
            case .editReferralStatus:
                try t.execute("UPDATE referral_status SET status = 'closed' WHERE referral_id = ?", ["\(j)-r2"])
            case .deleteReferralStatus:
                try t.execute("DELETE FROM referral_status WHERE referral_id = ?", ["\(j)-r1"])
            case .editPlanTitle:
                try t.execute("UPDATE plan_versions SET title = '另一个计划' WHERE plan_id = ?", [a.planID], unguarding: ["plan_versions"])
            case .editSubmissionPayload:
                try t.execute("UPDATE submissions SET payload = 'extinguishers_valid: true' WHERE submission_id = ?", ["\(j)-s2"],
                              unguarding: ["submissions"])
            case .editTask:
                try t.execute("UPDATE tasks SET entity_name = '另一所学校' WHERE id = ?", [a.taskID(2)], unguarding: ["tasks"])
            case .editDirectoryRow:
                try t.execute("UPDATE directory_rows SET json = '{}' WHERE key = ?", [a.entityKeys[0]], unguarding: ["directory_rows"])
            case .insertUnrecordedConfirmation:
                try t.execute("""
                    INSERT INTO confirmations (jurisdiction, task_id, department, decision, reason, decided_on, recorded_at, recorded_by)
                    VALUES (?, ?, 'fire_rescue', 'confirmed', NULL, '2024-05-07', ?, 'nobody')
                    """, [j, a.taskID(2), fixedNow])
            case .editAuditEntryActor:
                try t.execute("UPDATE audit_log SET actor = 'nobody' WHERE jurisdiction = ? AND seq = 5", [j], unguarding: ["audit_log"])
            case .editAuditEntryTime:
                try t.execute("UPDATE audit_log SET at = '2024-01-01T00:00:00Z' WHERE jurisdiction = ? AND seq = 2", [j],
                              unguarding: ["audit_log"])
            case .forgeLastEntry:
                // The last entry edited and its own hash recomputed: only the head still knows.
                try t.queue.write { db in
                    try db.execute(sql: "DROP TRIGGER audit_log_no_update")
                    var last = try #require(try AuditEntry.fetchOne(db, sql: "SELECT * FROM audit_log WHERE jurisdiction = ? ORDER BY seq DESC LIMIT 1",
                                                                    arguments: [j]))
                    last.actor = "nobody"
                    last.hash = AuditFormat.hash(last, previous: last.previousHash)
                    try db.execute(sql: "UPDATE audit_log SET actor = ?, hash = ? WHERE jurisdiction = ? AND seq = ?",
                                   arguments: [last.actor, last.hash, j, last.seq])
                }
            case .deleteChainTail:
                try t.execute("DELETE FROM audit_log WHERE jurisdiction = ? AND seq = (SELECT MAX(seq) FROM audit_log WHERE jurisdiction = ?)",
                              [j, j], unguarding: ["audit_log"])
            case .deleteAuditHead:
                try t.execute("DELETE FROM audit_heads WHERE jurisdiction = ?", [j])
            case .deleteMiddleEntry:
                try t.execute("DELETE FROM audit_log WHERE jurisdiction = ? AND seq = 4", [j], unguarding: ["audit_log"])
            case .swapEntries:
                // Entries 6 and 7 trade places (their seq numbers swapped).
                try t.execute("""
                    UPDATE audit_log SET seq = -seq WHERE jurisdiction = ? AND seq IN (6, 7);
                    UPDATE audit_log SET seq = CASE seq WHEN -6 THEN 7 ELSE 6 END WHERE jurisdiction = ? AND seq IN (-6, -7);
                    """, [j, j], unguarding: ["audit_log"])
            }
        }
    }

    /// A SQLite store with both counties' every kind of record.
    static func populated() throws -> TestStore {
        let t = try StoreFixture.sqliteFile.make()
        try a.seedEverything(t.store)
        try b.seedEverything(t.store)
        return t
    }

    @Test("an untouched store verifies, also opened read-only")
    func untouchedStoreVerifies() throws {
        let t = try Self.populated()
        defer { t.discard() }
        try expectVerifies(t.store)
        let readOnly = try Store.open(t.location, mode: .readOnly, clock: fixedClock)
        let report = try readOnly.verifyAudit()
        #expect(report.ok, "\(report.problems.map(describe))")
        #expect(report.chains.map(\.jurisdiction) == [Self.b.code, Self.a.code].sorted())
        #expect(report.count == 2 * (try t.store.auditEntries(jurisdiction: Self.a.code)).count)
    }

    @Test("each edit behind the store's back is reported with its kind, in its jurisdiction only",
          arguments: Tamper.allCases)
    func tamperIsReported(_ tamper: Tamper) throws {
        let t = try Self.populated()
        defer { t.discard() }
        let tamperer = try Tamperer(t.location)
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

    @Test("the append-only tables refuse UPDATE and DELETE while their guards are in place")
    func appendOnlyGuards() throws {
        let t = try Self.populated()
        defer { t.discard() }
        let tamperer = try Tamperer(t.location)
        defer { try? tamperer.close() }
        let tables = ["directory_imports", "directory_rows", "plan_versions", "draws", "tasks", "confirmations", "submissions",
                      "evaluations", "referrals", "referral_events", "disclosures", "audit_log"]
        for table in tables {
            let column = table == "directory_rows" ? "key" : "jurisdiction"
            for sql in ["UPDATE \(table) SET \(column) = \(column)", "DELETE FROM \(table)"] {
                do {
                    try tamperer.execute(sql)
                    Issue.record("\(sql) was allowed")
                } catch let error as DatabaseError {
                    #expect(error.message == "\(table) is append-only", "\(sql): \(error)")
                }
            }
        }
        #expect(try t.store.auditEntries(jurisdiction: Self.a.code).count == 17)
        try expectVerifies(t.store)
    }
}
