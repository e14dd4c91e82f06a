import Crypto
import Foundation
import GRDB
import Testing
import Store

@Suite("Store: the audit log's hash chain")
struct AuditTests {
    /// A store on a file with a dozen entries of every kind.
    static func populatedStore(at path: String) throws -> Store {
        let store = try Store(path: path, clock: fixedClock)
        try store.importDirectory("entities", rows: [DirectoryRecord(key: "e1", json: "{}")], sourceSHA256: "s")
        try seed(store)                                                  // plan, draw, 3 tasks
        _ = try store.submit(submission("s1"))
        _ = try store.submit(submission("s2", payload: "extinguishers_valid: false"))
        try store.recordEvaluation(EvaluationRecord(submissionID: "s2", taskID: "t1", checklist: "education.school_canteen",
                                                    version: 2, resultCode: "problem", violations: ["extinguishers_valid"],
                                                    json: "{}", enteredOn: "2024-05-08"))
        try store.recordReferrals([ReferralRecord(id: "r1", submissionID: "s2", taskID: "t1", to: "fire_rescue",
                                                  kind: "transfer", items: ["extinguishers_valid"], due: "2024-05-20")])
        try store.setReferralStatus(id: "r1", status: .handled, on: "2024-05-12")
        try store.recordDisclosure(DisclosureRecord(taskID: "t1", planID: plan, publishedOn: "2024-06-01", json: "{}"))
        return store
    }

