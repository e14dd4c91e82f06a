import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Store: schema, submissions, directories, lifecycle records")
struct StoreTests {
    // MARK: Schema

    @Test("migrations create the schema on a fresh file and re-open cleanly")
    func migrationsOnAFreshFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("nested/store.sqlite").path
        #expect(!FileManager.default.fileExists(atPath: path))

        do {
            let store = try Store(path: path, clock: fixedClock)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(!Store.schemaMigrations.isEmpty)
            #expect(try store.appliedMigrations() == Store.schemaMigrations)
            try seed(store)
        }

        // The schema is there, seen through a connection of its own.
        let queue = try DatabaseQueue(path: path)
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["audit_head", "audit_log", "directory_imports", "directory_rows", "disclosures", "draws",
                      "evaluations", "grdb_migrations", "plan_versions", "plans", "referrals", "submissions", "tasks"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let foreignKeys = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_key_list(tasks)") }
        #expect(foreignKeys != nil, "tasks has no foreign key")
        try queue.close()

        // Re-opening applies nothing new and keeps the data.
        let reopened = try Store(path: path, clock: fixedClock)
        #expect(try reopened.appliedMigrations() == Store.schemaMigrations)
        #expect(try reopened.tasks(plan: plan).map(\.id) == ["t1", "t2", "t3"])
        #expect(try reopened.verifyAudit().ok)
        #expect(try reopened.integrityCheck() == "ok")
    }

