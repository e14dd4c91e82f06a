import Foundation
import GRDB
import Store

/// Someone who holds a store's SQLite file and edits it without the store:
/// GRDB directly, foreign keys off, dropping the append-only triggers in
/// the way. What they do must show in `verifyAudit`.
struct Tamperer {
    let queue: DatabaseQueue

    init(_ path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        config.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: path, configuration: config)
    }

    /// Runs `sql` after dropping the UPDATE and DELETE guards of `unguarding`.
    func execute(_ sql: String, _ arguments: StatementArguments = [], unguarding tables: [String] = []) throws {
        try queue.write { db in
            for table in tables {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(table)_no_update; DROP TRIGGER IF EXISTS \(table)_no_delete")
            }
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    /// Rewrites `jurisdiction`'s chain from entry `seq` on so that every
    /// entry's hash and link are consistent again, and points the head at
    /// the new last entry: what a careful forger does after an edit.
    func rechain(_ jurisdiction: String, from seq: Int) throws {
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_log_no_update")
            var entries = try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log WHERE jurisdiction = ? ORDER BY seq",
                                                  arguments: [jurisdiction])
            for i in entries.indices where entries[i].seq >= seq {
                let previous = i == 0 ? AuditFormat.genesis : entries[i - 1].hash
                entries[i].previousHash = previous
                entries[i].hash = AuditFormat.hash(entries[i], previous: previous)
                try db.execute(sql: "UPDATE audit_log SET previous_hash = ?, hash = ? WHERE jurisdiction = ? AND seq = ?",
                               arguments: [entries[i].previousHash, entries[i].hash, jurisdiction, entries[i].seq])
            }
            if let last = entries.last {
                try db.execute(sql: "UPDATE audit_heads SET seq = ?, hash = ? WHERE jurisdiction = ?",
                               arguments: [last.seq, last.hash, jurisdiction])
            }
        }
    }

    func close() throws { try queue.close() }
}
