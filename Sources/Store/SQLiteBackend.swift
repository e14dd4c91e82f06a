import Foundation
import GRDB

/// The embedded backend: one SQLite file through GRDB, in WAL mode, with
/// `synchronous = FULL` so a committed transaction survives a power cut.
final class SQLiteBackend: StoreBackend {
    let writer: any DatabaseWriter
    let path: String

    var displayName: String { path }

    /// Opens the file; `readOnly` never creates or changes a byte.
    init(path: String, readOnly: Bool) throws(StoreError) {
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = readOnly
        // Another process may hold the write lock for a while (a batch import).
        config.busyMode = .timeout(30)
        if !readOnly {
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        do {
            if readOnly {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw StoreError(.cannotOpen, zh: "数据库文件不存在：\(path)", en: "no store file at \(path)")
                }
                writer = try DatabaseQueue(path: path, configuration: config)
            } else {
                let directory = (path as NSString).deletingLastPathComponent
                if !directory.isEmpty {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
                writer = try DatabasePool(path: path, configuration: config)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.cannotOpen, zh: "无法打开数据库 \(path)：\(Self.reason(error))", en: "cannot open the store \(path): \(Self.reason(error))")
        }
    }

    /// A store in memory only (tests).
    init(memory: Void) throws(StoreError) {
        path = ":memory:"
        var config = Configuration()
        config.foreignKeysEnabled = true
        do { writer = try DatabaseQueue(configuration: config) } catch {
            throw StoreError(.cannotOpen, zh: "无法创建内存数据库", en: "cannot create an in-memory store")
        }
    }

    static func reason(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return (error as NSError).localizedDescription
    }

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write { db in try body(SQLiteTransaction(db: db)) }
        } catch {
            throw StoreError.wrapping(error)
        }
    }

    func read<T>(_ body: (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read { db in try body(SQLiteTransaction(db: db)) }
        } catch {
            throw StoreError.wrapping(error)
        }
    }

    func integrityCheck() throws(StoreError) -> String {
        try read { tx in try tx.strings("PRAGMA integrity_check").joined(separator: "\n") }
    }

    func journalMode() throws(StoreError) -> String {
        try read { tx in try tx.strings("PRAGMA journal_mode").first ?? "" }
    }
}

/// A GRDB database connection inside a transaction.
struct SQLiteTransaction: StoreTransaction {
    let db: Database

    static func arguments(_ values: [StoreValue]) -> StatementArguments {
        StatementArguments(values.map { v -> (any DatabaseValueConvertible)? in
            switch v {
            case .null: return nil
            case .int(let i): return i
            case .double(let x): return x
            case .text(let s): return s
            case .blob(let b): return Data(b)
            }
        })
    }

    // Statements are prepared once per connection and kept in GRDB's
    // statement cache: the same few queries run for every submission, and
    // preparing one (parse, authorize every column) costs more than running it.

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        if sql.contains(";") {
            try db.execute(sql: sql, arguments: Self.arguments(arguments))   // several statements: not cacheable
        } else {
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        }
    }

    func fetchAll<R: StoredRecord>(_ type: R.Type, _ sql: String, _ arguments: [StoreValue]) throws -> [R] {
        try R.fetchAll(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
    }

    func fetchRows(_ sql: String, _ arguments: [StoreValue]) throws -> [[StoreValue]] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments)).map { row in
            row.databaseValues.map { v in
                switch v.storage {
                case .null: return .null
                case .int64(let i): return .int(i)
                case .double(let x): return .double(x)
                case .string(let s): return .text(s)
                case .blob(let d): return .blob(Array(d))
                }
            }
        }
    }

    func insert<R: StoredRecord>(_ record: R) throws -> Int64 {
        try record.insert(db)
        return db.lastInsertedRowID
    }
}
