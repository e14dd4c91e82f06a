import Foundation
@testable import Store
import Testing

@Suite("Store: the backends under test")
struct BackendTests {
    @Test("PostgreSQL is under test (SPOTCHECK_TEST_POSTGRES); in CI it is required")
    func postgresIsUnderTest() throws {
        guard TestServer.url != nil else {
            if TestServer.inCI {
                Issue.record(Comment(rawValue: TestServer.missing))
            } else {
                print("note: \(TestServer.variable) is not set: StoreTests ran on SQLite only, the PostgreSQL cases were left out. "
                      + "Set it to a server URL whose user is a superuser (postgresql://user@host:port/db or "
                      + "postgresql://user@/db?host=/socket/dir&port=P) to run them; in CI (CI set) they are required.")
            }
            return
        }
        let version = try TestServer.backend().transaction(.read) { tx in try tx.int("SELECT current_setting('server_version_num')::int") }
        #expect((version ?? 0) >= 150_000, "PostgreSQL 15 or later is needed, the server is \(version ?? 0)")
    }
}

// MARK: - Without a server

@Suite("Store on PostgreSQL: URLs, placeholders and COPY text")
struct PostgresTextTests {
    @Test("a TCP URL: user, host, port, database; no password in its name")
    func tcpURL() throws {
        let l = try PostgresLocation.parse("postgresql://spot%40check:pa%3Ass@db.example.org:6543/county_1")
        #expect(l.endpoint == .tcp(host: "db.example.org", port: 6543))
        #expect(l.user == "spot@check")
        #expect(l.password == "pa:ss")
        #expect(l.database == "county_1")
        #expect(l.displayName == "postgresql://spot%40check:***@db.example.org:6543/county_1")
        #expect(l.configuration.host == "db.example.org" && l.configuration.port == 6543)
        #expect(try PostgresLocation.parse(l.url(withPassword: true)) == l)
        let defaults = try PostgresLocation.parse("postgres://spotcheck@localhost/county")
        #expect(defaults.endpoint == .tcp(host: "localhost", port: 5432))
        #expect(defaults.password == nil)
        #expect(try PostgresLocation.parse("postgresql://u@[::1]:5433/d").endpoint == .tcp(host: "::1", port: 5433))
    }

    @Test("a Unix-socket URL: the socket is DIR/.s.PGSQL.PORT")
    func socketURL() throws {
        let l = try PostgresLocation.parse("postgresql://postgres@/spotcheck?host=/tmp/pg%20run&port=55432")
        #expect(l.endpoint == .socket(directory: "/tmp/pg run", port: 55432))
        #expect(l.socketPath == "/tmp/pg run/.s.PGSQL.55432")
        #expect(l.configuration.unixSocketPath == "/tmp/pg run/.s.PGSQL.55432")
        #expect(l.database == "spotcheck")
        #expect(try PostgresLocation.parse(l.displayName) == l)
        #expect(try PostgresLocation.parse("postgresql://postgres@/db?host=/run/postgresql").socketPath == "/run/postgresql/.s.PGSQL.5432")
    }

    @Test("a malformed URL is refused, its password in no message",
          arguments: ["postgresql://u:s3cret@host:5432/", "postgresql://u:s3cret@host:port/db", "postgresql://u:s3cret@/db",
                      "postgresql://u:s3cret@host:99999/db", "postgresql://u:s3cret@host/db?sslmode=require", "mysql://u:s3cret@host/db"])
    func malformedURL(_ url: String) {
        do {
            _ = try PostgresLocation.parse(url)
            Issue.record("parsed \(url)")
        } catch {
            #expect(error.kind == .cannotOpen)
            #expect(!error.message.en.contains("s3cret") && !error.message.zh.contains("s3cret"), "\(error)")
        }
    }

