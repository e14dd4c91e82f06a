import Messages

extension Store {
    /// Imports a directory version: the rows become the jurisdiction's
    /// current directory, the earlier versions stay. All or nothing: a
    /// duplicate or empty key refuses the whole import.
    @discardableResult
    public func importDirectory(_ directory: DirectoryKind, jurisdiction: String, rows: [DirectoryRowRecord],
                                sourceSHA256: String, by actor: String) throws(StoreError) -> DirectoryImportRecord {
        try Self.requireText("jurisdiction", jurisdiction)
        try Self.requireActor(actor)
        var seen = Set<String>()
        seen.reserveCapacity(rows.count)
        for row in rows {
            try Self.requireText("key", row.key)
            guard seen.insert(row.key).inserted else {
                throw StoreError(.conflict, zh: "名录库中主键“\(row.key)”重复，本次导入未生效", en: "key '\(row.key)' repeats in the directory: the import was not applied")
            }
        }
        let digest = RowDigest.directory(rows)
        return try backend.write { tx in
            let version = (try tx.int("SELECT MAX(version) FROM directory_imports WHERE jurisdiction = ? AND directory = ?",
                                      [.text(jurisdiction), .text(directory.rawValue)]) ?? 0) + 1
            let record = DirectoryImportRecord(id: nil, jurisdiction: jurisdiction, directory: directory, version: version,
                                               sourceSHA256: sourceSHA256, rowsSHA256: digest, rowCount: rows.count,
                                               importedAt: self.clock(), importedBy: actor)
            let stored = try self.insertAudited(tx, record, by: actor)
            guard let importID = stored.id else { throw StoreError.database("no import id") }
            // Streamed on PostgreSQL (COPY), row by row on SQLite.
            try tx.insertAll(rows.map { DirectoryRowRecord(importID: importID, key: $0.key, json: $0.json) })
            return stored
        }
    }

    /// The current version's rows, sorted by key; empty when never imported.
    public func directoryRows(_ directory: DirectoryKind, jurisdiction: String) throws(StoreError) -> [DirectoryRowRecord] {
        try backend.read { tx in
            guard let id = try Self.currentImportID(tx, directory, jurisdiction) else { return [] }
            return try tx.fetchAll(DirectoryRowRecord.self, "SELECT * FROM directory_rows WHERE import_id = ? ORDER BY key", [.int(id)])
        }
    }

    /// One row of the current version.
    public func directoryRow(_ directory: DirectoryKind, jurisdiction: String, key: String) throws(StoreError) -> DirectoryRowRecord? {
        try backend.read { tx in
            guard let id = try Self.currentImportID(tx, directory, jurisdiction) else { return nil }
            return try tx.fetchOne(DirectoryRowRecord.self, "SELECT * FROM directory_rows WHERE import_id = ? AND key = ?",
                                   [.int(id), .text(key)])
        }
    }

    /// Every import of the directory, oldest first.
    public func directoryImports(_ directory: DirectoryKind, jurisdiction: String) throws(StoreError) -> [DirectoryImportRecord] {
        try backend.read { tx in
            try tx.fetchAll(DirectoryImportRecord.self, "SELECT * FROM directory_imports WHERE jurisdiction = ? AND directory = ? ORDER BY version",
                            [.text(jurisdiction), .text(directory.rawValue)])
        }
    }

    static func currentImportID(_ tx: any StoreTransaction, _ directory: DirectoryKind, _ jurisdiction: String) throws -> Int64? {
        try tx.int("SELECT id FROM directory_imports WHERE jurisdiction = ? AND directory = ? ORDER BY version DESC LIMIT 1",
                   [.text(jurisdiction), .text(directory.rawValue)]).map(Int64.init)
    }
}
