// Store: persistence of the spot-check lifecycle on SQLite through GRDB.
//
// It knows nothing of checklists, CEL or rule files: payloads are opaque
// JSON or text. Every public write is one transaction that also appends
// its audit entries, so a refused write, a crash or a kill leaves the store
// as it was before that write.

import Foundation
import GRDB

public final class Store: Sendable {
    let writer: any DatabaseWriter
    let clock: @Sendable () -> String
    /// The database file; nil for an in-memory store.
    public let path: String?

    /// Opens (creating it if needed) the store at `path` in WAL mode and
    /// brings its schema up to date.
    public convenience init(path: String, clock: @escaping @Sendable () -> String = Store.utcNow) throws {
        let pool: DatabasePool
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            pool = try DatabasePool(path: path, configuration: Store.configuration())
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Store.message(of: error))
        }
        try self.init(writer: pool, clock: clock, path: path)
    }

    /// A store that lives in memory only (tests, dry runs).
    public static func inMemory(clock: @escaping @Sendable () -> String = Store.utcNow) throws -> Store {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw StoreError.cannotOpen(path: ":memory:", reason: message(of: error))
        }
        return try Store(writer: queue, clock: clock, path: nil)
    }

    init(writer: any DatabaseWriter, clock: @escaping @Sendable () -> String, path: String?) throws {
        self.writer = writer
        self.clock = clock
        self.path = path
        do {
            try Schema.migrator.migrate(writer)
        } catch {
            throw StoreError.cannotOpen(path: path ?? ":memory:", reason: Store.message(of: error))
        }
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another process may hold the write lock for a while (a batch import).
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // A committed transaction survives a power cut, not only a crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// Now, as ISO 8601 UTC with seconds ("2024-05-06T07:08:09Z").
    public static func utcNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    // MARK: - Schema and health

    /// The migrations of the schema, in order; a store opened by this code has applied them all.
    public static var schemaMigrations: [String] { Schema.migrationIdentifiers }

    /// The migrations applied to this store's database, in order.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// SQLite's journal mode ("wal" for a store on a file).
    public func journalMode() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// `PRAGMA integrity_check` joined by newlines: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Rows whose foreign keys point nowhere, as "table#rowid → parent"; empty when consistent.
    public func foreignKeyViolations() throws -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                let table: String = try row.decode(forColumn: "table")
                let rowid: Int64? = try row.decode(forColumn: "rowid")
                let parent: String = try row.decode(forColumn: "parent")
                return "\(table)#\(rowid.map(String.init) ?? "?") → \(parent)"
            }
        }
    }

    // MARK: - Plumbing

    /// One write transaction: committed when `updates` returns, rolled back when it throws.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(updates)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(Self.message(of: error))
        }
    }

    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(value)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(Self.message(of: error))
        }
    }

    static func message(of error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "\(error.resultCode): \(error.message ?? "")"
        }
        return String(describing: error)
    }

    static func requireNonEmpty(_ field: String, _ value: String) throws {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalidField(field: field, value: value, reason: "不能为空 / must not be empty")
        }
    }

    /// YYYY-MM-DD, a real day of the Gregorian calendar.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else { return nil }
                n = n * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    static func requireDate(_ field: String, _ value: String) throws {
        guard isDate(value) else {
            throw StoreError.invalidField(field: field, value: value, reason: "应为 YYYY-MM-DD 格式的日期 / expected a date YYYY-MM-DD")
        }
    }

    static func requirePlan(_ db: Database, _ id: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM plans WHERE id = ?)", arguments: [id]) == true else {
            throw StoreError.unknownPlan(id)
        }
    }

    static func encodeList(_ values: [String]) -> String {
        // [String] always encodes.
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeList(_ json: String, table: String, id: String) throws -> [String] {
        guard let values = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
            throw StoreError.corruptRow(table: table, id: id)
        }
        return values
    }
}
