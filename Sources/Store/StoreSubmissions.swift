import Messages

/// What `submit` did.
public enum SubmitResult: Sendable, Hashable {
    /// Stored as a new version.
    case stored(version: Int)
    /// This submission id was already stored with the same content: nothing written.
    case duplicate(version: Int)

    public var version: Int {
        switch self {
        case .stored(let version), .duplicate(let version): return version
        }
    }
}

/// A submission and who made it, for a batch of many users' submissions.
public struct AttributedSubmission: Sendable {
    public var submission: EvaluatedSubmission
    public var actor: String
    public init(_ submission: EvaluatedSubmission, by actor: String) {
        self.submission = submission
        self.actor = actor
    }
}

/// A submission with what its evaluation produced, ready to be stored
/// together: the evaluation and referrals are built for the version the
/// store gives the submission.
public struct EvaluatedSubmission: Sendable {
    public var submission: SubmissionRecord
    public var evaluation: @Sendable (_ version: Int) -> EvaluationRecord
    public var referrals: @Sendable (_ version: Int) -> [ReferralRecord]

    public init(submission: SubmissionRecord, evaluation: @escaping @Sendable (Int) -> EvaluationRecord,
                referrals: @escaping @Sendable (Int) -> [ReferralRecord]) {
        self.submission = submission
        self.evaluation = evaluation
        self.referrals = referrals
    }
}

extension Store {
    /// Stores a submission, its evaluation and its referrals (each opened by
    /// an audited event) in one transaction. A new version supersedes the
    /// earlier ones: their referrals still open become `superseded`. The
    /// same id with the same content again changes nothing.
    public func submit(_ s: EvaluatedSubmission, by actor: String) throws(StoreError) -> SubmitResult {
        try Self.validate(s.submission)
        try Self.requireActor(actor)
        return try backend.write { tx in try self.store(tx, s, by: actor) }
    }

    /// Stores many submissions in one transaction (group commit): each in its
    /// own savepoint, so a refused one leaves the others in. One result per
    /// submission, in order.
    public func submitBatch(_ batch: [EvaluatedSubmission], by actor: String,
                            progress: ((Int) -> Void)? = nil) throws(StoreError) -> [Result<SubmitResult, StoreError>] {
        try submitBatch(batch.map { AttributedSubmission($0, by: actor) }, progress: progress)
    }

    /// As `submitBatch(_:by:)`, each submission recorded as made by its own
    /// actor: the service's group commit, where one transaction carries the
    /// submissions of many users.
    public func submitBatch(_ batch: [AttributedSubmission],
                            progress: ((Int) -> Void)? = nil) throws(StoreError) -> [Result<SubmitResult, StoreError>] {
        for item in batch { try Self.requireActor(item.actor) }
        return try backend.write { tx in
            var results: [Result<SubmitResult, StoreError>] = []
            results.reserveCapacity(batch.count)
            for (n, item) in batch.enumerated() {
                do {
                    try Self.validate(item.submission.submission)
                    try tx.execute("SAVEPOINT submission", [])
                    do {
                        results.append(.success(try self.store(tx, item.submission, by: item.actor)))
                        try tx.execute("RELEASE SAVEPOINT submission", [])
                    } catch {
                        try tx.execute("ROLLBACK TO SAVEPOINT submission", [])
                        try tx.execute("RELEASE SAVEPOINT submission", [])
                        throw error
                    }
                } catch {
                    results.append(.failure(StoreError.wrapping(error)))
                }
                progress?(n + 1)
            }
            return results
        }
    }

    static func validate(_ s: SubmissionRecord) throws(StoreError) {
        try requireText("submission_id", s.submissionID)
        try requireText("task", s.taskID)
        try requireText("department", s.department)
        try requireText("checklist", s.checklist)
        try requireDate("inspected_on", s.inspectedOn)
        try requireDate("received_on", s.receivedOn)
    }

