import Messages

extension Store {
    /// Imports a directory version from a list of rows: the rows become the
    /// jurisdiction's current directory, the earlier versions stay. All or
    /// nothing: a duplicate or empty key refuses the whole import.
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
        let sorted = rows.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let stored = try importDirectory(directory, jurisdiction: jurisdiction, expectedRows: rows.count, by: actor) { sink in
            sink.sourceSHA256 = sourceSHA256
            for row in sorted { try sink.append(key: row.key, json: row.json) }
        }
        guard let stored else { throw StoreError.database("the import was abandoned") }
        return stored
    }

    /// The current version's rows, sorted by key; empty when never imported.
    /// (A large directory is read with `forEachDirectoryRow` instead.)
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

    /// The rows of the current version with these keys (those that exist), sorted by key.
    public func directoryRows(_ directory: DirectoryKind, jurisdiction: String, keys: [String]) throws(StoreError) -> [DirectoryRowRecord] {
        var rows: [DirectoryRowRecord] = []
        try forEachDirectoryRow(directory, jurisdiction: jurisdiction, keys: keys) { key, json in
            rows.append(DirectoryRowRecord(key: String(decoding: key, as: UTF8.self), json: String(decoding: json, as: UTF8.self)))
        }
        return rows.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
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
