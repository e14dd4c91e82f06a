import Foundation
import GRDB

extension Store {
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

    static func fetchSubmission(_ db: Database, _ id: String) throws -> StoredSubmission? {
        try Row.fetchOne(db, sql: "SELECT * FROM submissions WHERE submission_id = ?", arguments: [id])
            .map(storedSubmission)
    }

    static func storedSubmission(_ row: Row) throws -> StoredSubmission {
        let id: String = try row.decode(forColumn: "submission_id")
        let record = SubmissionRecord(
            submissionID: id, taskID: try row.decode(forColumn: "task_id"),
            department: try row.decode(forColumn: "department"), checklist: try row.decode(forColumn: "checklist"),
            inspectors: try decodeList(try row.decode(forColumn: "inspectors_json"), table: "submissions", id: id),
            inspectedOn: try row.decode(forColumn: "inspected_on"), payload: try row.decode(forColumn: "payload"))
        return StoredSubmission(record, version: try row.decode(forColumn: "version"),
                                receivedAt: try row.decode(forColumn: "received_at"))
    }
}