    @Test("a password is shown as *** wherever a store location is named, parsed or not",
          arguments: [
              ("postgresql://spot:s3cret@db.example.org/county", "postgresql://spot:***@db.example.org:5432/county"),
              ("postgresql://spot@/county?host=/tmp/pg&port=5433&password=s3cret", "postgresql://spot:***@/county?host=/tmp/pg&port=5433"),
              ("postgres://spot:s3c%40ret@[::1]:6000/county", "postgresql://spot:***@[::1]:6000/county"),
              // Unparseable: the password may hold `/`, `?` or `@` unescaped.
              ("postgresql://spot:s3cret@host:port/db", "postgresql://spot:***@host:port/db"),
              ("postgresql://spot:s3c/ret@host/db", "postgresql://spot:***@host/db"),
              ("postgresql://spot:s3c?ret@host/db", "postgresql://spot:***@host/db"),
              ("postgresql://spot:s3c@ret@host:x/db", "postgresql://spot:***@host:x/db"),
              ("postgresql://spot@host:x/db?PASSWORD=s3cret&a=b", "postgresql://spot@host:x/db?password=***&a=b"),
              ("county.sqlite", "county.sqlite"),
          ])
    func passwordHidden(_ url: String, _ shown: String) {
        #expect(Store.displayName(of: url) == shown)
        #expect(!Store.displayName(of: url).contains("s3c"))
    }

    @Test("? becomes $1 … $n, except in literals, quoted names, comments and dollar-quoted bodies")
    func placeholders() throws {
        #expect(try PostgresSQL.numbered("SELECT * FROM t WHERE a = ? AND (CAST(? AS TEXT) IS NULL OR b = ?)", arguments: 3)
                == "SELECT * FROM t WHERE a = $1 AND (CAST($2 AS TEXT) IS NULL OR b = $3)")
        #expect(try PostgresSQL.numbered("SELECT '?', 'it''s ?', \"odd?name\", ? -- why?\n, ? /* ? */", arguments: 2)
                == "SELECT '?', 'it''s ?', \"odd?name\", $1 -- why?\n, $2 /* ? */")
        #expect(try PostgresSQL.numbered(#"SELECT E'a\'?', 'b\', ?, type'?'"#, arguments: 1) == #"SELECT E'a\'?', 'b\', $1, type'?'"#)
        #expect(try PostgresSQL.numbered("DO $x$ BEGIN PERFORM '?'; END $x$; SELECT ?, $$?$$", arguments: 1)
                == "DO $x$ BEGIN PERFORM '?'; END $x$; SELECT $1, $$?$$")
        #expect(throws: PostgresError.self) { try PostgresSQL.numbered("SELECT ?, ?", arguments: 1) }
        #expect(throws: PostgresError.self) { try PostgresSQL.numbered("SELECT 1", arguments: 1) }
    }

    @Test("COPY's text fields: NULL, escapes, numbers, booleans, bytes")
    func copyFields() {
        #expect(PostgresCopy.field(.null) == "\\N")
        #expect(PostgresCopy.field(.text("a\tb\nc\\d\re 宽城 \\N")) == "a\\tb\\nc\\\\d\\re 宽城 \\\\N")
        #expect(PostgresCopy.field(.int(-9_223_372_036_854_775_807)) == "-9223372036854775807")
        #expect(PostgresCopy.field(.double(0.1)) == "0.1")
        #expect(PostgresCopy.field(.bool(true)) == "t")
        #expect(PostgresCopy.field(.blob([0x00, 0xAB])) == "\\\\x00ab")
    }
}

// MARK: - On the test server

/// Plain SQL on one test database, not through `Store`.
extension TestDatabase {
    func sql<T>(readOnly: Bool = false, _ body: (PostgresTransaction) throws -> T) throws -> T {
        let backend = PostgresBackend(location: try PostgresLocation.parse(url), readOnly: false, connections: 1)
        defer { backend.pool.close() }
        return try backend.transaction(readOnly ? .read : .write, body)
    }

    /// The tables and views of the database, sorted.
    func relations() throws -> [String] {
        try sql(readOnly: true) { tx in try PostgresSchemaState(tx).relations.sorted() }
    }
}

