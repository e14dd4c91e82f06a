import Messages

/// Where a streamed directory import puts its rows (`Store.importDirectory(…, rows:)`).
///
/// The rows go to the database as they come (on SQLite through one prepared
/// statement, on PostgreSQL through `COPY`), inside the import's one
/// transaction: a ten-million-row directory is never a list in memory, and
/// a refused import leaves nothing behind. The producer appends on a thread
/// of its own while the transaction's thread writes (`DirectoryRowPipe`).
public final class DirectoryRowSink {
    private let pipe: DirectoryRowPipe
    private var batch: DirectoryRowPipe.Batch = []
    var digest: DirectoryRowsDigest
    private(set) var abandoned = false
    /// Rows appended so far.
    public private(set) var count = 0
    /// The SHA-256 of the source file(s), recorded with the import: set it
    /// before the producer returns (a producer that hashes the files as it
    /// reads them knows it only at the end).
    public var sourceSHA256 = ""

    init(pipe: DirectoryRowPipe, expected: Int?) {
        self.pipe = pipe
        digest = DirectoryRowsDigest(expected: expected)
        batch.reserveCapacity(DirectoryRowPipe.batchRows)
    }

    /// Adds a row. Keys must be unique and not blank; rows may come in any
    /// order, though rows sorted by key are cheapest (see `DirectoryRowsDigest`).
    public func append(key: String, json: String) throws(StoreError) {
        guard !abandoned else { return }
        if Self.mayBeBlank(key) { try Store.requireText("key", key) }
        var key = key, json = json
        key.withUTF8 { k in json.withUTF8 { j in digest.add(key: UnsafeRawBufferPointer(k), json: UnsafeRawBufferPointer(j)) } }
        batch.append((key, json))
        count += 1
        if batch.count >= DirectoryRowPipe.batchRows { try flush() }
    }

    /// Hands the rows appended so far to the writer.
    func flush() throws(StoreError) {
        guard !batch.isEmpty, !abandoned else { return }
        let full = batch
        batch.removeAll(keepingCapacity: true)
        // The writer stopped: its error is the one the import reports.
        guard pipe.put(full) else { throw StoreError.database("the rows' writer stopped") }
    }

    /// Gives the import up: nothing of it is written (the producer found
    /// the source invalid). `importDirectory` then returns nil.
    public func abandon() { abandoned = true }

    /// Only a key that starts or ends with white space (or is empty) can be blank.
    private static func mayBeBlank(_ key: String) -> Bool {
        guard let first = key.utf8.first, let last = key.utf8.last else { return true }
        return first <= 0x20 || last <= 0x20 || first >= 0x80 || last >= 0x80
    }

    /// A row the database refused: a repeated key is a conflict, as the list import says.
    static func refusal(_ error: any Error) -> StoreError {
        let wrapped = StoreError.wrapping(error)
        let text = wrapped.message.en
        if text.contains("UNIQUE constraint failed") || text.contains("[23505]") {
            return StoreError(.conflict, zh: "名录库中主键重复，本次导入未生效（\(text)）", en: "a key repeats in the directory: the import was not applied (\(text))")
        }
        return wrapped
    }
}

/// Writes the rows of one import the fastest way its backend has.
protocol DirectoryRowWriter: AnyObject {
    func append(key: String, json: String) throws
    /// Every row is written (the last ones may have been buffered).
    func finish() throws
    /// The import is given up: stop, leaving the transaction to be rolled back.
    func cancel()
}

