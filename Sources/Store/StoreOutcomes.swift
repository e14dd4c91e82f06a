import Foundation
import GRDB

extension Store {
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

    static func fetchReferral(_ db: Database, _ id: String) throws -> ReferralRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM referrals WHERE id = ?", arguments: [id]).map(referralRecord)
    }

    static func referralRecord(_ row: Row) throws -> ReferralRecord {
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

    static func disclosureRecord(_ row: Row) throws -> DisclosureRecord {
        DisclosureRecord(taskID: try row.decode(forColumn: "task_id"), planID: try row.decode(forColumn: "plan_id"),
                         publishedOn: try row.decode(forColumn: "published_on"), json: try row.decode(forColumn: "json"))
    }
}
