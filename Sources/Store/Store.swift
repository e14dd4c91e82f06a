// Store: persistence of the spot-check lifecycle on SQLite through GRDB.
//
// It knows nothing of checklists, CEL or rule files: payloads are opaque
// JSON or text. Every public write is one transaction that also appends
// its audit entries, so a refused write, a crash or a kill leaves the store
// as it was before that write.

import Foundation
import GRDB

public final class Store: Sendable {
    let writer: any DatabaseWriter
    let clock: @Sendable () -> String
    /// The database file; nil for an in-memory store.
    public let path: String?

    /// Opens (creating it if needed) the store at `path` in WAL mode and
    /// brings its schema up to date.
    public convenience init(path: String, clock: @escaping @Sendable () -> String = Store.utcNow) throws {
        let pool: DatabasePool
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            pool = try DatabasePool(path: path, configuration: Store.configuration())
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Store.message(of: error))
        }
        try self.init(writer: pool, clock: clock, path: path)
    }

    /// A store that lives in memory only (tests, dry runs).
    public static func inMemory(clock: @escaping @Sendable () -> String = Store.utcNow) throws -> Store {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw StoreError.cannotOpen(path: ":memory:", reason: message(of: error))
        }
        return try Store(writer: queue, clock: clock, path: nil)
    }

    init(writer: any DatabaseWriter, clock: @escaping @Sendable () -> String, path: String?) throws {
        self.writer = writer
        self.clock = clock
        self.path = path
        do {
            try Schema.migrator.migrate(writer)
        } catch {
            throw StoreError.cannotOpen(path: path ?? ":memory:", reason: Store.message(of: error))
        }
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another process may hold the write lock for a while (a batch import).
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // A committed transaction survives a power cut, not only a crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// Now, as ISO 8601 UTC with seconds ("2024-05-06T07:08:09Z").
    public static func utcNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    // MARK: - Schema and health

    /// The migrations of the schema, in order; a store opened by this code has applied them all.
    public static var schemaMigrations: [String] { Schema.migrationIdentifiers }

    /// The migrations applied to this store's database, in order.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// SQLite's journal mode ("wal" for a store on a file).
    public func journalMode() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// `PRAGMA integrity_check` joined by newlines: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Rows whose foreign keys point nowhere, as "table#rowid → parent"; empty when consistent.
    public func foreignKeyViolations() throws -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                let table: String = try row.decode(forColumn: "table")
                let rowid: Int64? = try row.decode(forColumn: "rowid")
                let parent: String = try row.decode(forColumn: "parent")
                return "\(table)#\(rowid.map(String.init) ?? "?") → \(parent)"
            }
        }
    }

    // MARK: - Directories

    /// Replaces the directory's current rows with `rows`, atomically, and
    /// keeps the import in the history. Returns the import id. Duplicate keys
    /// refuse the whole import, leaving the previous rows current.
    @discardableResult
    public func importDirectory(_ name: String, rows: [DirectoryRecord], sourceSHA256: String) throws -> Int {
        try Self.requireNonEmpty("directory", name)
        return try write { db in
            let at = self.clock()
            try db.execute(
                sql: "INSERT INTO directory_imports (name, source_sha256, row_count, imported_at) VALUES (?, ?, ?, ?)",
                arguments: [name, sourceSHA256, rows.count, at])
            let importID = Int(db.lastInsertedRowID)
            var seen = Set<String>()
            for row in rows {
                try Self.requireNonEmpty("key", row.key)
                guard seen.insert(row.key).inserted else {
                    throw StoreError.duplicateDirectoryKey(directory: name, key: row.key)
                }
                try db.execute(sql: "INSERT INTO directory_rows (import_id, key, json) VALUES (?, ?, ?)",
                               arguments: [importID, row.key, row.json])
            }
            var canonical = Canonical("directory-import")
            canonical.add("name", name)
            canonical.add("import_id", importID)
            canonical.add("source_sha256", sourceSHA256)
            canonical.add("row_count", rows.count)
            // In key byte order, as SQLite sorts them (and `verifyAudit` reads them back).
            for row in rows.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                canonical.add("key", row.key)
                canonical.add("json", row.json)
            }
            try self.appendAudit(db, action: "directory.import", subject: name, payload: canonical)
            return importID
        }
    }

    /// The directory's current rows, sorted by key (byte order); empty when never imported.
    public func directory(_ name: String) throws -> [DirectoryRecord] {
        try read { db in
            guard let importID = try Self.currentImport(db, name) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT key, json FROM directory_rows WHERE import_id = ? ORDER BY key",
                                    arguments: [importID]).map(Self.directoryRecord)
        }
    }

    public func directoryRow(_ name: String, key: String) throws -> DirectoryRecord? {
        try read { db in
            guard let importID = try Self.currentImport(db, name) else { return nil }
            return try Row.fetchOne(db, sql: "SELECT key, json FROM directory_rows WHERE import_id = ? AND key = ?",
                                    arguments: [importID, key]).map(Self.directoryRecord)
        }
    }

    /// Every import of the directory, oldest first.
    public func directoryImports(_ name: String) throws -> [DirectoryImport] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM directory_imports WHERE name = ? ORDER BY id",
                             arguments: [name]).map { row in
                DirectoryImport(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                                sourceSHA256: try row.decode(forColumn: "source_sha256"),
                                rowCount: try row.decode(forColumn: "row_count"),
                                importedAt: try row.decode(forColumn: "imported_at"))
            }
        }
    }

    /// The names of the directories ever imported, sorted.
    public func directoryNames() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT name FROM directory_imports ORDER BY name") }
    }

    private static func currentImport(_ db: Database, _ name: String) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT MAX(id) FROM directory_imports WHERE name = ?", arguments: [name])
    }

    private static func directoryRecord(_ row: Row) throws -> DirectoryRecord {
        DirectoryRecord(key: try row.decode(forColumn: "key"), json: try row.decode(forColumn: "json"))
    }

    // MARK: - Plans

    /// Records that the plan was run with these file hashes. Re-recording the
    /// same id with other hashes (or title) adds a version; the same ones again
    /// changes nothing.
    public func recordPlan(id: String, title: String, planSHA256: String, rulesSHA256: String) throws {
        try Self.requireNonEmpty("plan", id)
        try write { db in
            let known = try Int.fetchOne(db, sql: """
                SELECT version FROM plan_versions
                WHERE plan_id = ? AND plan_sha256 = ? AND rules_sha256 = ? AND title = ?
                """, arguments: [id, planSHA256, rulesSHA256, title])
            if known != nil { return }
            let at = self.clock()
            try db.execute(sql: """
                INSERT INTO plans (id, title, first_recorded_at) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title
                """, arguments: [id, title, at])
            let version = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan_versions WHERE plan_id = ?",
                                            arguments: [id]) ?? 0) + 1
            try db.execute(sql: """
                INSERT INTO plan_versions (plan_id, version, title, plan_sha256, rules_sha256, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id, version, title, planSHA256, rulesSHA256, at])
            var c = Canonical("plan")
            c.add("id", id)
            c.add("version", version)
            c.add("title", title)
            c.add("plan_sha256", planSHA256)
            c.add("rules_sha256", rulesSHA256)
            try self.appendAudit(db, action: "plan.record", subject: id, payload: c)
        }
    }

    /// The plan's versions, oldest first; empty when unknown.
    public func planVersions(_ id: String) throws -> [PlanVersion] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM plan_versions WHERE plan_id = ? ORDER BY version",
                             arguments: [id]).map { row in
                PlanVersion(planID: try row.decode(forColumn: "plan_id"), version: try row.decode(forColumn: "version"),
                            title: try row.decode(forColumn: "title"),
                            planSHA256: try row.decode(forColumn: "plan_sha256"),
                            rulesSHA256: try row.decode(forColumn: "rules_sha256"),
                            recordedAt: try row.decode(forColumn: "recorded_at"))
            }
        }
    }

    /// The ids of every recorded plan, sorted.
    public func planIDs() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM plans ORDER BY id") }
    }

    // MARK: - Draws

    /// Records a draw of a recorded plan. The same draw again changes nothing;
    /// the same id with another content is refused.
    public func recordDraw(_ d: DrawRecord) throws {
        try Self.requireNonEmpty("draw", d.id)
        try write { db in
            if let existing = try Self.fetchDraw(db, d.id) {
                guard existing == d else { throw StoreError.conflictingRecord(kind: "draw", id: d.id) }
                return
            }
            try Self.requirePlan(db, d.planID)
            try db.execute(sql: """
                INSERT INTO draws (id, plan_id, seed, certificate_json, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [d.id, d.planID, d.seed, d.certificateJSON, d.createdAt])
            try self.appendAudit(db, action: "draw.record", subject: d.id, payload: d.canonical)
        }
    }

    /// The plan's draws, oldest first.
    public func draws(plan: String) throws -> [DrawRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM draws WHERE plan_id = ? ORDER BY created_at, id",
                             arguments: [plan]).map(Self.drawRecord)
        }
    }

    public func draw(_ id: String) throws -> DrawRecord? {
        try read { db in try Self.fetchDraw(db, id) }
    }

    private static func fetchDraw(_ db: Database, _ id: String) throws -> DrawRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM draws WHERE id = ?", arguments: [id]).map(drawRecord)
    }

    private static func drawRecord(_ row: Row) throws -> DrawRecord {
        DrawRecord(id: try row.decode(forColumn: "id"), planID: try row.decode(forColumn: "plan_id"),
                   seed: try row.decode(forColumn: "seed"),
                   certificateJSON: try row.decode(forColumn: "certificate_json"),
                   createdAt: try row.decode(forColumn: "created_at"))
    }

    // MARK: - Tasks

    /// Records tasks, all or none. A task already stored identically is
    /// skipped; the same id with another content refuses the whole call.
    public func recordTasks(_ t: [TaskRecord]) throws {
        for task in t {
            try Self.requireNonEmpty("task", task.id)
            try Self.requireDate("confirmed_due", task.confirmedDue)
        }
        try write { db in
            for task in t {
                if let existing = try Self.fetchTask(db, task.id) {
                    guard existing == task else { throw StoreError.conflictingRecord(kind: "task", id: task.id) }
                    continue
                }
                guard let draw = try Self.fetchDraw(db, task.drawID) else { throw StoreError.unknownDraw(task.drawID) }
                guard draw.planID == task.planID else {
                    throw StoreError.mismatch(kind: "task", id: task.id,
                                              detail: "plan \(task.planID) ≠ draw \(draw.id)'s plan \(draw.planID)")
                }
                try db.execute(sql: """
                    INSERT INTO tasks (id, draw_id, plan_id, entity_key, teams_json, checklists_json, confirmed_due)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [task.id, task.drawID, task.planID, task.entityKey, task.teamsJSON,
                                     task.checklistsJSON, task.confirmedDue])
                try self.appendAudit(db, action: "task.record", subject: task.id, payload: task.canonical)
            }
        }
    }

    public func task(_ id: String) throws -> TaskRecord? {
        try read { db in try Self.fetchTask(db, id) }
    }

    /// The plan's tasks, sorted by id.
    public func tasks(plan: String) throws -> [TaskRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tasks WHERE plan_id = ? ORDER BY id", arguments: [plan])
                .map(Self.taskRecord)
        }
    }

    private static func fetchTask(_ db: Database, _ id: String) throws -> TaskRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM tasks WHERE id = ?", arguments: [id]).map(taskRecord)
    }

    private static func taskRecord(_ row: Row) throws -> TaskRecord {
        TaskRecord(id: try row.decode(forColumn: "id"), drawID: try row.decode(forColumn: "draw_id"),
                   planID: try row.decode(forColumn: "plan_id"), entityKey: try row.decode(forColumn: "entity_key"),
                   teamsJSON: try row.decode(forColumn: "teams_json"),
                   checklistsJSON: try row.decode(forColumn: "checklists_json"),
                   confirmedDue: try row.decode(forColumn: "confirmed_due"))
    }

    // MARK: - Submissions

    /// Stores a submission as the next version of its (task, checklist).
    /// The same submission id with the same content is a duplicate (nothing
    /// written); with another content it is refused.
    public func submit(_ s: SubmissionRecord) throws -> SubmitResult {
        try Self.validate(s)
        return try write { db in try self.store(db, s) }
    }

    /// Stores many submissions in one transaction: all of them, or — when one
    /// is refused, or the process dies — none. `progress` is called inside the
    /// transaction after each item with the number done so far.
    public func submitBatch(_ s: [SubmissionRecord], progress: ((Int) -> Void)? = nil) throws -> [SubmitResult] {
        for (index, submission) in s.enumerated() {
            do { try Self.validate(submission) } catch let error as StoreError {
                throw StoreError.batchItem(index: index, submissionID: submission.submissionID, error: error)
            }
        }
        return try write { db in
            var results: [SubmitResult] = []
            results.reserveCapacity(s.count)
            for (index, submission) in s.enumerated() {
                do {
                    results.append(try self.store(db, submission))
                } catch let error as StoreError {
                    throw StoreError.batchItem(index: index, submissionID: submission.submissionID, error: error)
                }
                progress?(index + 1)
            }
            return results
        }
    }

    /// The versions of (task, checklist), oldest first.
    public func submissions(task: String, checklist: String) throws -> [StoredSubmission] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM submissions WHERE task_id = ? AND checklist = ? ORDER BY version",
                             arguments: [task, checklist]).map(Self.storedSubmission)
        }
    }

    public func submission(_ submissionID: String) throws -> StoredSubmission? {
        try read { db in try Self.fetchSubmission(db, submissionID) }
    }

    /// The latest version of every (task, checklist) with a submission, for one plan
    /// or all, sorted by task then checklist.
    public func latestSubmissions(plan: String?) throws -> [StoredSubmission] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.* FROM submissions s JOIN tasks t ON t.id = s.task_id
                WHERE (?1 IS NULL OR t.plan_id = ?1)
                  AND s.version = (SELECT MAX(version) FROM submissions s2
                                   WHERE s2.task_id = s.task_id AND s2.checklist = s.checklist)
                ORDER BY s.task_id, s.checklist
                """, arguments: [plan]).map(Self.storedSubmission)
        }
    }

    func store(_ db: Database, _ s: SubmissionRecord) throws -> SubmitResult {
        if let existing = try Self.fetchSubmission(db, s.submissionID) {
            guard existing.record == s else { throw StoreError.conflictingResubmission(submissionID: s.submissionID) }
            return .duplicate(version: existing.version)
        }
        guard try Self.fetchTask(db, s.taskID) != nil else { throw StoreError.unknownTask(s.taskID) }
        let version = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM submissions WHERE task_id = ? AND checklist = ?",
                                        arguments: [s.taskID, s.checklist]) ?? 0) + 1
        let stored = StoredSubmission(s, version: version, receivedAt: clock())
        try db.execute(sql: """
            INSERT INTO submissions (submission_id, task_id, department, checklist, inspectors_json,
                                     inspected_on, payload, version, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [s.submissionID, s.taskID, s.department, s.checklist, Self.encodeList(s.inspectors),
                             s.inspectedOn, s.payload, version, stored.receivedAt])
        try appendAudit(db, action: "submission.store", subject: s.submissionID, payload: stored.canonical)
        return .stored(version: version)
    }

    static func validate(_ s: SubmissionRecord) throws {
        try requireNonEmpty("submission_id", s.submissionID)
        try requireNonEmpty("task", s.taskID)
        try requireNonEmpty("department", s.department)
        try requireNonEmpty("checklist", s.checklist)
        try requireDate("inspected_on", s.inspectedOn)
    }

    private static func fetchSubmission(_ db: Database, _ id: String) throws -> StoredSubmission? {
        try Row.fetchOne(db, sql: "SELECT * FROM submissions WHERE submission_id = ?", arguments: [id])
            .map(storedSubmission)
    }

    static func storedSubmission(_ row: Row) throws -> StoredSubmission {
        let id: String = try row.decode(forColumn: "submission_id")
        return StoredSubmission(
            submissionID: id, taskID: try row.decode(forColumn: "task_id"),
            department: try row.decode(forColumn: "department"), checklist: try row.decode(forColumn: "checklist"),
            inspectors: try decodeList(try row.decode(forColumn: "inspectors_json"), table: "submissions", id: id),
            inspectedOn: try row.decode(forColumn: "inspected_on"), payload: try row.decode(forColumn: "payload"),
            version: try row.decode(forColumn: "version"), receivedAt: try row.decode(forColumn: "received_at"))
    }

    // MARK: - Evaluations

    /// Records the evaluation of a stored submission version (append-only:
    /// re-evaluating adds a row, the latest wins).
    public func recordEvaluation(_ e: EvaluationRecord) throws {
        try Self.validate(e)
        try write { db in try self.insert(db, e) }
    }

    static func validate(_ e: EvaluationRecord) throws {
        try requireDate("entered_on", e.enteredOn)
        try requireNonEmpty("result_code", e.resultCode)
    }

    func insert(_ db: Database, _ e: EvaluationRecord) throws {
        guard let s = try Self.fetchSubmission(db, e.submissionID) else {
            throw StoreError.unknownSubmission(e.submissionID)
        }
        guard s.taskID == e.taskID, s.checklist == e.checklist, s.version == e.version else {
            throw StoreError.mismatch(kind: "evaluation", id: e.submissionID, detail:
                "submission is \(s.taskID)/\(s.checklist) v\(s.version), evaluation says \(e.taskID)/\(e.checklist) v\(e.version)")
        }
        try db.execute(sql: """
            INSERT INTO evaluations (submission_id, task_id, checklist, version, result_code, violations_json,
                                     json, entered_on, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [e.submissionID, e.taskID, e.checklist, e.version, e.resultCode,
                             Self.encodeList(e.violations), e.json, e.enteredOn, self.clock()])
        let rowID = db.lastInsertedRowID
        try self.appendAudit(db, action: "evaluation.record", subject: "evaluation/\(rowID)", payload: e.canonical)
    }

    /// The latest evaluation of every (task, checklist) — of its highest
    /// evaluated version, the last recorded — for one plan or all, sorted by
    /// task then checklist.
    public func latestEvaluations(plan: String?) throws -> [EvaluationRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.* FROM evaluations e JOIN tasks t ON t.id = e.task_id
                WHERE (?1 IS NULL OR t.plan_id = ?1)
                  AND e.id = (SELECT e2.id FROM evaluations e2
                              WHERE e2.task_id = e.task_id AND e2.checklist = e.checklist
                              ORDER BY e2.version DESC, e2.id DESC LIMIT 1)
                ORDER BY e.task_id, e.checklist
                """, arguments: [plan]).map(Self.evaluationRecord)
        }
    }

    /// Every evaluation of (task, checklist), in the order recorded.
    public func evaluations(task: String, checklist: String) throws -> [EvaluationRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM evaluations WHERE task_id = ? AND checklist = ? ORDER BY id",
                             arguments: [task, checklist]).map(Self.evaluationRecord)
        }
    }

    static func evaluationRecord(_ row: Row) throws -> EvaluationRecord {
        let id: Int64 = try row.decode(forColumn: "id")
        return EvaluationRecord(
            submissionID: try row.decode(forColumn: "submission_id"), taskID: try row.decode(forColumn: "task_id"),
            checklist: try row.decode(forColumn: "checklist"), version: try row.decode(forColumn: "version"),
            resultCode: try row.decode(forColumn: "result_code"),
            violations: try decodeList(try row.decode(forColumn: "violations_json"), table: "evaluations", id: "\(id)"),
            json: try row.decode(forColumn: "json"), enteredOn: try row.decode(forColumn: "entered_on"))
    }

    // MARK: - Referrals

    /// Records referrals, all or none. A referral already stored with the
    /// same content (status aside) is skipped; the same id with another
    /// content refuses the whole call.
    public func recordReferrals(_ r: [ReferralRecord]) throws {
        try Self.validate(r)
        try write { db in try self.insert(db, r) }
    }

    static func validate(_ r: [ReferralRecord]) throws {
        for referral in r {
            try requireNonEmpty("referral", referral.id)
            try requireNonEmpty("to", referral.to)
            if let due = referral.due { try requireDate("due", due) }
            if let on = referral.statusOn { try requireDate("status_on", on) }
        }
    }

    func insert(_ db: Database, _ r: [ReferralRecord]) throws {
        for referral in r {
            if let existing = try Self.fetchReferral(db, referral.id) {
                var a = existing, b = referral
                (a.status, a.statusOn, b.status, b.statusOn) = (.open, nil, .open, nil)
                guard a == b else { throw StoreError.conflictingRecord(kind: "referral", id: referral.id) }
                continue
            }
            guard let s = try Self.fetchSubmission(db, referral.submissionID) else {
                throw StoreError.unknownSubmission(referral.submissionID)
            }
            guard s.taskID == referral.taskID else {
                throw StoreError.mismatch(kind: "referral", id: referral.id,
                                          detail: "task \(referral.taskID) ≠ submission's task \(s.taskID)")
            }
            try db.execute(sql: """
                INSERT INTO referrals (id, submission_id, task_id, recipient, kind, items_json, due, status,
                                       status_on, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [referral.id, referral.submissionID, referral.taskID, referral.to, referral.kind,
                                 Self.encodeList(referral.items), referral.due, referral.status.rawValue,
                                 referral.statusOn, self.clock()])
            try self.appendAudit(db, action: "referral.record", subject: referral.id, payload: referral.canonical)
        }
    }

    /// Sets a referral's status as of the date `on` (YYYY-MM-DD).
    public func setReferralStatus(id: String, status: ReferralStatus, on: String) throws {
        try Self.requireDate("on", on)
        try write { db in
            guard try Self.fetchReferral(db, id) != nil else { throw StoreError.unknownReferral(id) }
            try db.execute(sql: "UPDATE referrals SET status = ?, status_on = ? WHERE id = ?",
                           arguments: [status.rawValue, on, id])
            var c = Canonical("referral-status")
            c.add("id", id)
            c.add("status", status.rawValue)
            c.add("on", on)
            try self.appendAudit(db, action: "referral.status", subject: id, payload: c)
        }
    }

    /// Referrals with this status (all when nil), sorted by id.
    public func referrals(status: ReferralStatus?) throws -> [ReferralRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM referrals WHERE (?1 IS NULL OR status = ?1) ORDER BY id",
                             arguments: [status?.rawValue]).map(Self.referralRecord)
        }
    }

    public func referral(_ id: String) throws -> ReferralRecord? {
        try read { db in try Self.fetchReferral(db, id) }
    }

    private static func fetchReferral(_ db: Database, _ id: String) throws -> ReferralRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM referrals WHERE id = ?", arguments: [id]).map(referralRecord)
    }

    private static func referralRecord(_ row: Row) throws -> ReferralRecord {
        let id: String = try row.decode(forColumn: "id")
        let statusText: String = try row.decode(forColumn: "status")
        guard let status = ReferralStatus(rawValue: statusText) else {
            throw StoreError.corruptRow(table: "referrals", id: id)
        }
        return ReferralRecord(
            id: id, submissionID: try row.decode(forColumn: "submission_id"),
            taskID: try row.decode(forColumn: "task_id"), to: try row.decode(forColumn: "recipient"),
            kind: try row.decode(forColumn: "kind"),
            items: try decodeList(try row.decode(forColumn: "items_json"), table: "referrals", id: id),
            due: try row.decode(forColumn: "due"), status: status, statusOn: try row.decode(forColumn: "status_on"))
    }

    // MARK: - Disclosures

    /// Records the public record of a task's result. Recording the same record
    /// again changes nothing; another one for the same task supersedes it
    /// (both are kept).
    public func recordDisclosure(_ d: DisclosureRecord) throws {
        try Self.requireDate("published_on", d.publishedOn)
        try write { db in
            guard let task = try Self.fetchTask(db, d.taskID) else { throw StoreError.unknownTask(d.taskID) }
            guard task.planID == d.planID else {
                throw StoreError.mismatch(kind: "disclosure", id: d.taskID,
                                          detail: "plan \(d.planID) ≠ task's plan \(task.planID)")
            }
            let latest = try Row.fetchOne(db, sql: """
                SELECT * FROM disclosures WHERE task_id = ? ORDER BY id DESC LIMIT 1
                """, arguments: [d.taskID]).map(Self.disclosureRecord)
            if latest == d { return }
            try db.execute(sql: """
                INSERT INTO disclosures (task_id, plan_id, published_on, json, recorded_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [d.taskID, d.planID, d.publishedOn, d.json, self.clock()])
            try self.appendAudit(db, action: "disclosure.record", subject: "disclosure/\(db.lastInsertedRowID)",
                                 payload: d.canonical)
        }
    }

    /// The current disclosure of every disclosed task (the latest recorded),
    /// for one plan or all, sorted by plan then task.
    public func disclosures(plan: String?) throws -> [DisclosureRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.* FROM disclosures d
                WHERE (?1 IS NULL OR d.plan_id = ?1)
                  AND d.id = (SELECT MAX(id) FROM disclosures d2 WHERE d2.task_id = d.task_id)
                ORDER BY d.plan_id, d.task_id
                """, arguments: [plan]).map(Self.disclosureRecord)
        }
    }

    private static func disclosureRecord(_ row: Row) throws -> DisclosureRecord {
        DisclosureRecord(taskID: try row.decode(forColumn: "task_id"), planID: try row.decode(forColumn: "plan_id"),
                         publishedOn: try row.decode(forColumn: "published_on"), json: try row.decode(forColumn: "json"))
    }

    // MARK: - Plumbing

    /// One write transaction: committed when `updates` returns, rolled back when it throws.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(updates)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(Self.message(of: error))
        }
    }

    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(value)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(Self.message(of: error))
        }
    }

    static func message(of error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "\(error.resultCode): \(error.message ?? "")"
        }
        return String(describing: error)
    }

    static func requireNonEmpty(_ field: String, _ value: String) throws {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalidField(field: field, value: value, reason: "不能为空 / must not be empty")
        }
    }

    /// YYYY-MM-DD, a real day of the Gregorian calendar.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else { return nil }
                n = n * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    static func requireDate(_ field: String, _ value: String) throws {
        guard isDate(value) else {
            throw StoreError.invalidField(field: field, value: value, reason: "应为 YYYY-MM-DD 格式的日期 / expected a date YYYY-MM-DD")
        }
    }

    static func requirePlan(_ db: Database, _ id: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM plans WHERE id = ?)", arguments: [id]) == true else {
            throw StoreError.unknownPlan(id)
        }
    }

    static func encodeList(_ values: [String]) -> String {
        // [String] always encodes.
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeList(_ json: String, table: String, id: String) throws -> [String] {
        guard let values = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
            throw StoreError.corruptRow(table: table, id: id)
        }
        return values
    }
}
