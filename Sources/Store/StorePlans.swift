import Messages

extension Store {
    /// Records the plan as it is about to be used. The same plan again (same
    /// file, same rule files) is the version already stored; a changed plan
    /// is a new version and must say when and why it changed.
    @discardableResult
    public func recordPlanVersion(_ plan: PlanVersionRecord, by actor: String) throws(StoreError) -> PlanVersionRecord {
        try Self.requireText("plan", plan.planID)
        try Self.requireText("jurisdiction", plan.jurisdiction)
        try Self.requireActor(actor)
        if let on = plan.revisedOn { try Self.requireDate("revised_on", on) }
        return try backend.write { tx in
            let versions = try tx.fetchAll(PlanVersionRecord.self, "SELECT * FROM plan_versions WHERE plan_id = ? ORDER BY version",
                                           [.text(plan.planID)])
            if let other = versions.first(where: { $0.jurisdiction != plan.jurisdiction }) {
                throw StoreError(.mismatch, zh: "计划“\(plan.planID)”已属于辖区“\(other.jurisdiction)”", en: "plan '\(plan.planID)' already belongs to jurisdiction '\(other.jurisdiction)'")
            }
            if let same = versions.last(where: { $0.planSHA256 == plan.planSHA256 && $0.rulesSHA256 == plan.rulesSHA256 }) {
                return same
            }
            if let last = versions.last, last.planSHA256 != plan.planSHA256 {
                guard let reason = plan.reason, !reason.isEmpty, let on = plan.revisedOn,
                      reason != last.reason || on != last.revisedOn else {
                    throw StoreError(.notAllowed,
                                     zh: "计划“\(plan.planID)”与已备案的第 \(last.version) 版不同：调整后的计划须写明调整日期和原因（计划文件的 revision: {on, reason}）",
                                     en: "plan '\(plan.planID)' differs from recorded version \(last.version): a revised plan must say when and why it changed (revision: {on, reason} in the plan file)")
                }
            }
            var record = plan
            record.version = (versions.last?.version ?? 0) + 1
            record.recordedAt = self.clock()
            record.recordedBy = actor
            return try self.insertAudited(tx, record, by: actor)
        }
    }

    /// Every version of a plan, oldest first.
    public func planVersions(jurisdiction: String, plan: String) throws(StoreError) -> [PlanVersionRecord] {
        try backend.read { tx in
            try tx.fetchAll(PlanVersionRecord.self, "SELECT * FROM plan_versions WHERE jurisdiction = ? AND plan_id = ? ORDER BY version",
                            [.text(jurisdiction), .text(plan)])
        }
    }

    /// The latest version of every plan of the jurisdiction, by plan id.
    public func plans(jurisdiction: String) throws(StoreError) -> [PlanVersionRecord] {
        try backend.read { tx in
            try tx.fetchAll(PlanVersionRecord.self, """
                SELECT p.* FROM plan_versions p
                WHERE p.jurisdiction = ? AND p.version = (SELECT MAX(version) FROM plan_versions q WHERE q.plan_id = p.plan_id)
                ORDER BY p.plan_id
                """, [.text(jurisdiction)])
        }
    }
}
