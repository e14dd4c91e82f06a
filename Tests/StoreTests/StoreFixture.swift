import Foundation
import Store
import Testing

/// The clock every test store runs on: timestamps never depend on when the tests run.
let fixedNow = "2024-05-06T07:08:09Z"
let fixedClock: @Sendable () -> String = { fixedNow }

/// How the suite gets a fresh, empty store. Each backend the store runs on
/// has a fixture here; every test that uses only `Store`'s public API runs
/// against each of `StoreFixture.all` (`@Test(arguments: StoreFixture.all)`).
/// A PostgreSQL backend adds its fixture (a throwaway database) to `all`.
/// The suites that work on the file behind the store's back (TamperTests,
/// ForgedChainTests, OpeningTests, CrashTests) are SQLite's own and use
/// `sqliteFile` directly.
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

    static let all: [StoreFixture] = [.sqliteFile, .sqliteMemory]
}

/// A store made for one test, with whatever must go when the test ends:
/// `let t = try fixture.make(); defer { t.discard() }`.
final class TestStore: @unchecked Sendable {
    let store: Store
    /// Where it lives (a file path for SQLite).
    let location: String
    private let folder: TemporaryFolder?

    init(store: Store, location: String, folder: TemporaryFolder?) {
        self.store = store
        self.location = location
        self.folder = folder
    }

    /// Removes the store's files (the test is over).
    func discard() { folder?.remove() }
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
