import Foundation
import GRDB

extension Store {
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

    static func fetchDraw(_ db: Database, _ id: String) throws -> DrawRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM draws WHERE id = ?", arguments: [id]).map(drawRecord)
    }

    static func drawRecord(_ row: Row) throws -> DrawRecord {
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

    static func fetchTask(_ db: Database, _ id: String) throws -> TaskRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM tasks WHERE id = ?", arguments: [id]).map(taskRecord)
    }

    static func taskRecord(_ row: Row) throws -> TaskRecord {
        TaskRecord(id: try row.decode(forColumn: "id"), drawID: try row.decode(forColumn: "draw_id"),
                   planID: try row.decode(forColumn: "plan_id"), entityKey: try row.decode(forColumn: "entity_key"),
                   teamsJSON: try row.decode(forColumn: "teams_json"),
                   checklistsJSON: try row.decode(forColumn: "checklists_json"),
                   confirmedDue: try row.decode(forColumn: "confirmed_due"))
    }
}
