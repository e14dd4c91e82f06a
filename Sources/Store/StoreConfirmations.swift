import GRDB

/// A department's confirmation of its part of a drawn task.
public struct TaskConfirmation: Sendable, Hashable, Codable {
    public var taskID: String
    public var department: String
    /// YYYY-MM-DD.
    public var confirmedOn: String

    public init(taskID: String, department: String, confirmedOn: String) {
        self.taskID = taskID
        self.department = department
        self.confirmedOn = confirmedOn
    }
}

extension TaskConfirmation {
    var canonical: Canonical {
        var c = Canonical("task-confirmation")
        c.add("task", taskID)
        c.add("department", department)
        c.add("on", confirmedOn)
        return c
    }
}

extension Store {
    /// Records that `department` confirmed task `taskID` on a day. Confirming
    /// again is a no-op when the day is the same, and refused otherwise: the
    /// first confirmation is the one the deadline is judged by.
    public func confirmTask(_ c: TaskConfirmation) throws {
        try Self.requireNonEmpty("department", c.department)
        try Self.requireDate("confirmed_on", c.confirmedOn)
        try write { db in
            guard try Self.fetchTask(db, c.taskID) != nil else { throw StoreError.unknownTask(c.taskID) }
            if let day = try String.fetchOne(db, sql: "SELECT confirmed_on FROM task_confirmations WHERE task_id = ? AND department = ?",
                                             arguments: [c.taskID, c.department]) {
                guard day == c.confirmedOn else { throw StoreError.conflictingRecord(kind: "confirmation", id: "\(c.taskID)/\(c.department)") }
                return
            }
            try db.execute(sql: "INSERT INTO task_confirmations (task_id, department, confirmed_on, recorded_at) VALUES (?, ?, ?, ?)",
                           arguments: [c.taskID, c.department, c.confirmedOn, self.clock()])
            try self.appendAudit(db, action: "task.confirm", subject: "\(c.taskID)/\(c.department)", payload: c.canonical)
        }
    }

    /// The confirmations of one plan's tasks (all plans when nil).
    public func confirmations(plan: String?) throws -> [TaskConfirmation] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.* FROM task_confirmations c JOIN tasks t ON t.id = c.task_id
                WHERE (?1 IS NULL OR t.plan_id = ?1) ORDER BY c.task_id, c.department
                """, arguments: [plan]).map { row in
                TaskConfirmation(taskID: try row.decode(forColumn: "task_id"), department: try row.decode(forColumn: "department"),
                                 confirmedOn: try row.decode(forColumn: "confirmed_on"))
            }
        }
    }
}