extension Store {
    /// Imports a directory version whose rows `produce` appends to the sink
    /// as it reads them. The rows become the jurisdiction's current
    /// directory; earlier versions stay. All or nothing: when `produce`
    /// throws or abandons the sink, or a row is refused, nothing is written
    /// (nil when abandoned).
    ///
    /// `expectedRows`, the count the producer expects to append (known from
    /// the files before they are parsed), lets the rows' digest be hashed as
    /// they go by; without it, or when it is wrong, the rows are read back
    /// once in key order to hash them.
    public func importDirectory(_ directory: DirectoryKind, jurisdiction: String, expectedRows: Int?, by actor: String,
                                rows produce: (DirectoryRowSink) throws -> Void) throws(StoreError) -> DirectoryImportRecord? {
        try Self.requireText("jurisdiction", jurisdiction)
        try Self.requireActor(actor)
        var abandoned = false
        do {
            return try backend.write { tx in
                let version = (try tx.int("SELECT MAX(version) FROM directory_imports WHERE jurisdiction = ? AND directory = ?",
                                          [.text(jurisdiction), .text(directory.rawValue)]) ?? 0) + 1
                let importID = try tx.reserveID(DirectoryImportRecord.databaseTableName)
                let writer = try tx.directoryRowWriter(importID: importID)
                let pipe = DirectoryRowPipe()
                let sink = DirectoryRowSink(pipe: pipe, expected: expectedRows)
                do {
                    try DirectoryRowPipe.run(pipe, produce: {
                        try produce(sink)
                        try sink.flush()
                    }, write: { batch in
                        for row in batch { try writer.append(key: row.key, json: row.json) }
                    })
                } catch let error as StoreError {
                    writer.cancel()
                    throw error
                } catch {
                    writer.cancel()
                    throw DirectoryRowSink.refusal(error)
                }
                if sink.abandoned {
                    writer.cancel()
                    abandoned = true
                    throw StoreError.database("the import was abandoned")
                }
                do { try writer.finish() } catch { throw DirectoryRowSink.refusal(error) }
                try tx.bulkLoaded(DirectoryRowRecord.databaseTableName)
                let digest = try sink.digest.value ?? Self.storedRowsDigest(tx, importID: importID, count: sink.count)
                let record = DirectoryImportRecord(id: importID, jurisdiction: jurisdiction, directory: directory, version: version,
                                                   sourceSHA256: sink.sourceSHA256, rowsSHA256: digest, rowCount: sink.count,
                                                   importedAt: self.clock(), importedBy: actor)
                return try self.insertAudited(tx, record, by: actor)
            }
        } catch {
            if abandoned { return nil }
            throw error
        }
    }

    /// The rows' digest from the stored rows of an import, read in key order.
    static func storedRowsDigest(_ tx: any StoreTransaction, importID: Int64, count: Int) throws -> String {
        try DirectoryRowsDigest.ofOrdered(count: count) { line in
            try tx.forEachPair("SELECT key, json FROM directory_rows WHERE import_id = ? ORDER BY key", [.int(importID)]) { key, json in
                line(key, json)
            }
        }
    }

    /// Reads the current version's rows with these keys (those there are,
    /// each once, in no set order), one at a time as `forEachDirectoryRow`
    /// reads them all: the drawn entities of a province-wide draw are half
    /// a million rows, never a list of records.
    public func forEachDirectoryRow(_ directory: DirectoryKind, jurisdiction: String, keys: [String],
                                    _ body: (_ key: UnsafeRawBufferPointer, _ json: UnsafeRawBufferPointer) -> Void) throws(StoreError) {
        try backend.read { tx in
            guard let id = try Self.currentImportID(tx, directory, jurisdiction) else { return }
            // In key order, the index is walked forwards rather than probed at random.
            let unique = Set(keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            // Both backends take this many placeholders in one statement (SQLite 32,766, PostgreSQL 65,535).
            let step = 5_000
            var start = 0
            while start < unique.count {
                let part = unique[start..<min(unique.count, start + step)]
                let marks = Array(repeating: "?", count: part.count).joined(separator: ", ")
                try tx.forEachPair("SELECT key, json FROM directory_rows WHERE import_id = ? AND key IN (\(marks))",
                                   [.int(id)] + part.map { .text($0) }) { key, json in body(key, json) }
                start += part.count
            }
        }
    }

    /// Reads the current version's rows in key order (UTF-8 byte order),
    /// one at a time, without keeping them: `body` gets each row's key and
    /// JSON as bytes, valid only during the call. Returns how many rows
    /// there were; nil when the directory was never imported.
    @discardableResult
    public func forEachDirectoryRow(_ directory: DirectoryKind, jurisdiction: String,
                                    _ body: (_ key: UnsafeRawBufferPointer, _ json: UnsafeRawBufferPointer) -> Void) throws(StoreError) -> Int? {
        try backend.read { tx in
            guard let id = try Self.currentImportID(tx, directory, jurisdiction) else { return nil }
            var count = 0
            try tx.forEachPair("SELECT key, json FROM directory_rows WHERE import_id = ? ORDER BY key", [.int(id)]) { key, json in
                count += 1
                body(key, json)
            }
            return count
        }
    }
}
