// Store: persistence of the spot-check lifecycle. SQLite through GRDB by
// default (one file, embedded); the same store on PostgreSQL by URL.
//
// It knows nothing of checklists, CEL or rule files: payloads are opaque
// text. Every public write is one transaction that also appends its audit
// entries, so a refused write, a crash or a kill leaves the store as it
// was before that write. Every query is scoped to one jurisdiction.

import Foundation
import GRDB

public final class Store: Sendable {
    let backend: any StoreBackend
    let clock: @Sendable () -> String

    /// Where the store is, for messages.
    public var location: String { backend.displayName }

    /// Whether `location` names a PostgreSQL server (a `postgresql://` URL) rather than a SQLite file.
    public static func isURL(_ location: String) -> Bool { PostgresLocation.isURL(location) }

    /// Where a store given as `location` is, for messages, before (or
    /// without) opening it: a file path as it is; a PostgreSQL URL without
    /// its password (`user:password@` becomes `user@`, and a `password=`
    /// parameter is left out), even when the URL does not parse.
    public static func displayName(of location: String) -> String {
        guard PostgresLocation.isURL(location) else { return location }
        if let parsed = try? PostgresLocation.parse(location) { return parsed.displayName }
        return PostgresLocation.redacted(location)
    }

    /// How a store is opened.
    public enum Mode: Sendable {
        /// Create the schema if the database is new; refuse a database that is not a Spotcheck store.
        case create
        /// Open an existing store; refuse anything else.
        case open
        /// Open an existing store without writing a byte (audit verification).
        case readOnly
    }

    /// Opens the store at `location`: a SQLite file path, or a PostgreSQL
    /// URL (`postgresql://user@host:port/database`, or
    /// `postgresql://user@/database?host=/socket/dir&port=P` for a Unix socket).
    public static func open(_ location: String, mode: Mode = .open,
                            clock: @escaping @Sendable () -> String = Store.utcNow) throws(StoreError) -> Store {
        if PostgresLocation.isURL(location) {
            return Store(backend: try PostgresBackend.open(location, mode: mode), clock: clock)
        }
        if mode != .create, !FileManager.default.fileExists(atPath: location) {
            throw StoreError(.cannotOpen, zh: "数据库不存在：\(location)（请先运行 spotcheck init）", en: "no store at \(location) (run spotcheck init first)")
        }
        if mode != .readOnly, FileManager.default.fileExists(atPath: location) {
            // Look before writing: opening for writing switches the file to
            // WAL, which would rewrite the header of a database not ours.
            try inspect(try SQLiteBackend(path: location, readOnly: true), mode: mode)
        }
        let backend = try SQLiteBackend(path: location, readOnly: mode == .readOnly)
        let store = Store(backend: backend, clock: clock)
        try store.prepare(backend, mode: mode)
        return store
    }

    /// A store that lives in memory only (tests).
    public static func inMemory(clock: @escaping @Sendable () -> String = Store.utcNow) throws(StoreError) -> Store {
        let backend = try SQLiteBackend(memory: ())
        let store = Store(backend: backend, clock: clock)
        try store.prepare(backend, mode: .create)
        return store
    }

    init(backend: any StoreBackend, clock: @escaping @Sendable () -> String) {
        self.backend = backend
        self.clock = clock
    }

    /// Checks the format marker and brings the schema up to date (never in read-only mode).
    private func prepare(_ backend: SQLiteBackend, mode: Mode) throws(StoreError) {
        try Self.inspect(backend, mode: mode)
        guard mode != .readOnly else { return }
        do { try Schema.migrator.migrate(backend.writer) } catch {
            throw StoreError(.cannotOpen, zh: "无法更新数据库结构：\(SQLiteBackend.reason(error))", en: "cannot bring the schema up to date: \(SQLiteBackend.reason(error))")
        }
    }

    /// Refuses a database that is not a Spotcheck store of this format (or,
    /// unless creating, one without the schema). Reads only.
    private static func inspect(_ backend: SQLiteBackend, mode: Mode) throws(StoreError) {
        let tables: [String]
        let marker: String?
        do {
            (tables, marker) = try backend.writer.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                let marker = tables.contains("store_meta")
                    ? try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'format'") : nil
                return (tables, marker)
            }
        } catch {
            throw StoreError(.notAStore, zh: "\(backend.path) 不是 SQLite 数据库", en: "\(backend.path) is not a SQLite database")
        }
        if let marker, marker != Schema.format {
            throw StoreError(.notAStore, zh: "\(backend.path) 是另一格式版本的 Spotcheck 数据库（\(marker)）", en: "\(backend.path) is a Spotcheck store of another format (\(marker))")
        }
        if marker == nil, !tables.isEmpty {
            let earlier = tables.contains("audit_head") && tables.contains("submissions")
            throw StoreError(.notAStore,
                             zh: earlier ? "\(backend.path) 是早期版本的 Spotcheck 数据库，没有辖区信息，无法打开；请用 spotcheck init 新建并重新导入" : "\(backend.path) 不是 Spotcheck 数据库，未作任何改动",
                             en: earlier ? "\(backend.path) is a store of an earlier release without jurisdictions; create a new one with spotcheck init and import again" : "\(backend.path) is not a Spotcheck store; nothing was changed")
        }
        if marker == nil, mode != .create {
            throw StoreError(.notAStore, zh: "\(backend.path) 不是 Spotcheck 数据库（请先运行 spotcheck init）", en: "\(backend.path) is not a Spotcheck store (run spotcheck init first)")
        }
    }

    /// Now, as ISO 8601 UTC with seconds ("2024-05-06T07:08:09Z"). Written
    /// out by hand: every audited write asks for it, and a date formatter is
    /// costly to make.
    public static func utcNow() -> String {
        var t = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    // MARK: - Health

    /// The migrations of the schema, in order.
    public static var schemaMigrations: [String] { Schema.migrationIdentifiers }

    /// "ok" when the database is sound: SQLite's `PRAGMA integrity_check`;
    /// on PostgreSQL, every table, append-only guard, migration and the
    /// format marker in place, no index or constraint invalid.
    public func integrityCheck() throws(StoreError) -> String {
        try backend.integrityCheck()
    }

    /// The journal mode: SQLite's ("wal" for a store on a file); "wal" on
    /// PostgreSQL, which always writes ahead.
    public func journalMode() throws(StoreError) -> String {
        try backend.journalMode()
    }

    // MARK: - Checks shared by the writes

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

    static func requireDate(_ field: String, _ value: String) throws(StoreError) {
        guard isDate(value) else { throw .invalid(field, value, zh: "应为 YYYY-MM-DD 格式的日期", en: "expected a date YYYY-MM-DD") }
    }

    static func requireText(_ field: String, _ value: String) throws(StoreError) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalid(field, value, zh: "不能为空", en: "must not be empty")
        }
    }

    static func requireActor(_ actor: String) throws(StoreError) {
        try requireText("actor", actor)
    }
}