    @Test("every write appends an entry that links to the one before; the chain verifies")
    func chainVerifies() throws {
        let store = try Store.inMemory(clock: fixedClock)
        #expect(try store.verifyAudit() == AuditReport(count: 0, problems: []))
        try seed(store)
        _ = try store.submit(submission("s1"))
        let entries = try store.auditEntries()
        #expect(entries.map(\.action) == ["plan.record", "draw.record", "task.record", "task.record", "task.record",
                                          "submission.store"])
        #expect(entries.map(\.seq) == Array(1...6))
        #expect(entries.last?.subject == "s1")
        #expect(entries.allSatisfy { $0.at == fixedNow })
        #expect(entries.first?.previousHash == String(repeating: "0", count: 64))
        // The hash is the one the spec defines, recomputed here independently.
        var previous = String(repeating: "0", count: 64)
        for entry in entries {
            #expect(entry.previousHash == previous)
            let text = "\(previous)\n\(entry.seq)\n\(entry.at)\n\(entry.action)\n\(entry.subject)\n\(entry.payloadSHA256)"
            let expected = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(entry.hash == expected)
            #expect(entry.payloadSHA256.count == 64)
            previous = entry.hash
        }
        let report = try store.verifyAudit()
        #expect(report.ok)
        #expect(report.count == 6)
        #expect(report.firstBadSeq == nil)
        #expect(report.description.contains("audit log intact"))
    }

    @Test("the log refuses UPDATE and DELETE while its guards are in place")
    func appendOnlyGuards() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try Self.populatedStore(at: path)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE audit_log SET subject = 'x' WHERE seq = 3") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE seq = 3") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE submissions SET payload = 'x'") }
        }
        #expect(try store.verifyAudit().ok)
    }

    enum Tamper: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case editSubject, editTimestamp, editPayloadHash, deleteMiddle, deleteLast, reorder, forgeRecomputed,
             editSubmission, editDirectoryRow, editTask
        var testDescription: String { rawValue }

        /// SQL run on a separate connection, after the guards are dropped.
        func sql(lastSeq: Int) -> String {
            switch self {
            case .editSubject: return "UPDATE audit_log SET subject = 'someone-else' WHERE seq = 5"
            case .editTimestamp: return "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE seq = 5"
            case .editPayloadHash: return "UPDATE audit_log SET payload_sha256 = '\(String(repeating: "f", count: 64))' WHERE seq = 5"
            case .deleteMiddle: return "DELETE FROM audit_log WHERE seq = 5"
            case .deleteLast: return "DELETE FROM audit_log WHERE seq = \(lastSeq)"
            case .reorder: return """
                UPDATE audit_log SET seq = -1 WHERE seq = 5;
                UPDATE audit_log SET seq = 5 WHERE seq = 6;
                UPDATE audit_log SET seq = 6 WHERE seq = -1;
                """
            case .forgeRecomputed: return ""  // done in Swift: edit entry 5 and recompute its hash
            case .editSubmission: return "UPDATE submissions SET payload = 'extinguishers_valid: true' WHERE submission_id = 's2'"
            case .editDirectoryRow: return "UPDATE directory_rows SET json = '{\"tampered\":1}' WHERE key = 'e1'"
            case .editTask: return "UPDATE tasks SET entity_key = 'someone-else' WHERE id = 't2'"
            }
        }
    }

    @Test("tampering with the database through another connection makes verifyAudit fail, naming the entry",
          arguments: Tamper.allCases)
    func tamperingIsDetected(_ tamper: Tamper) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try Self.populatedStore(at: path)
        let before = try store.auditEntries()
        let lastSeq = try #require(before.last?.seq)
        #expect(lastSeq == 12)
        #expect(try store.verifyAudit().ok)
        let submissionEntry = try #require(before.first { $0.action == "submission.store" && $0.subject == "s2" })
        let directoryEntry = try #require(before.first { $0.action == "directory.import" })
        let taskEntry = try #require(before.first { $0.action == "task.record" && $0.subject == "t2" })

        // What someone with the file in hand can do: drop the guards, then edit.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            if tamper == .forgeRecomputed {
                var entry = before[4]
                entry.subject = "someone-else"
                entry.hash = entry.recomputedHash
                try db.execute(sql: "UPDATE audit_log SET subject = ?, hash = ? WHERE seq = 5",
                               arguments: [entry.subject, entry.hash])
            } else {
                try db.execute(sql: tamper.sql(lastSeq: lastSeq))
            }
        }
        try queue.close()

        let report = try store.verifyAudit()
        #expect(!report.ok, "\(tamper) went unnoticed")
        #expect(!report.description.contains("intact"))
        let kinds = Set(report.problems.map(\.kind))
        switch tamper {
        case .editSubject, .editTimestamp, .editPayloadHash:
            #expect(report.firstBadSeq == 5)
            #expect(kinds.contains(.editedEntry))
        case .deleteMiddle:
            #expect(report.count == lastSeq - 1)
            #expect(report.firstBadSeq == 6)
            #expect(report.problems.first?.kind == .missingEntries)
            #expect(report.problems.first?.detail.contains("entries 5…5 are missing") == true)
        case .deleteLast:
            #expect(report.firstBadSeq == lastSeq)
            #expect(report.problems.first?.kind == .truncatedTail)
            // The deleted entry recorded the disclosure, which is now unrecorded.
            #expect(kinds == [.truncatedTail, .unrecordedData])
            // Appending after the deletion does not hide it: the next entry links to the deleted one.
            _ = try store.submit(submission("s3"))
            let after = try store.verifyAudit()
            #expect(after.firstBadSeq == lastSeq + 1)
            #expect(after.problems.first?.kind == .missingEntries)
        case .reorder:
            #expect(report.firstBadSeq == 5)
            #expect(kinds.contains(.editedEntry))
        case .forgeRecomputed:
            // The entry itself is self-consistent; the next one no longer links to it.
            #expect(report.firstBadSeq == 6)
            #expect(report.problems.first?.kind == .brokenLink)
        case .editSubmission:
            #expect(report.problems.map(\.kind) == [.dataMismatch])
            #expect(report.firstBadSeq == submissionEntry.seq)
            #expect(report.problems.first?.detail.contains("submission s2") == true)
        case .editDirectoryRow:
            #expect(report.problems.map(\.kind) == [.dataMismatch])
            #expect(report.firstBadSeq == directoryEntry.seq)
        case .editTask:
            #expect(report.problems.map(\.kind) == [.dataMismatch])
            #expect(report.firstBadSeq == taskEntry.seq)
        }
    }

    @Test("a row written behind the store's back has no entry")
    func unrecordedRow() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try Self.populatedStore(at: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO submissions (submission_id, task_id, department, checklist, inspectors_json, inspected_on,
                                         payload, version, received_at)
                VALUES ('forged', 't3', 'education', 'education.school_canteen', '[]', '2024-05-07', 'x', 1, ?)
                """, arguments: [fixedNow])
        }
        try queue.close()
        let report = try store.verifyAudit()
        #expect(report.problems.map(\.kind) == [.unrecordedData])
        #expect(report.problems.first?.detail.contains("submission forged") == true)
    }

    @Test("a list confirmation edited behind the store's back no longer matches its entry")
    func editedConfirmationIsDetected() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try Self.populatedStore(at: path)
        try store.confirmTask(TaskConfirmation(taskID: "t1", department: "education", confirmedOn: "2024-05-06"))
        // Confirming again on the same day is a no-op; on another day it is refused.
        try store.confirmTask(TaskConfirmation(taskID: "t1", department: "education", confirmedOn: "2024-05-06"))
        #expect(throws: StoreError.self) {
            try store.confirmTask(TaskConfirmation(taskID: "t1", department: "education", confirmedOn: "2024-05-07"))
        }
        #expect(try store.confirmations(plan: nil).map(\.confirmedOn) == ["2024-05-06"])
        #expect(try store.verifyAudit().ok)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER task_confirmations_no_update")
            try db.execute(sql: "UPDATE task_confirmations SET confirmed_on = '2024-05-01'")
        }
        try queue.close()
        let report = try store.verifyAudit()
        #expect(report.problems.map(\.kind) == [.dataMismatch])
        #expect(report.problems.first?.detail.contains("confirmation t1/education") == true)
    }
}
