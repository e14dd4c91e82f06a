import Foundation
import GRDB
import Store
import Testing

/// Opening a file that is not a store refuses and leaves the file as it
/// was, byte for byte (`audit verify` and `init` may be pointed at anything).
@Suite("Store: opening files that are not stores")
struct OpeningTests {
    /// What kind of file sits at the path.
    enum Foreign: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case empty, foreignDatabase, notSQLite, otherFormat, earlierRelease

        var testDescription: String { rawValue }

        func write(to path: String) throws {
            switch self {
            case .empty:
                #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            case .notSQLite:
                try Data("credit_code,name\n91130227MA0001,宽城县第一小学\n".utf8).write(to: URL(fileURLWithPath: path))
            case .foreignDatabase:
                try Self.database(path, """
                    CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
                    INSERT INTO notes (text) VALUES ('mine, not Spotcheck''s');
                    """)
            case .otherFormat:
                try Self.database(path, """
                    CREATE TABLE store_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    INSERT INTO store_meta VALUES ('format', 'spotcheck-store/99');
                    """)
            case .earlierRelease:
                try Self.database(path, """
                    CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq INTEGER, hash TEXT);
                    CREATE TABLE submissions (submission_id TEXT PRIMARY KEY, payload TEXT);
                    """)
            }
        }

        /// A SQLite database in rollback-journal mode, closed when this returns.
        static func database(_ path: String, _ sql: String) throws {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: sql) }
            try queue.close()
        }
    }

    /// A folder holding one foreign file, its digest and listing taken.
    struct Scene {
        let folder: TemporaryFolder
        let path: String
        let digest: String
        let listing: [String]

        init(_ foreign: Foreign) throws {
            folder = try TemporaryFolder("opening")
            path = folder.file("county.sqlite")
            try foreign.write(to: path)
            digest = try SHA256.file(path)
            listing = try folder.contents()
        }

        func expectUntouched(sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try SHA256.file(path) == digest, "the file changed", sourceLocation: sourceLocation)
            #expect(try folder.contents() == listing, "files appeared beside it", sourceLocation: sourceLocation)
        }
    }

    static func expectRefusedToOpen(_ path: String, _ mode: Store.Mode, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Store.open(path, mode: mode, clock: fixedClock)
            Issue.record("opened \(path) in mode \(mode)", sourceLocation: sourceLocation)
        } catch {
            #expect([.notAStore, .cannotOpen].contains(error.kind), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("read-only opening refuses what is not a store and changes nothing", arguments: Foreign.allCases)
    func readOnlyRefuses(_ foreign: Foreign) throws {
        let scene = try Scene(foreign)
        Self.expectRefusedToOpen(scene.path, .readOnly)
        try scene.expectUntouched()
    }

    @Test("opening for writing refuses what is not a store and changes nothing", arguments: Foreign.allCases)
    func openRefuses(_ foreign: Foreign) throws {
        let scene = try Scene(foreign)
        Self.expectRefusedToOpen(scene.path, .open)
        try scene.expectUntouched()
    }

    @Test("creating refuses a file that is not empty and not a store, and changes nothing",
          arguments: [Foreign.foreignDatabase, .notSQLite, .otherFormat, .earlierRelease])
    func createRefuses(_ foreign: Foreign) throws {
        let scene = try Scene(foreign)
        Self.expectRefusedToOpen(scene.path, .create)
        try scene.expectUntouched()
    }

    @Test("creating accepts an empty file and makes it a store")
    func createOnEmptyFile() throws {
        let scene = try Scene(.empty)
        let store = try Store.open(scene.path, mode: .create, clock: fixedClock)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.verifyAudit().ok)
        try County.kuancheng.seedDraw(store)
        #expect(try Store.open(scene.path, mode: .open, clock: fixedClock).tasks(jurisdiction: County.kuancheng.code).count == 3)
    }

    @Test("the foreign database's own data is still there after every refusal")
    func foreignDataSurvives() throws {
        let scene = try Scene(.foreignDatabase)
        for mode in [Store.Mode.readOnly, .open, .create] { Self.expectRefusedToOpen(scene.path, mode) }
        let queue = try DatabaseQueue(path: scene.path)
        defer { try? queue.close() }
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT text FROM notes") } == ["mine, not Spotcheck's"])
    }

    @Test("opening a missing file refuses and creates nothing", arguments: [Store.Mode.open, .readOnly])
    func missingFile(_ mode: Store.Mode) throws {
        let folder = try TemporaryFolder("missing")
        let path = folder.file("nowhere.sqlite")
        do {
            _ = try Store.open(path, mode: mode, clock: fixedClock)
            Issue.record("opened a missing file")
        } catch {
            #expect(error.kind == .cannotOpen, "\(error)")
        }
        #expect(try folder.contents().isEmpty)
    }

    @Test("a PostgreSQL URL where no server answers is refused, its password in no message", arguments: [Store.Mode.create, .open, .readOnly])
    func postgresURLWithoutServer(_ mode: Store.Mode) {
        do {
            _ = try Store.open("postgresql://spotcheck:s3cret-pw@127.0.0.1:1/county", mode: mode)
            Issue.record("opened a PostgreSQL URL where no server listens")
        } catch {
            #expect(error.kind == .cannotOpen, "\(error)")
            #expect(error.message.en.contains("postgresql://spotcheck:***@127.0.0.1:1/county"), "\(error)")
            #expect(!error.message.en.contains("s3cret") && !error.message.zh.contains("s3cret"), "\(error)")
        }
    }

    @Test("create makes a store in WAL mode; open and read-only open it again; read-only writes nothing")
    func createThenOpen() throws {
        let folder = try TemporaryFolder("create")
        let path = folder.file("sub/dir/county.sqlite")
        let county = County.kuancheng
        do {
            let store = try Store.open(path, mode: .create, clock: fixedClock)
            #expect(store.location == path)
            #expect(try store.journalMode() == "wal")
            #expect(try store.integrityCheck() == "ok")
            #expect(!Store.schemaMigrations.isEmpty)
            try county.seedDraw(store)
        }
        do {
            let again = try Store.open(path, mode: .create, clock: fixedClock)
            #expect(try again.tasks(jurisdiction: county.code).count == 3)
            let opened = try Store.open(path, mode: .open, clock: fixedClock)
            #expect(try opened.auditEntries(jurisdiction: county.code).count == 2)
        }
        let digest = try SHA256.file(path)
        do {
            let readOnly = try Store.open(path, mode: .readOnly, clock: fixedClock)
            #expect(try readOnly.verifyAudit().ok)
            #expect(try readOnly.tasks(jurisdiction: county.code).count == 3)
            let before = try AuditSnapshot(readOnly, [county.code])
            do {
                try readOnly.recordConfirmation(ConfirmationRecord(jurisdiction: county.code, taskID: county.taskID(1),
                                                                   department: "education", decision: .confirmed, reason: nil,
                                                                   decidedOn: "2024-05-07"), by: County.clerk)
                Issue.record("a read-only store wrote")
            } catch {
                #expect(error.kind == .database, "\(error)")
            }
            #expect(try AuditSnapshot(readOnly, [county.code]) == before)
        }
        #expect(try SHA256.file(path) == digest)
    }
}