    @Test("a store on a file is in WAL mode, with foreign keys on")
    func walMode() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try Store(path: path, clock: fixedClock)
        try seed(store)
        #expect(try store.journalMode() == "wal")
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        // The mode is the file's own, not only the connection's.
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        try queue.close()
        // Foreign keys are enforced: a task whose draw does not exist cannot be written even by raw SQL.
        #expect(throws: StoreError.self) {
            try store.write { db in
                try db.execute(sql: """
                    INSERT INTO tasks (id, draw_id, plan_id, entity_key, teams_json, checklists_json, confirmed_due)
                    VALUES ('x', 'no-such-draw', ?, 'e', '{}', '[]', '2024-01-01')
                    """, arguments: [plan])
            }
        }
        #expect(try store.foreignKeyViolations().isEmpty)
        #expect(try Store.inMemory(clock: fixedClock).journalMode() == "memory")
    }

    @Test("utcNow is ISO 8601 UTC")
    func utcNow() {
        let now = Store.utcNow()
        #expect(now.count == 20)
        #expect(now.hasSuffix("Z"))
        #expect(ISO8601DateFormatter().date(from: now) != nil)
    }

    // MARK: Submissions

    @Test("a resubmission is a new version; both are kept, in order")
    func resubmissionKeepsBothVersions() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try seed(store)
        #expect(try store.submit(submission("s1", payload: "cold_storage_temp: 9.5")) == .stored(version: 1))
        #expect(try store.submit(submission("s2", payload: "cold_storage_temp: 4")) == .stored(version: 2))
        // Another checklist of the same task has versions of its own.
        #expect(try store.submit(submission("s3", checklist: "fire.school")) == .stored(version: 1))

        let versions = try store.submissions(task: "t1", checklist: "education.school_canteen")
        #expect(versions.map(\.submissionID) == ["s1", "s2"])
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.payload) == ["cold_storage_temp: 9.5", "cold_storage_temp: 4"])
        #expect(versions.allSatisfy { $0.receivedAt == fixedNow })
        #expect(versions[0].record == submission("s1", payload: "cold_storage_temp: 9.5"))
        #expect(try store.latestSubmissions(plan: plan).map(\.submissionID) == ["s2", "s3"])
    }

    @Test("the same submission id again is idempotent; with another payload it is refused")
    func duplicateAndConflict() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try seed(store)
        #expect(try store.submit(submission("s1")) == .stored(version: 1))
        let entries = try store.auditEntries().count

        #expect(try store.submit(submission("s1")) == .duplicate(version: 1))
        #expect(try store.submissions(task: "t1", checklist: "education.school_canteen").count == 1)
        #expect(try store.auditEntries().count == entries, "a duplicate wrote an audit entry")

        #expect(throws: StoreError.conflictingResubmission(submissionID: "s1")) {
            try store.submit(submission("s1", payload: "extinguishers_valid: false"))
        }
        let kept = try store.submissions(task: "t1", checklist: "education.school_canteen")
        #expect(kept.map(\.payload) == ["extinguishers_valid: true"])
        #expect(try store.auditEntries().count == entries)
    }

    @Test("a submission for an unknown task or with a malformed date is refused")
    func invalidSubmissions() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try seed(store)
        #expect(throws: StoreError.unknownTask("t9")) { try store.submit(submission("s1", task: "t9")) }
        var bad = submission("s2")
        bad.inspectedOn = "2024-02-30"
        #expect(throws: StoreError.self) { try store.submit(bad) }
        bad.inspectedOn = "2024-5-7"
        #expect(throws: StoreError.self) { try store.submit(bad) }
        bad.inspectedOn = "2024-02-29"
        #expect(try store.submit(bad) == .stored(version: 1))
        #expect(try store.submission("s1") == nil)
    }

    @Test("a batch is all or nothing")
    func batchAllOrNothing() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try seed(store)
        let entries = try store.auditEntries().count
        let batch = [submission("b1"), submission("b2", task: "t2"), submission("b3", task: "no-such-task")]
        var progress: [Int] = []
        #expect(throws: StoreError.batchItem(index: 2, submissionID: "b3", error: .unknownTask("no-such-task"))) {
            try store.submitBatch(batch) { progress.append($0) }
        }
        #expect(progress == [1, 2], "the first two were written inside the transaction before the third failed")
        #expect(try store.submission("b1") == nil)
        #expect(try store.submission("b2") == nil)
        #expect(try store.auditEntries().count == entries)

        let results = try store.submitBatch([submission("b1"), submission("b2"), submission("b1")])
        #expect(results == [.stored(version: 1), .stored(version: 2), .duplicate(version: 1)])
        #expect(try store.verifyAudit().ok)
    }

    // MARK: Directories

    @Test("an import replaces the directory atomically and keeps the history")
    func directoryImportReplaces() throws {
        let store = try Store.inMemory(clock: fixedClock)
        let first = try store.importDirectory("entities", rows: [
            DirectoryRecord(key: "b", json: #"{"name":"乙"}"#), DirectoryRecord(key: "a", json: #"{"name":"甲"}"#),
        ], sourceSHA256: "sha-1")
        let second = try store.importDirectory("entities", rows: [
            DirectoryRecord(key: "中", json: "{}"), DirectoryRecord(key: "c", json: "{}"),
            DirectoryRecord(key: "Z", json: "{}"), DirectoryRecord(key: "b", json: #"{"name":"乙2"}"#),
        ], sourceSHA256: "sha-2")
        #expect(second > first)
        // Byte order: "Z" (0x5A) < "b" < "c" < "中" (0xE4…).
        #expect(try store.directory("entities").map(\.key) == ["Z", "b", "c", "中"])
        #expect(try store.directoryRow("entities", key: "b")?.json == #"{"name":"乙2"}"#)
        #expect(try store.directoryRow("entities", key: "a") == nil)
        #expect(try store.directoryImports("entities").map(\.sourceSHA256) == ["sha-1", "sha-2"])
        #expect(try store.directoryImports("entities").map(\.rowCount) == [2, 4])
        #expect(try store.directory("inspectors").isEmpty)
        #expect(try store.verifyAudit().ok)
    }

    @Test("a failing import (duplicate keys) leaves the previous directory intact")
    func failingImportKeepsPrevious() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try store.importDirectory("entities", rows: [DirectoryRecord(key: "a", json: "{}"),
                                                     DirectoryRecord(key: "b", json: "{}")], sourceSHA256: "sha-1")
        let before = try store.directory("entities")
        let entries = try store.auditEntries().count
        #expect(throws: StoreError.duplicateDirectoryKey(directory: "entities", key: "x")) {
            try store.importDirectory("entities", rows: [DirectoryRecord(key: "x", json: "{}"),
                                                         DirectoryRecord(key: "y", json: "{}"),
                                                         DirectoryRecord(key: "x", json: "{}")], sourceSHA256: "sha-2")
        }
        #expect(try store.directory("entities") == before)
        #expect(try store.directoryImports("entities").count == 1)
        #expect(try store.auditEntries().count == entries)
        #expect(throws: StoreError.self) {
            try store.importDirectory("entities", rows: [DirectoryRecord(key: "", json: "{}")], sourceSHA256: "s")
        }
        #expect(try store.directory("entities") == before)
    }

    // MARK: Plans, draws, tasks

    @Test("re-recording a plan with other hashes keeps both versions")
    func planVersions() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try store.recordPlan(id: "p", title: "计划", planSHA256: "h1", rulesSHA256: "r1")
        try store.recordPlan(id: "p", title: "计划", planSHA256: "h1", rulesSHA256: "r1")
        #expect(try store.planVersions("p").count == 1)
        try store.recordPlan(id: "p", title: "计划", planSHA256: "h1", rulesSHA256: "r2")
        let versions = try store.planVersions("p")
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.rulesSHA256) == ["r1", "r2"])
        #expect(try store.planIDs() == ["p"])
    }

    @Test("draws and tasks refer to what exists; a conflicting task refuses the whole call")
    func drawsAndTasks() throws {
        let store = try Store.inMemory(clock: fixedClock)
        #expect(throws: StoreError.unknownPlan("p")) {
            try store.recordDraw(DrawRecord(id: "d", planID: "p", seed: "1", certificateJSON: "{}", createdAt: fixedNow))
        }
        try seed(store)
        #expect(try store.draws(plan: plan).map(\.id) == [drawID])
        try seed(store)  // the same records again change nothing
        #expect(try store.tasks(plan: plan).count == 3)

        var changed = try #require(try store.task("t1"))
        changed.entityKey = "another"
        let fresh = TaskRecord(id: "t4", drawID: drawID, planID: plan, entityKey: "e4", teamsJSON: "{}",
                               checklistsJSON: "[]", confirmedDue: "2024-05-08")
        #expect(throws: StoreError.conflictingRecord(kind: "task", id: "t1")) {
            try store.recordTasks([fresh, changed])
        }
        #expect(try store.task("t4") == nil, "t4 was written although the call failed")
        #expect(throws: StoreError.unknownDraw("nope")) {
            try store.recordTasks([TaskRecord(id: "t5", drawID: "nope", planID: plan, entityKey: "e", teamsJSON: "{}",
                                              checklistsJSON: "[]", confirmedDue: "2024-05-08")])
        }
        try store.recordTasks([fresh])
        #expect(try store.tasks(plan: plan).map(\.id) == ["t1", "t2", "t3", "t4"])
    }

    // MARK: Evaluations, referrals, disclosures

    @Test("latest evaluation per (task, checklist)")
    func latestEvaluations() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try seed(store)
        _ = try store.submit(submission("s1"))
        _ = try store.submit(submission("s2"))
        _ = try store.submit(submission("s3", task: "t2"))
        func evaluation(_ id: String, task: String = "t1", version: Int, code: String) -> EvaluationRecord {
            EvaluationRecord(submissionID: id, taskID: task, checklist: "education.school_canteen", version: version,
                             resultCode: code, violations: code == "ok" ? [] : ["cold_storage_temp"],
                             json: "{}", enteredOn: "2024-05-08")
        }
        try store.recordEvaluation(evaluation("s2", version: 2, code: "ok"))
        try store.recordEvaluation(evaluation("s1", version: 1, code: "problem"))  // late, but older version
        try store.recordEvaluation(evaluation("s3", task: "t2", version: 1, code: "problem"))
        #expect(throws: StoreError.self) { try store.recordEvaluation(evaluation("s1", version: 2, code: "ok")) }
        #expect(throws: StoreError.unknownSubmission("s9")) { try store.recordEvaluation(evaluation("s9", version: 1, code: "ok")) }

        let latest = try store.latestEvaluations(plan: plan)
        #expect(latest.map(\.submissionID) == ["s2", "s3"])
        #expect(latest.map(\.resultCode) == ["ok", "problem"])
        #expect(latest[1].violations == ["cold_storage_temp"])
        #expect(try store.latestEvaluations(plan: nil) == latest)
        #expect(try store.latestEvaluations(plan: "other").isEmpty)
        #expect(try store.evaluations(task: "t1", checklist: "education.school_canteen").count == 2)
    }

    @Test("referrals keep their status")
    func referrals() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try seed(store)
        _ = try store.submit(submission("s1"))
        let r1 = ReferralRecord(id: "r1", submissionID: "s1", taskID: "t1", to: "fire_rescue", kind: "transfer",
                                items: ["gas_alarm"], due: "2024-05-15")
        let r2 = ReferralRecord(id: "r2", submissionID: "s1", taskID: "t1", to: "credit", kind: "credit_record",
                                items: ["gas_alarm"], due: nil)
        try store.recordReferrals([r1, r2])
        try store.recordReferrals([r1])  // idempotent
        #expect(try store.referrals(status: nil).map(\.id) == ["r1", "r2"])
        try store.setReferralStatus(id: "r1", status: .handled, on: "2024-05-10")
        #expect(try store.referrals(status: .open).map(\.id) == ["r2"])
        let handled = try store.referrals(status: .handled)
        #expect(handled.map(\.id) == ["r1"])
        #expect(handled.first?.statusOn == "2024-05-10")
        #expect(handled.first?.due == "2024-05-15")
        #expect(try store.referral("r2")?.due == nil)
        #expect(throws: StoreError.unknownReferral("r9")) {
            try store.setReferralStatus(id: "r9", status: .overdue, on: "2024-05-10")
        }
        var other = r2
        other.to = "public_security"
        #expect(throws: StoreError.conflictingRecord(kind: "referral", id: "r2")) { try store.recordReferrals([other]) }
        #expect(try store.verifyAudit().ok)
    }

    @Test("disclosures: one current record per task, filtered by plan")
    func disclosures() throws {
        let store = try Store.inMemory(clock: fixedClock)
        try seed(store)
        try store.recordDisclosure(DisclosureRecord(taskID: "t2", planID: plan, publishedOn: "2024-06-01", json: "{\"v\":1}"))
        try store.recordDisclosure(DisclosureRecord(taskID: "t1", planID: plan, publishedOn: "2024-06-01", json: "{}"))
        let entries = try store.auditEntries().count
        try store.recordDisclosure(DisclosureRecord(taskID: "t1", planID: plan, publishedOn: "2024-06-01", json: "{}"))
        #expect(try store.auditEntries().count == entries)
        try store.recordDisclosure(DisclosureRecord(taskID: "t2", planID: plan, publishedOn: "2024-06-02", json: "{\"v\":2}"))
        let current = try store.disclosures(plan: plan)
        #expect(current.map(\.taskID) == ["t1", "t2"])
        #expect(current.last?.json == "{\"v\":2}")
        #expect(try store.disclosures(plan: "other").isEmpty)
        #expect(throws: StoreError.unknownTask("t9")) {
            try store.recordDisclosure(DisclosureRecord(taskID: "t9", planID: plan, publishedOn: "2024-06-01", json: "{}"))
        }
    }

    @Test("errors read in Chinese and English")
    func bilingualErrors() {
        let text = StoreError.conflictingResubmission(submissionID: "s1").description
        #expect(text.contains("提交编号 s1"))
        #expect(text.contains("submission s1 already exists"))
        #expect(StoreError.unknownTask("t1").description == "未知的检查任务 t1 / unknown task t1")
    }
}
