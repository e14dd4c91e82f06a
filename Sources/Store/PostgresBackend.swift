import Foundation
import PostgresNIO

/// The server backend: one PostgreSQL database through PostgresNIO.
///
/// Each transaction takes a connection from a small pool, runs `BEGIN`,
/// the body (synchronously, on the caller's thread; each statement is
/// bridged onto the connection's event loop, see `PostgresBridge`), then
/// `COMMIT`, or `ROLLBACK` when the body throws. Writes take one
/// transaction-scoped advisory lock first, so writers follow each other
/// as on SQLite (a jurisdiction's chain is read, then extended). Reads are
/// `REPEATABLE READ, READ ONLY`: one snapshot, as a SQLite read.
final class PostgresBackend: StoreBackend, @unchecked Sendable {
    let location: PostgresLocation
    let readOnly: Bool
    let pool: PostgresConnectionPool

    var displayName: String { location.displayName }

    /// The advisory lock every write (and a migration) holds until it ends.
    static let writeLock: Int64 = 0x5350_4F54_4348_4B01

    /// Makes the backend; connects on first use. A read-only backend's
    /// sessions are read-only: no transaction of it can write.
    init(location: PostgresLocation, readOnly: Bool, connections: Int = 4) {
        self.location = location
        self.readOnly = readOnly
        pool = PostgresConnectionPool(location: location, readOnly: readOnly, limit: connections)
    }

    deinit { pool.close() }

    // MARK: - Transactions

    enum TransactionKind {
        case write, read

        func begin(readOnly: Bool) -> String {
            switch self {
            case .write: return readOnly ? "BEGIN READ ONLY" : "BEGIN"
            case .read: return "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
            }
        }
    }

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        do { return try transaction(.write, body) } catch { throw StoreError.wrapping(error) }
    }

    func read<T>(_ body: (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        do { return try transaction(.read, body) } catch { throw StoreError.wrapping(error) }
    }

    /// One transaction; throws what the body or the server threw, unwrapped (tests read the server's message).
    func transaction<T>(_ kind: TransactionKind, _ body: (PostgresTransaction) throws -> T) throws -> T {
        let lease = try pool.acquire()
        var reusable = true
        defer { pool.release(lease, reusable: reusable) }
        let tx = PostgresTransaction(lease: lease, logger: pool.logger)
        do {
            try tx.execute(kind.begin(readOnly: readOnly), [])
            if kind == .write, !readOnly { try tx.execute("SELECT pg_advisory_xact_lock(?)", [.int(Self.writeLock)]) }
        } catch {
            reusable = false
            throw error
        }
        let value: T
        do {
            value = try body(tx)
        } catch {
            do { try tx.execute("ROLLBACK", []) } catch { reusable = false }
            throw error
        }
        if let failure = tx.failure {
            // A statement failed and the body went on: the server has
            // aborted the transaction and COMMIT would only roll it back.
            do { try tx.execute("ROLLBACK", []) } catch { reusable = false }
            throw failure
        }
        try tx.execute("COMMIT", [])
        return value
    }

    /// Runs one statement outside any transaction (`CREATE DATABASE` cannot run in one).
    func executeOutsideTransaction(_ sql: String) throws {
        let lease = try pool.acquire()
        defer { pool.release(lease, reusable: true) }
        try PostgresTransaction(lease: lease, logger: pool.logger).execute(sql, [])
    }

    // MARK: - Health

    /// "ok" when every table, guard, migration and the format marker are in
    /// place and no index or constraint is marked invalid; else the problems, one a line.
    func integrityCheck() throws(StoreError) -> String {
        try read { tx in
            var problems: [String] = []
            let present = Set(try tx.strings("SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()"))
            for table in PostgresSchema.tables + ["schema_migrations"] where !present.contains(table) {
                problems.append("table \(table) is missing")
            }
            var triggers: [String: String] = [:]
            for row in try tx.fetchRows("""
                SELECT t.tgname::text, t.tgenabled::text FROM pg_trigger t
                JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND NOT t.tgisinternal
                """, []) {
                if case .text(let name) = row[0], case .text(let enabled) = row[1] { triggers[name] = enabled }
            }
            for table in Schema.allAppendOnly {
                for name in PostgresSchema.guards(table) {
                    switch triggers[name] {
                    case nil: problems.append("trigger \(name) is missing")
                    case "D": problems.append("trigger \(name) is disabled")
                    default: break
                    }
                }
            }
            if present.contains("store_meta") {
                let marker = try tx.strings("SELECT value FROM store_meta WHERE key = 'format'").first
                if marker != Schema.format { problems.append("format marker is \(marker ?? "missing"), not \(Schema.format)") }
            }
            if present.contains("schema_migrations") {
                let applied = Set(try tx.strings("SELECT identifier FROM schema_migrations"))
                for m in PostgresSchema.migrations where !applied.contains(m.identifier) {
                    problems.append("migration \(m.identifier) is not applied")
                }
            }
            for name in try tx.strings("""
                SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT i.indisvalid
                """) {
                problems.append("index \(name) is invalid")
            }
            for name in try tx.strings("""
                SELECT k.conname::text FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
                WHERE n.nspname = current_schema() AND NOT k.convalidated
                """) {
                problems.append("constraint \(name) is not validated")
            }
            return problems.isEmpty ? "ok" : problems.joined(separator: "\n")
        }
    }

    /// PostgreSQL always logs ahead of its writes: "wal".
    func journalMode() throws(StoreError) -> String {
        try read { tx in _ = try tx.int("SELECT 1") }
        return "wal"
    }

    // MARK: - Opening

    /// Connects to the database at `url`, refuses one that is not a
    /// Spotcheck store (without changing it), and, unless read-only, brings
    /// the schema up to date (`.create` lays it in an empty database).
    static func open(_ url: String, mode: Store.Mode) throws(StoreError) -> PostgresBackend {
        let location = try PostgresLocation.parse(url)
        let backend = PostgresBackend(location: location, readOnly: mode == .readOnly)
        let name = location.displayName
        let state: PostgresSchemaState
        do {
            state = try backend.transaction(.read) { tx in try PostgresSchemaState(tx) }
        } catch {
            throw StoreError(.cannotOpen, zh: "无法打开数据库 \(name)：\(PostgresError.reason(error))",
                             en: "cannot open the store \(name): \(PostgresError.reason(error))")
        }
        try state.check(name, mode: mode)
        guard mode != .readOnly, !state.isCurrent else { return backend }
        do {
            try backend.transaction(.write) { tx in
                // Under the write lock: another process may have just done it.
                let now = try PostgresSchemaState(tx)
                try now.check(name, mode: mode)
                try now.migrate(tx)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.cannotOpen, zh: "无法更新数据库结构：\(PostgresError.reason(error))",
                             en: "cannot bring the schema up to date: \(PostgresError.reason(error))")
        }
        return backend
    }
}