@Suite("Store on PostgreSQL: opening, schema, values, COPY, concurrency")
struct PostgresTests {
    /// What is in a database that is not a store.
    enum Foreign: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case foreignDatabase, otherFormat, earlierRelease

        var testDescription: String { rawValue }

        var statements: [String] {
            switch self {
            case .foreignDatabase:
                return ["CREATE TABLE notes (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, text TEXT NOT NULL)",
                        "INSERT INTO notes (text) VALUES ('mine, not Spotcheck''s')"]
            case .otherFormat:
                return ["CREATE TABLE store_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
                        "INSERT INTO store_meta VALUES ('format', 'spotcheck-store/99')"]
            case .earlierRelease:
                return ["CREATE TABLE audit_head (id BIGINT PRIMARY KEY, seq BIGINT, hash TEXT)",
                        "CREATE TABLE submissions (submission_id TEXT PRIMARY KEY, payload TEXT)"]
            }
        }
    }

    static func expectNotOpened(_ url: String, _ mode: Store.Mode, _ kinds: Set<StoreError.Kind> = [.notAStore],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Store.open(url, mode: mode, clock: fixedClock)
            Issue.record("opened \(url) in mode \(mode)", sourceLocation: sourceLocation)
        } catch {
            #expect(kinds.contains(error.kind), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("an empty database: open and read-only refuse it and leave it empty; create lays the schema, once",
          arguments: StoreFixture.postgresCases)
    func emptyDatabase(_ fixture: StoreFixture) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        Self.expectNotOpened(db.url, .open)
        Self.expectNotOpened(db.url, .readOnly)
        #expect(try db.relations().isEmpty)

        let store = try Store.open(db.url, mode: .create, clock: fixedClock)
        #expect(store.location == (try PostgresLocation.parse(db.url)).displayName)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.journalMode() == "wal")
        #expect(try db.relations() == (PostgresSchema.tables + ["schema_migrations"]).sorted())
        let recorded = try db.sql { tx in try tx.strings("SELECT identifier FROM schema_migrations ORDER BY identifier") }
        #expect(recorded == Store.schemaMigrations)
        #expect(PostgresSchema.migrations.map(\.identifier) == Store.schemaMigrations)
        #expect(try db.sql { tx in try tx.strings("SELECT value FROM store_meta WHERE key = 'format'") } == [Schema.format])

        try County.kuancheng.seedDraw(store)
        // Creating or opening again changes nothing.
        let again = try Store.open(db.url, mode: .create, clock: fixedClock)
        #expect(try again.tasks(jurisdiction: County.kuancheng.code).count == 3)
        #expect(try Store.open(db.url, mode: .open, clock: fixedClock).auditEntries(jurisdiction: County.kuancheng.code).count == 2)
        #expect(try db.sql { tx in try tx.int("SELECT COUNT(*) FROM schema_migrations") } == PostgresSchema.migrations.count)
    }

    @Test("a database that is not a store is refused in every mode and left as it was",
          arguments: StoreFixture.postgresCases, Foreign.allCases)
    func foreignDatabase(_ fixture: StoreFixture, _ foreign: Foreign) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try db.sql { tx in for s in foreign.statements { try tx.execute(s, []) } }
        func snapshot() throws -> [String] {
            try db.relations() + db.sql(readOnly: true) { tx in
                try tx.fetchRows("SELECT * FROM \(foreign == .foreignDatabase ? "notes" : foreign == .otherFormat ? "store_meta" : "submissions")", [])
                    .map { "\($0)" }
            }
        }
        let before = try snapshot()
        for mode in [Store.Mode.readOnly, .open, .create] { Self.expectNotOpened(db.url, mode) }
        #expect(try snapshot() == before)
    }

    @Test("a database that does not exist is refused", arguments: StoreFixture.postgresCases)
    func missingDatabase(_ fixture: StoreFixture) throws {
        let admin = try TestServer.backend()
        let url = admin.location.with(database: "spotcheck_no_such_database").url(withPassword: true)
        for mode in [Store.Mode.readOnly, .open, .create] { Self.expectNotOpened(url, mode, [.cannotOpen]) }
    }

    @Test("a store opened with a password in its URL names itself with *** in its place; refusals do too",
          arguments: StoreFixture.postgresCases)
    func passwordInURL(_ fixture: StoreFixture) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        // The test server trusts its clients: the password is carried, never asked for.
        var location = try PostgresLocation.parse(db.url)
        location.password = "s3cret-pw"
        let url = location.url(withPassword: true)
        let store = try Store.open(url, mode: .create, clock: fixedClock)
        #expect(store.location.contains(":***@") && !store.location.contains("s3cret"), "\(store.location)")
        let missing = location.with(database: "spotcheck_no_such_database").url(withPassword: true)
        do {
            _ = try Store.open(missing, mode: .open, clock: fixedClock)
            Issue.record("opened a database that does not exist")
        } catch {
            #expect(error.message.en.contains(":***@"), "\(error)")
            #expect(!error.message.en.contains("s3cret") && !error.message.zh.contains("s3cret"), "\(error)")
        }
    }

    @Test("read-only: every session is read-only, a write is refused and nothing changes", arguments: StoreFixture.postgresCases)
    func readOnly(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let county = County.kuancheng
        try county.seedDraw(t.store)
        let readOnly = try Store.open(t.location, mode: .readOnly, clock: fixedClock)
        #expect(try readOnly.verifyAudit().ok)
        let before = try AuditSnapshot(readOnly, [county.code])
        expectRefused(.database) {
            try readOnly.recordConfirmation(ConfirmationRecord(jurisdiction: county.code, taskID: county.taskID(1), department: "education",
                                                               decision: .confirmed, reason: nil, decidedOn: "2024-05-07"), by: County.clerk)
        }
        expectRefused(.database) {
            try readOnly.importDirectory(.entities, jurisdiction: county.code, rows: county.directoryRows(["x"]), sourceSHA256: "s", by: County.clerk)
        }
        #expect(try AuditSnapshot(readOnly, [county.code]) == before)
        #expect(try AuditSnapshot(t.store, [county.code]) == before)
    }

    @Test("text sorts byte by byte, as on SQLite", arguments: StoreFixture.postgresCases)
    func byteOrder(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let sqlite = try StoreFixture.sqliteMemory.make()
        let keys = ["b", "B", "a", "_x", "Z", "é", "10", "9", "a b", "ab", "宽城", "Ä", "~"]
        for s in [t.store, sqlite.store] {
            try s.importDirectory(.entities, jurisdiction: "j", rows: County.kuancheng.directoryRows(keys), sourceSHA256: "s", by: County.clerk)
        }
        let expected = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(try t.store.directoryRows(.entities, jurisdiction: "j").map(\.key) == expected)
        #expect(try sqlite.store.directoryRows(.entities, jurisdiction: "j").map(\.key) == expected)
    }

    /// A county whose records hold awkward values of every kind.
    static let awkwardCounty = County(code: "qinglong")

    /// Writes awkward values of every kind to `store`.
    static func seedAwkward(_ store: Store) throws {
        let county = awkwardCounty
        let awkward = "tab\there\nnew line\\back\\slash\r 'single' \"double\" ? $1 -- /* 😀 宽城 \\N"
        try county.seedDraw(store)
        try store.importDirectory(.entities, jurisdiction: county.code,
                                  rows: [DirectoryRowRecord(key: "k\t1", json: awkward), DirectoryRowRecord(key: "\\N", json: ""),
                                         DirectoryRowRecord(key: "空 key", json: "{\"a\":\"\\u0000 is not stored\"}")],
                                  sourceSHA256: "s", by: County.clerk)
        let sub = county.submission("s-\(awkward)", payload: awkward, inspectors: [])
        _ = try store.submit(EvaluatedSubmission(
            submission: sub,
            evaluation: { v in
                EvaluationRecord(jurisdiction: sub.jurisdiction, submissionID: sub.submissionID, taskID: sub.taskID, planID: county.planID,
                                 department: sub.department, checklist: sub.checklist, version: v, resultCode: "problem",
                                 resultRank: Int.max, violations: ["a,b", "\"q\"", "\\", awkward, ""], document: awkward,
                                 enteredOn: sub.receivedOn)
            },
            referrals: { _ in
                [ReferralRecord(id: "r-1", jurisdiction: sub.jurisdiction, submissionID: sub.submissionID, taskID: sub.taskID,
                                recipient: "fire_rescue", kind: "transfer", route: awkward, items: [], due: nil, createdOn: sub.receivedOn),
                 ReferralRecord(id: "r-2", jurisdiction: sub.jurisdiction, submissionID: sub.submissionID, taskID: sub.taskID,
                                recipient: "fire_rescue", kind: "transfer", route: "r", items: ["x"], due: "2024-05-22", createdOn: sub.receivedOn)]
            }), by: awkward)
        try store.recordReferralEvent(county.event("r-1", .handled, on: "2024-05-10", decision: awkward, decisionNo: "", decisionPublic: true),
                                      by: County.clerk)
        try store.recordReferralEvent(county.event("r-2", .handled, on: "2024-05-10", decision: "d", decisionPublic: false), by: County.clerk)
        try store.recordReferralEvent(county.event("r-2", .handled, on: "2024-05-11", decision: "d2"), by: County.clerk)
        try store.recordConfirmation(ConfirmationRecord(jurisdiction: county.code, taskID: county.taskID(2), department: "education",
                                                        decision: .rejected, reason: awkward, decidedOn: "2024-05-07"), by: County.clerk)
        try store.recordDisclosure(DisclosureRecord(jurisdiction: county.code, taskID: county.taskID(1), planID: county.planID,
                                                    creditCode: "", entityName: awkward, resultCode: "problem", publishedOn: "2024-06-01",
                                                    recordJSON: awkward, sourceSHA256: awkward), by: County.command)
    }

    @Test("every value reads back as written and hashes as on SQLite, bit for bit", arguments: StoreFixture.postgresCases)
    func sameAsSQLite(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let sqlite = try StoreFixture.sqliteFile.make()
        defer { sqlite.discard() }
        for store in [t.store, sqlite.store] {
            try County.kuancheng.seedEverything(store)
            try County.changli.seedEverything(store)
            try Self.seedAwkward(store)
        }
        for county in [County.kuancheng, County.changli, Self.awkwardCounty] {
            let onPostgres = try JurisdictionTests.View(t.store, county.code, plan: county.planID)
            let onSQLite = try JurisdictionTests.View(sqlite.store, county.code, plan: county.planID)
            #expect(onPostgres == onSQLite)
            #expect(onPostgres.audit.map(\.hash) == onSQLite.audit.map(\.hash))
        }
        let j = Self.awkwardCounty.code
        let awkward = try #require(try t.store.referralEvents(jurisdiction: j, referral: "r-1").last)
        #expect(awkward.decisionPublic == true && awkward.decisionNo == "")
        #expect(try t.store.referralEvents(jurisdiction: j, referral: "r-2").map(\.decisionPublic) == [nil, false, nil])
        #expect(try t.store.latestEvaluations(jurisdiction: j).map(\.resultRank).contains(Int.max))
        #expect(try t.store.directoryRow(.entities, jurisdiction: j, key: "k\t1")?.json.hasPrefix("tab\there\nnew line\\back") == true)
        #expect(try t.store.auditHead(jurisdiction: j) == sqlite.store.auditHead(jurisdiction: j))
        #expect(try t.store.verifyAudit() == sqlite.store.verifyAudit())
        try expectVerifies(t.store)
    }

    @Test("a large directory import streams in (COPY), verifies and reads back", arguments: StoreFixture.postgresCases)
    func largeImport(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let rows = (0..<40_000).map { n in
            DirectoryRowRecord(key: String(format: "9113%08d", n), json: #"{"credit_code":"9113\#(n)","name":"企业\#(n)\t分号;","note":"a\\b"}"#)
        }
        let stored = try t.store.importDirectory(.entities, jurisdiction: "kuancheng", rows: rows, sourceSHA256: "s", by: County.command)
        #expect(stored.rowCount == rows.count)
        let back = try t.store.directoryRows(.entities, jurisdiction: "kuancheng")
        #expect(back.count == rows.count)
        #expect(back.map(\.key) == rows.map(\.key))
        #expect(back.map(\.json) == rows.map(\.json))
        #expect(try t.store.directoryRow(.entities, jurisdiction: "kuancheng", key: "911300031337")?.json == rows[31_337].json)
        try expectVerifies(t.store)
    }

    @Test("many writers at once (threads sharing a store, two stores on one database) leave one unbroken chain",
          arguments: StoreFixture.postgresCases)
    func concurrentWriters(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let county = County.kuancheng
        try county.seedDraw(t.store)
        let other = try Store.open(t.location, mode: .open, clock: fixedClock)
        let stores = [t.store, other]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            let store = stores[worker % 2]
            for n in 0..<10 {
                do {
                    try store.recordConfirmation(ConfirmationRecord(jurisdiction: county.code, taskID: county.taskID(1 + n % 3),
                                                                    department: "w\(worker)", decision: .confirmed, reason: nil,
                                                                    decidedOn: "2024-05-07"), by: "worker-\(worker)")
                    _ = try store.tasks(jurisdiction: county.code)
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let entries = try t.store.auditEntries(jurisdiction: county.code)
        #expect(entries.count == 2 + 80)
        #expect(entries.map(\.seq) == Array(1...82))
        #expect(try t.store.confirmations(jurisdiction: county.code).count == 80)
        try expectVerifies(t.store)
    }

    @Test("a statement refused inside a write undoes the whole write; a savepoint rolled back recovers it",
          arguments: StoreFixture.postgresCases)
    func failedStatementAbortsTheWrite(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let backend = PostgresBackend(location: try PostgresLocation.parse(t.location), readOnly: false, connections: 1)
        defer { backend.pool.close() }
        // The body swallows the failure and returns: the write must not pretend it committed.
        #expect(throws: PostgresError.self) {
            try backend.transaction(.write) { tx in
                try tx.execute("INSERT INTO store_meta (key, value) VALUES ('note', 'before')", [])
                try? tx.execute("INSERT INTO store_meta (key, value) VALUES ('format', 'again')", [])
            }
        }
        #expect(try backend.transaction(.read) { tx in try tx.strings("SELECT key FROM store_meta ORDER BY key") } == ["format"])
        // Rolled back to a savepoint, the transaction goes on and commits.
        try backend.transaction(.write) { tx in
            try tx.execute("SAVEPOINT s", [])
            #expect(throws: PostgresError.self) { try tx.execute("INSERT INTO store_meta (key, value) VALUES ('format', 'again')", []) }
            try tx.execute("ROLLBACK TO SAVEPOINT s", [])
            try tx.execute("INSERT INTO store_meta (key, value) VALUES ('note', 'after')", [])
        }
        #expect(try backend.transaction(.read) { tx in try tx.strings("SELECT value FROM store_meta ORDER BY key") } == [Schema.format, "after"])
    }

    @Test("the integrity check names a guard dropped behind the store's back", arguments: StoreFixture.postgresCases)
    func integrityCheckSeesDroppedGuard(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        #expect(try t.store.integrityCheck() == "ok")
        let tamperer = try Tamperer(t)
        try tamperer.execute("SELECT 1", unguarding: ["submissions"])
        try tamperer.close()
        let report = try t.store.integrityCheck()
        #expect(report.contains("trigger submissions_no_update is missing"), "\(report)")
        #expect(report.contains("trigger submissions_no_delete is missing"), "\(report)")
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
