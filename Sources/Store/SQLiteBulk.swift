import Foundation
import GRDB

// Bulk work on SQLite: a directory import's rows through one prepared
// statement, and reading rows one at a time through a cursor whose values
// are seen in place (GRDB's `withUnsafeData`), not copied into strings.

extension SQLiteTransaction {
    func forEachPair(_ sql: String, _ arguments: [StoreValue],
                     _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            try row.withUnsafeData(atIndex: 0) { first in
                try row.withUnsafeData(atIndex: 1) { second in
                    try (first ?? Data()).withUnsafeBytes { a in
                        try (second ?? Data()).withUnsafeBytes { b in try body(a, b) }
                    }
                }
            }
        }
    }

    /// SQLite gives an `INTEGER PRIMARY KEY` the largest id plus one; one
    /// writer at a time holds the database, so the id stays free until used.
    func reserveID(_ table: String) throws -> Int64 {
        Int64(try int("SELECT COALESCE(MAX(id), 0) + 1 FROM \(table)") ?? 1)
    }

    func directoryRowWriter(importID: Int64) throws -> any DirectoryRowWriter {
        // The rows come before their import's record (its digest covers
        // them): the foreign key is checked when the transaction commits.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        return SQLiteDirectoryRowWriter(
            statement: try db.makeStatement(sql: "INSERT INTO directory_rows (import_id, key, json) VALUES (?, ?, ?)"),
            importID: importID)
    }

    func bulkLoaded(_ table: String) throws {}
}

/// One prepared statement, executed per row.
final class SQLiteDirectoryRowWriter: DirectoryRowWriter {
    let statement: Statement
    let importID: Int64

    init(statement: Statement, importID: Int64) {
        self.statement = statement
        self.importID = importID
    }

    func append(key: String, json: String) throws {
        statement.setUncheckedArguments([importID, key, json])
        try statement.execute()
    }

    func finish() throws {}
    func cancel() {}
}
