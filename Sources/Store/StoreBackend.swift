import GRDB

/// A row type of the store, declared once: the SQLite backend reads and
/// writes it through GRDB's records (Codable), the PostgreSQL backend
/// through the same Codable shape (`PostgresCoding.swift`). Column names
/// are the `CodingKeys`.
public protocol StoredRecord: Codable, Sendable, FetchableRecord, PersistableRecord {}

/// One open transaction (or read) of a backend. Queries are written once,
/// with `?` placeholders, in the SQL every backend understands.
protocol StoreTransaction {
    func execute(_ sql: String, _ arguments: [StoreValue]) throws
    func fetchAll<R: StoredRecord>(_ type: R.Type, _ sql: String, _ arguments: [StoreValue]) throws -> [R]
    /// Every row's columns as plain values.
    func fetchRows(_ sql: String, _ arguments: [StoreValue]) throws -> [[StoreValue]]
    /// Inserts a record; returns the id the database gave it (its rowid or
    /// identity column), or 0 for a table keyed by its own fields.
    @discardableResult
    func insert<R: StoredRecord>(_ record: R) throws -> Int64
    /// Inserts many records of one table (a directory's rows): one by one
    /// by default; PostgreSQL streams them with COPY.
    func insertAll<R: StoredRecord>(_ records: [R]) throws
    /// Runs a query of two text columns and hands each row's two values to
    /// `body` as bytes (UTF-8; NULL as empty), valid only during the call,
    /// one row at a time: a directory of millions of rows is never a list.
    func forEachPair(_ sql: String, _ arguments: [StoreValue],
                     _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws
    /// The id the next row of an identity table gets, taken now so that
    /// rows referring to it can be written before it (a streamed import).
    func reserveID(_ table: String) throws -> Int64
    /// Writes the rows of one directory import as they come.
    func directoryRowWriter(importID: Int64) throws -> any DirectoryRowWriter
    /// After a bulk load into `table`: lets the database plan queries over
    /// what it now holds (PostgreSQL's statistics; nothing on SQLite).
    func bulkLoaded(_ table: String) throws
}

extension StoreTransaction {
    func insertAll<R: StoredRecord>(_ records: [R]) throws {
        for record in records { try insert(record) }
    }

    func fetchOne<R: StoredRecord>(_ type: R.Type, _ sql: String, _ arguments: [StoreValue] = []) throws -> R? {
        try fetchAll(type, sql, arguments).first
    }

    func fetchAll<R: StoredRecord>(_ type: R.Type, _ sql: String) throws -> [R] { try fetchAll(type, sql, []) }

    /// The first column of the first row, as an integer (nil when NULL or no row).
    func int(_ sql: String, _ arguments: [StoreValue] = []) throws -> Int? {
        guard let v = try fetchRows(sql, arguments).first?.first else { return nil }
        switch v {
        case .int(let i): return Int(i)
        case .double(let x): return Int(exactly: x)
        case .text(let t): return Int(t)
        default: return nil
        }
    }

    /// The first column of every row, as text.
    func strings(_ sql: String, _ arguments: [StoreValue] = []) throws -> [String] {
        try fetchRows(sql, arguments).compactMap { row in
            guard case .text(let t)? = row.first else { return nil }
            return t
        }
    }
}

/// Where a store lives and how its transactions run.
protocol StoreBackend: Sendable {
    /// One write transaction: committed when `body` returns, rolled back when it throws.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws(StoreError) -> T
    /// A consistent read.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws(StoreError) -> T
    /// A description of where the store is, for messages (never a password).
    var displayName: String { get }
    /// "ok" when the database is sound, else what is wrong (SQLite's
    /// `PRAGMA integrity_check`; on PostgreSQL, the schema's tables, guards
    /// and marker are whole).
    func integrityCheck() throws(StoreError) -> String
    /// How the database journals its writes ("wal" for a SQLite file in WAL
    /// mode; PostgreSQL always writes ahead: "wal").
    func journalMode() throws(StoreError) -> String
}

extension StoreError {
    /// Any error from a backend or a body, as a store error.
    static func wrapping(_ error: any Error) -> StoreError {
        if let e = error as? StoreError { return e }
        if let e = error as? DatabaseError {
            return .database("\(e.resultCode): \(e.message ?? "")")
        }
        if let e = error as? PostgresError { return .database(e.description) }
        return .database(String(describing: error))
    }
}