/// What a database holds, as far as opening it is concerned.
struct PostgresSchemaState {
    /// Tables and views of the current schema.
    var relations: Set<String>
    var marker: String?
    var applied: Set<String>

    init(_ tx: PostgresTransaction) throws {
        relations = Set(try tx.strings("""
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            """))
        marker = relations.contains("store_meta")
            ? try tx.strings("SELECT value::text FROM store_meta WHERE key = 'format'").first : nil
        applied = relations.contains("schema_migrations")
            ? Set(try tx.strings("SELECT identifier::text FROM schema_migrations")) : []
    }

    var isCurrent: Bool { PostgresSchema.migrations.allSatisfy { applied.contains($0.identifier) } }

    /// Refuses a database that is not a Spotcheck store of this format (or,
    /// unless creating, one without the schema). The same rules as on SQLite.
    func check(_ name: String, mode: Store.Mode) throws(StoreError) {
        if let marker, marker != Schema.format {
            throw StoreError(.notAStore, zh: "\(name) 是另一格式版本的 Spotcheck 数据库（\(marker)）", en: "\(name) is a Spotcheck store of another format (\(marker))")
        }
        if marker == nil, !relations.isEmpty {
            let earlier = relations.contains("audit_head") && relations.contains("submissions")
            throw StoreError(.notAStore,
                             zh: earlier ? "\(name) 是早期版本的 Spotcheck 数据库，没有辖区信息，无法打开；请用 spotcheck init 新建并重新导入" : "\(name) 不是 Spotcheck 数据库，未作任何改动",
                             en: earlier ? "\(name) is a store of an earlier release without jurisdictions; create a new one with spotcheck init and import again" : "\(name) is not a Spotcheck store; nothing was changed")
        }
        if marker == nil, mode != .create {
            throw StoreError(.notAStore, zh: "\(name) 不是 Spotcheck 数据库（请先运行 spotcheck init）", en: "\(name) is not a Spotcheck store (run spotcheck init first)")
        }
    }

    /// Applies the migrations not yet applied, recording each, inside the caller's transaction.
    func migrate(_ tx: PostgresTransaction) throws {
        if !relations.contains("schema_migrations") { try tx.execute(PostgresSchema.migrationsTable, []) }
        for migration in PostgresSchema.migrations where !applied.contains(migration.identifier) {
            for statement in migration.statements { try tx.execute(statement, []) }
            if migration.identifier == DisclosureIndex.migration { try DisclosureIndex.rebuild(tx) }
            try tx.execute("INSERT INTO schema_migrations (identifier, applied_at) VALUES (?, ?)",
                           [.text(migration.identifier), .text(Store.utcNow())])
        }
    }
}

/// What PostgreSQL or the connection to it reported.
struct PostgresError: Error, CustomStringConvertible {
    /// The server's message, or what happened to the connection.
    var message: String
    /// The SQLSTATE of a server error.
    var sqlState: String?
    /// A server error: it aborts the transaction it happened in.
    var fromServer: Bool

    init(message: String, sqlState: String? = nil, fromServer: Bool = false) {
        self.message = message
        self.sqlState = sqlState
        self.fromServer = fromServer
    }

    init(_ error: any Error) {
        if let e = error as? PostgresError {
            self = e
        } else if let e = error as? PSQLError {
            if e.code == .server, let info = e.serverInfo {
                var text = info[.message] ?? "server error"
                if let detail = info[.detail] { text += " (\(detail))" }
                self.init(message: text, sqlState: info[.sqlState], fromServer: true)
            } else {
                var text = "\(e.code)"
                if let underlying = e.underlying { text += ": \(underlying)" }
                self.init(message: text)
            }
        } else {
            self.init(message: String(describing: error))
        }
    }

    var description: String { sqlState.map { "\(message) [\($0)]" } ?? message }

    /// Any error, for a message.
    static func reason(_ error: any Error) -> String {
        if let e = error as? StoreError { return e.message.en }
        return PostgresError(error).description
    }
}