    private func store(_ tx: any StoreTransaction, _ s: EvaluatedSubmission, by actor: String) throws -> SubmitResult {
        let sub = s.submission
        if let existing = try tx.fetchOne(SubmissionRecord.self, "SELECT * FROM submissions WHERE submission_id = ?", [.text(sub.submissionID)]) {
            guard existing.jurisdiction == sub.jurisdiction, existing.isResending(sub) else {
                throw StoreError(.conflict, zh: "提交编号“\(sub.submissionID)”已存在且内容不同；补充或更正请使用新的提交编号",
                                 en: "submission '\(sub.submissionID)' already exists with a different content; resubmit under a new submission id")
            }
            return .duplicate(version: existing.version)
        }
        guard let task = try tx.fetchOne(TaskRecord.self, "SELECT * FROM tasks WHERE jurisdiction = ? AND id = ?",
                                         [.text(sub.jurisdiction), .text(sub.taskID)]) else {
            throw StoreError.unknown(Noun.task, sub.taskID)
        }
        let version = (try tx.int("SELECT MAX(version) FROM submissions WHERE task_id = ? AND checklist = ?",
                                  [.text(sub.taskID), .text(sub.checklist)]) ?? 0) + 1
        var record = sub
        record.version = version
        record.receivedAt = clock()
        record.receivedBy = actor
        try insertAudited(tx, record, by: actor)

        let evaluation = s.evaluation(version)
        guard evaluation.submissionID == sub.submissionID, evaluation.taskID == sub.taskID, evaluation.version == version,
              evaluation.jurisdiction == sub.jurisdiction, evaluation.planID == task.planID,
              evaluation.checklist == sub.checklist, evaluation.department == sub.department else {
            throw StoreError(.mismatch, zh: "评估与提交“\(sub.submissionID)”不一致", en: "the evaluation does not match submission '\(sub.submissionID)'")
        }
        try Self.requireDate("entered_on", evaluation.enteredOn)
        var e = evaluation
        e.recordedAt = clock()
        try insertAudited(tx, e, by: actor)

        // The earlier versions' referrals that are still awaited are superseded.
        // Found from the task's referrals (an index), never by scanning every
        // referral's status: a store holds millions of those.
        let earlier = try tx.fetchAll(ReferralStatusRecord.self, """
            SELECT rs.* FROM referrals r
            JOIN submissions s ON s.submission_id = r.submission_id
            JOIN referral_status rs ON rs.referral_id = r.id
            WHERE r.jurisdiction = ? AND r.task_id = ? AND s.checklist = ? AND s.version < ? AND rs.status IN ('open', 'received', 'handled')
            """, [.text(sub.jurisdiction), .text(sub.taskID), .text(sub.checklist), .int(Int64(version))])
        for r in earlier.sorted(by: { $0.referralID < $1.referralID }) {
            try appendEvent(tx, ReferralEventRecord(jurisdiction: r.jurisdiction, referralID: r.referralID, status: .superseded,
                                                    onDate: sub.receivedOn), by: actor)
        }
        for r in s.referrals(version) {
            guard r.submissionID == sub.submissionID, r.taskID == sub.taskID, r.jurisdiction == sub.jurisdiction else {
                throw StoreError(.mismatch, zh: "移送“\(r.id)”与提交“\(sub.submissionID)”不一致", en: "referral '\(r.id)' does not match submission '\(sub.submissionID)'")
            }
            if let due = r.due { try Self.requireDate("due", due) }
            try insertAudited(tx, r, by: actor)
            try appendEvent(tx, ReferralEventRecord(jurisdiction: r.jurisdiction, referralID: r.id, status: .open, onDate: r.createdOn), by: actor)
        }
        return .stored(version: version)
    }

    // MARK: - Reads

    public func submission(jurisdiction: String, id: String) throws(StoreError) -> SubmissionRecord? {
        try backend.read { tx in
            try tx.fetchOne(SubmissionRecord.self, "SELECT * FROM submissions WHERE jurisdiction = ? AND submission_id = ?",
                            [.text(jurisdiction), .text(id)])
        }
    }

    /// The versions of (task, checklist), oldest first.
    public func submissions(jurisdiction: String, task: String, checklist: String) throws(StoreError) -> [SubmissionRecord] {
        try backend.read { tx in
            try tx.fetchAll(SubmissionRecord.self, """
                SELECT * FROM submissions WHERE jurisdiction = ? AND task_id = ? AND checklist = ? ORDER BY version
                """, [.text(jurisdiction), .text(task), .text(checklist)])
        }
    }

    /// The evaluation of the latest version of every (task, checklist) of a
    /// plan (or of all plans), sorted by task then checklist.
    public func latestEvaluations(jurisdiction: String, plan: String? = nil) throws(StoreError) -> [EvaluationRecord] {
        try backend.read { tx in
            try tx.fetchAll(EvaluationRecord.self, """
                SELECT e.* FROM evaluations e
                WHERE e.jurisdiction = ? AND (CAST(? AS TEXT) IS NULL OR e.plan_id = ?)
                  AND e.version = (SELECT MAX(e2.version) FROM evaluations e2
                                   WHERE e2.jurisdiction = e.jurisdiction AND e2.plan_id = e.plan_id
                                     AND e2.task_id = e.task_id AND e2.checklist = e.checklist)
                ORDER BY e.task_id, e.checklist
                """, [.text(jurisdiction), StoreValue(plan), StoreValue(plan)])
        }
    }

    /// The evaluation of one submission.
    public func evaluation(jurisdiction: String, submission: String) throws(StoreError) -> EvaluationRecord? {
        try backend.read { tx in
            try tx.fetchOne(EvaluationRecord.self, "SELECT * FROM evaluations WHERE jurisdiction = ? AND submission_id = ?",
                            [.text(jurisdiction), .text(submission)])
        }
    }
}
