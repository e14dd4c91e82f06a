import Foundation
import GRDB

extension Store {
    // MARK: - Directories

    /// Replaces the directory's current rows with `rows`, atomically, and
    /// keeps the import in the history. Returns the import id. Duplicate keys
    /// refuse the whole import, leaving the previous rows current.
    @discardableResult
    public func importDirectory(_ name: String, rows: [DirectoryRecord], sourceSHA256: String) throws -> Int {
        try Self.requireNonEmpty("directory", name)
        return try write { db in
            let at = self.clock()
            try db.execute(
                sql: "INSERT INTO directory_imports (name, source_sha256, row_count, imported_at) VALUES (?, ?, ?, ?)",
                arguments: [name, sourceSHA256, rows.count, at])
            let importID = Int(db.lastInsertedRowID)
            var seen = Set<String>()
            for row in rows {
                try Self.requireNonEmpty("key", row.key)
                guard seen.insert(row.key).inserted else {
                    throw StoreError.duplicateDirectoryKey(directory: name, key: row.key)
                }
                try db.execute(sql: "INSERT INTO directory_rows (import_id, key, json) VALUES (?, ?, ?)",
                               arguments: [importID, row.key, row.json])
            }
            var canonical = Canonical("directory-import")
            canonical.add("name", name)
            canonical.add("import_id", importID)
            canonical.add("source_sha256", sourceSHA256)
            canonical.add("row_count", rows.count)
            // In key byte order, as SQLite sorts them (and `verifyAudit` reads them back).
            for row in rows.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                canonical.add("key", row.key)
                canonical.add("json", row.json)
            }
            try self.appendAudit(db, action: "directory.import", subject: name, payload: canonical)
            return importID
        }
    }

    /// The directory's current rows, sorted by key (byte order); empty when never imported.
    public func directory(_ name: String) throws -> [DirectoryRecord] {
        try read { db in
            guard let importID = try Self.currentImport(db, name) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT key, json FROM directory_rows WHERE import_id = ? ORDER BY key",
                                    arguments: [importID]).map(Self.directoryRecord)
        }
    }

    public func directoryRow(_ name: String, key: String) throws -> DirectoryRecord? {
        try read { db in
            guard let importID = try Self.currentImport(db, name) else { return nil }
            return try Row.fetchOne(db, sql: "SELECT key, json FROM directory_rows WHERE import_id = ? AND key = ?",
                                    arguments: [importID, key]).map(Self.directoryRecord)
        }
    }

    /// Every import of the directory, oldest first.
    public func directoryImports(_ name: String) throws -> [DirectoryImport] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM directory_imports WHERE name = ? ORDER BY id",
                             arguments: [name]).map { row in
                DirectoryImport(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                                sourceSHA256: try row.decode(forColumn: "source_sha256"),
                                rowCount: try row.decode(forColumn: "row_count"),
                                importedAt: try row.decode(forColumn: "imported_at"))
            }
        }
    }

    /// The names of the directories ever imported, sorted.
    public func directoryNames() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT name FROM directory_imports ORDER BY name") }
    }

    static func currentImport(_ db: Database, _ name: String) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT MAX(id) FROM directory_imports WHERE name = ?", arguments: [name])
    }

    static func directoryRecord(_ row: Row) throws -> DirectoryRecord {
        DirectoryRecord(key: try row.decode(forColumn: "key"), json: try row.decode(forColumn: "json"))
    }
}
