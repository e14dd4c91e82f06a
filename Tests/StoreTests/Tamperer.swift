import Foundation
import GRDB
@testable import Store

/// Someone who holds a store's database and edits it without the store,
/// dropping the append-only triggers in the way. What they do must show in
/// `verifyAudit`.
///
/// - SQLite: GRDB directly on the file, foreign keys off.
/// - PostgreSQL: a connection of its own (PostgresNIO, through the
///   backend's plain transactions, not through `Store`); foreign keys are
///   not enforced while guards are dropped (`session_replication_role =
///   replica`, which needs a superuser: the test server's user is one).
final class Tamperer {
    private enum Access {
        case sqlite(DatabaseQueue)
        case postgres(PostgresBackend)
    }

    private let access: Access

    init(_ t: TestStore) throws {
        if PostgresLocation.isURL(t.location) {
            access = .postgres(PostgresBackend(location: try PostgresLocation.parse(t.location), readOnly: false, connections: 1))
        } else {
            var config = Configuration()
            config.foreignKeysEnabled = false
            config.busyMode = .timeout(10)
            access = .sqlite(try DatabaseQueue(path: t.location, configuration: config))
        }
    }

    /// Runs `body` in one transaction after dropping the UPDATE and DELETE
    /// guards of `unguarding`. A statement the database refuses throws
    /// GRDB's `DatabaseError` or the backend's `PostgresError`.
    func write<T>(unguarding tables: [String] = [], _ body: (any StoreTransaction) throws -> T) throws -> T {
        switch access {
        case .sqlite(let queue):
            return try queue.write { db in
                for table in tables {
                    try db.execute(sql: "DROP TRIGGER IF EXISTS \(table)_no_update; DROP TRIGGER IF EXISTS \(table)_no_delete")
                }
                return try body(SQLiteTransaction(db: db))
            }
        case .postgres(let backend):
            return try backend.transaction(.write) { tx in
                if !tables.isEmpty { try tx.execute("SET LOCAL session_replication_role = replica", []) }
                for table in tables {
                    try tx.execute("DROP TRIGGER IF EXISTS \(table)_no_update ON \(table)", [])
                    try tx.execute("DROP TRIGGER IF EXISTS \(table)_no_delete ON \(table)", [])
                }
                return try body(tx)
            }
        }
    }

    /// Runs `sql` after dropping the UPDATE and DELETE guards of `unguarding`.
    func execute(_ sql: String, _ arguments: [StoreValue] = [], unguarding tables: [String] = []) throws {
        try write(unguarding: tables) { tx in try tx.execute(sql, arguments) }
    }

    func fetchAll<R: StoredRecord>(_ type: R.Type, _ sql: String, _ arguments: [StoreValue] = []) throws -> [R] {
        try write { tx in try tx.fetchAll(type, sql, arguments) }
    }

    /// Rewrites `jurisdiction`'s chain from entry `seq` on so that every
    /// entry's hash and link are consistent again, and points the head at
    /// the new last entry: what a careful forger does after an edit.
    func rechain(_ jurisdiction: String, from seq: Int) throws {
        try write(unguarding: ["audit_log"]) { tx in
            var entries = try tx.fetchAll(AuditEntry.self, "SELECT * FROM audit_log WHERE jurisdiction = ? ORDER BY seq", [.text(jurisdiction)])
            for i in entries.indices where entries[i].seq >= seq {
                let previous = i == 0 ? AuditFormat.genesis : entries[i - 1].hash
                entries[i].previousHash = previous
                entries[i].hash = AuditFormat.hash(entries[i], previous: previous)
                try tx.execute("UPDATE audit_log SET previous_hash = ?, hash = ? WHERE jurisdiction = ? AND seq = ?",
                               [.text(entries[i].previousHash), .text(entries[i].hash), .text(jurisdiction), .int(Int64(entries[i].seq))])
            }
            if let last = entries.last {
                try tx.execute("UPDATE audit_heads SET seq = ?, hash = ? WHERE jurisdiction = ?",
                               [.int(Int64(last.seq)), .text(last.hash), .text(jurisdiction)])
            }
        }
    }

    func close() throws {
        switch access {
        case .sqlite(let queue): try queue.close()
        case .postgres(let backend): backend.pool.close()
        }
    }

    /// The message of an error a statement was refused with.
    static func message(_ error: any Error) -> String? {
        if let e = error as? DatabaseError { return e.message }
        if let e = error as? PostgresError { return e.message }
        return nil
    }
}
