import Messages

extension Store {
    /// Records the public record of a task's result, stamped with the head
    /// of the jurisdiction's audit chain before it (which the published copy
    /// carries). Recording the same record again changes nothing; another
    /// one for the same task supersedes it (both are kept).
    @discardableResult
    public func recordDisclosure(_ d: DisclosureRecord, by actor: String) throws(StoreError) -> DisclosureRecord {
        try recordDisclosures([d], by: actor)[0]
    }

    /// Records a publication run's records in one transaction, in order,
    /// each stamped with the head of the chain before it: all are kept, or
    /// (one refused) none.
    @discardableResult
    public func recordDisclosures(_ records: [DisclosureRecord], by actor: String) throws(StoreError) -> [DisclosureRecord] {
        for d in records { try Self.requireDate("published_on", d.publishedOn) }
        try Self.requireActor(actor)
        return try backend.write { tx in try records.map { d in try self.record(tx, d, by: actor) } }
    }

    private func record(_ tx: any StoreTransaction, _ d: DisclosureRecord, by actor: String) throws -> DisclosureRecord {
        guard let task = try tx.fetchOne(TaskRecord.self, "SELECT * FROM tasks WHERE jurisdiction = ? AND id = ?",
                                         [.text(d.jurisdiction), .text(d.taskID)]) else {
            throw StoreError.unknown(Noun.task, d.taskID)
        }
        guard task.planID == d.planID else {
            throw StoreError(.mismatch, zh: "公示的计划 \(d.planID) 与任务的计划 \(task.planID) 不一致", en: "plan \(d.planID) is not the task's plan \(task.planID)")
        }
        if let latest = try tx.fetchOne(DisclosureRecord.self, "SELECT * FROM disclosures WHERE jurisdiction = ? AND task_id = ? ORDER BY id DESC LIMIT 1",
                                        [.text(d.jurisdiction), .text(d.taskID)]),
           latest.recordJSON == d.recordJSON, latest.resultCode == d.resultCode {
            return latest
        }
        let head = try tx.fetchOne(AuditHead.self, "SELECT * FROM audit_heads WHERE jurisdiction = ?", [.text(d.jurisdiction)])
        var record = d
        record.auditSeq = head?.seq ?? 0
        record.auditHash = head?.hash ?? AuditEntry.genesisHash
        record.recordedAt = self.clock()
        record.recordedBy = actor
        let stored = try self.insertAudited(tx, record, by: actor)
        try DisclosureIndex.index(tx, stored, id: stored.id ?? 0)
        return stored
    }

    /// The current disclosure of every disclosed task (the latest recorded)
    /// of a plan or of all, by plan then task.
    public func disclosures(jurisdiction: String, plan: String? = nil) throws(StoreError) -> [DisclosureRecord] {
        try backend.read { tx in
            try tx.fetchAll(DisclosureRecord.self, """
                SELECT d.* FROM disclosures d
                WHERE d.jurisdiction = ? AND (CAST(? AS TEXT) IS NULL OR d.plan_id = ?)
                  AND d.id = (SELECT MAX(d2.id) FROM disclosures d2 WHERE d2.jurisdiction = d.jurisdiction AND d2.task_id = d.task_id)
                ORDER BY d.plan_id, d.task_id
                """, [.text(jurisdiction), StoreValue(plan), StoreValue(plan)])
        }
    }
}
