import Messages

extension Store {
    /// Records a draw of a recorded plan version with its tasks, in one
    /// transaction. The draw's digest of its tasks is audited with it, so a
    /// task edited, added or removed later shows in `verifyAudit`.
    @discardableResult
    public func recordDraw(_ draw: DrawRecord, tasks: [TaskRecord], by actor: String) throws(StoreError) -> DrawRecord {
        try Self.requireText("draw", draw.id)
        try Self.requireDate("drawn_on", draw.drawnOn)
        try Self.requireActor(actor)
        for t in tasks {
            guard t.drawID == draw.id, t.planID == draw.planID, t.jurisdiction == draw.jurisdiction else {
                throw StoreError(.mismatch, zh: "任务“\(t.id)”不属于抽取“\(draw.id)”", en: "task '\(t.id)' does not belong to draw '\(draw.id)'")
            }
            try Self.requireDate("confirm_due", t.confirmDue)
        }
        return try backend.write { tx in
            if let existing = try tx.fetchOne(DrawRecord.self, "SELECT * FROM draws WHERE id = ?", [.text(draw.id)]) {
                throw StoreError.conflict(Noun.draw, existing.id)
            }
            guard try tx.int("SELECT COUNT(*) FROM plan_versions WHERE jurisdiction = ? AND plan_id = ? AND version = ?",
                             [.text(draw.jurisdiction), .text(draw.planID), .int(Int64(draw.planVersion))]) == 1 else {
                throw StoreError.unknown(Noun.plan, "\(draw.planID)@\(draw.planVersion)")
            }
            // One query for the plan's earlier tasks rather than one per task:
            // a province-wide draw has hundreds of thousands.
            let taken = Set(try tx.strings("SELECT id FROM tasks WHERE plan_id = ?", [.text(draw.planID)]))
            if let t = tasks.first(where: { taken.contains($0.id) }) { throw StoreError.conflict(Noun.task, t.id) }
            var record = draw
            record.tasksSHA256 = RowDigest.tasks(tasks)
            record.taskCount = tasks.count
            record.recordedAt = self.clock()
            record.recordedBy = actor
            let stored = try self.insertAudited(tx, record, by: actor)
            // Streamed on PostgreSQL (COPY); a task id another plan used is refused by the key.
            do { try tx.insertAll(tasks) } catch {
                let refused = DirectoryRowSink.refusal(error)
                throw refused.kind == .conflict ? StoreError.conflict(Noun.task, refused.message.en) : refused
            }
            return stored
        }
    }

    /// The draws of a plan (or of every plan), in the order recorded.
    public func draws(jurisdiction: String, plan: String? = nil) throws(StoreError) -> [DrawRecord] {
        try backend.read { tx in
            try tx.fetchAll(DrawRecord.self, "SELECT * FROM draws WHERE jurisdiction = ? AND (CAST(? AS TEXT) IS NULL OR plan_id = ?) ORDER BY recorded_at, id",
                            [.text(jurisdiction), StoreValue(plan), StoreValue(plan)])
        }
    }

    public func draw(jurisdiction: String, id: String) throws(StoreError) -> DrawRecord? {
        try backend.read { tx in
            try tx.fetchOne(DrawRecord.self, "SELECT * FROM draws WHERE jurisdiction = ? AND id = ?", [.text(jurisdiction), .text(id)])
        }
    }

    /// The tasks of a plan (or of every plan), by id.
    public func tasks(jurisdiction: String, plan: String? = nil) throws(StoreError) -> [TaskRecord] {
        try backend.read { tx in
            try tx.fetchAll(TaskRecord.self, "SELECT * FROM tasks WHERE jurisdiction = ? AND (CAST(? AS TEXT) IS NULL OR plan_id = ?) ORDER BY id",
                            [.text(jurisdiction), StoreValue(plan), StoreValue(plan)])
        }
    }

    public func task(jurisdiction: String, id: String) throws(StoreError) -> TaskRecord? {
        try backend.read { tx in
            try tx.fetchOne(TaskRecord.self, "SELECT * FROM tasks WHERE jurisdiction = ? AND id = ?", [.text(jurisdiction), .text(id)])
        }
    }

    // MARK: - List confirmation (比对和确认)

    /// Records a department's decision on its part of a task.
    @discardableResult
    public func recordConfirmation(_ c: ConfirmationRecord, by actor: String) throws(StoreError) -> ConfirmationRecord {
        try Self.requireDate("decided_on", c.decidedOn)
        try Self.requireActor(actor)
        if c.decision == .rejected, (c.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError(.invalidField, zh: "退回名单须写明理由", en: "a rejection needs a reason")
        }
        return try backend.write { tx in
            guard try tx.int("SELECT COUNT(*) FROM tasks WHERE jurisdiction = ? AND id = ?", [.text(c.jurisdiction), .text(c.taskID)]) == 1 else {
                throw StoreError.unknown(Noun.task, c.taskID)
            }
            var record = c
            record.recordedAt = self.clock()
            record.recordedBy = actor
            return try self.insertAudited(tx, record, by: actor)
        }
    }

    /// Every confirmation decision of a plan's tasks (or of all), in the order recorded.
    public func confirmations(jurisdiction: String, plan: String? = nil) throws(StoreError) -> [ConfirmationRecord] {
        try backend.read { tx in
            try tx.fetchAll(ConfirmationRecord.self, """
                SELECT c.* FROM confirmations c JOIN tasks t ON t.id = c.task_id
                WHERE c.jurisdiction = ? AND (CAST(? AS TEXT) IS NULL OR t.plan_id = ?) ORDER BY c.id
                """, [.text(jurisdiction), StoreValue(plan), StoreValue(plan)])
        }
    }
}
