import Foundation
@testable import Store
import Testing

/// The clock every test store runs on: timestamps never depend on when the tests run.
let fixedNow = "2024-05-06T07:08:09Z"
let fixedClock: @Sendable () -> String = { fixedNow }

/// How the suite gets a fresh, empty store. Each backend the store runs on
/// has a fixture here; every test that uses only `Store`'s public API runs
/// against each of `StoreFixture.all` (`@Test(arguments: StoreFixture.all)`).
/// The suites that work on the database behind the store's back
/// (TamperTests, ForgedChainTests, CrashTests) run on `tamperable`: a
/// SQLite file and, with a server, a PostgreSQL database.
///
/// PostgreSQL: when `SPOTCHECK_TEST_POSTGRES` holds a server URL, each test
/// gets a database of its own there (`CREATE DATABASE`, dropped when the
/// test discards its store). Its user must be a superuser: the tamper tests
/// turn foreign keys off the way the SQLite tamperer does
/// (`session_replication_role`). `.ci/run` starts such a server. Without it, in CI (`CI` set) the PostgreSQL
/// cases are still listed and fail, saying PostgreSQL is required; locally
/// they are left out and `BackendTests` says so.
struct StoreFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () throws -> TestStore

    var testDescription: String { name }

    /// A store in a new SQLite file in a folder of its own.
    static let sqliteFile = StoreFixture(name: "SQLite file") {
        let folder = try TemporaryFolder()
        let path = folder.file("store.sqlite")
        return TestStore(store: try Store.open(path, mode: .create, clock: fixedClock), location: path, folder: folder)
    }

    /// A SQLite store in memory.
    static let sqliteMemory = StoreFixture(name: "SQLite in memory") {
        TestStore(store: try Store.inMemory(clock: fixedClock), location: ":memory:", folder: nil)
    }

    /// A store in a new database on the test server.
    static let postgres = StoreFixture(name: "PostgreSQL") {
        let database = try TestDatabase()
        do {
            return TestStore(store: try Store.open(database.url, mode: .create, clock: fixedClock), location: database.url,
                             folder: nil, database: database)
        } catch {
            database.drop()
            throw error
        }
    }

    /// The PostgreSQL fixture when its cases run (see above).
    static let postgresCases: [StoreFixture] = TestServer.casesRun ? [.postgres] : []

    static let all: [StoreFixture] = [.sqliteFile, .sqliteMemory] + postgresCases

    /// The backends whose database a test can edit behind the store's back.
    static let tamperable: [StoreFixture] = [.sqliteFile] + postgresCases
}

/// The PostgreSQL server the suite runs on, from the environment.
enum TestServer {
    static let variable = "SPOTCHECK_TEST_POSTGRES"
    static let environment = ProcessInfo.processInfo.environment

    /// The server's URL (its database is where `CREATE DATABASE` runs).
    static let url: String? = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    static let inCI = !(environment["CI"] ?? "").isEmpty
    /// Whether the PostgreSQL cases are listed: they run with a URL, and fail in CI without one.
    static let casesRun = url != nil || inCI

    static let missing = "PostgreSQL is required: \(variable) is not set (CI sets CI=1 and starts a throwaway server in .ci/run)"

    /// A connection pool on the server's own database, for CREATE and DROP DATABASE.
    static let admin: Result<PostgresBackend, any Error> = Result {
        guard let url else { throw StoreError(.cannotOpen, zh: missing, en: missing) }
        return PostgresBackend(location: try PostgresLocation.parse(url), readOnly: false, connections: 2)
    }

    static func backend() throws -> PostgresBackend { try admin.get() }
}

/// A database of its own on the test server, dropped when the test is over.
final class TestDatabase: Sendable {
    let name: String
    let url: String

    init() throws {
        let admin = try TestServer.backend()
        name = "spotcheck_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        url = admin.location.with(database: name).url(withPassword: true)
        try admin.executeOutsideTransaction("CREATE DATABASE \(name)")
    }

    /// Drops the database, ending whatever sessions are still on it.
    func drop() {
        do { try TestServer.backend().executeOutsideTransaction("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } catch {
            print("warning: could not drop test database \(name): \(error)")
        }
    }
}

/// A store made for one test, with whatever must go when the test ends:
/// `let t = try fixture.make(); defer { t.discard() }`.
final class TestStore: @unchecked Sendable {
    let store: Store
    /// Where it lives (a file path for SQLite, a URL for PostgreSQL).
    let location: String
    private let folder: TemporaryFolder?
    private let database: TestDatabase?

    init(store: Store, location: String, folder: TemporaryFolder?, database: TestDatabase? = nil) {
        self.store = store
        self.location = location
        self.folder = folder
        self.database = database
    }

    var isPostgres: Bool { database != nil }

    /// Removes the store's files or database (the test is over).
    func discard() {
        folder?.remove()
        database?.drop()
    }
}

/// A fresh folder under the system's temporary directory, removed with the value.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init(_ name: String = "store") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("spotcheck-storetests-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The names of the files in the folder, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    deinit { remove() }
}
