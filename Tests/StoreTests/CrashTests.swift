import Foundation
@testable import Store
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Where the probe's store lives: a SQLite file not yet made, or an empty
/// PostgreSQL database.
struct CrashTarget: Sendable, CustomTestStringConvertible {
    let name: String
    /// The location to hand the probe, and how to remove it afterwards.
    let make: @Sendable (TemporaryFolder) throws -> (location: String, remove: @Sendable () -> Void)

    var testDescription: String { name }

    static let sqliteFile = CrashTarget(name: "SQLite file") { folder in (folder.file("store.sqlite"), {}) }
    static let postgres = CrashTarget(name: "PostgreSQL") { _ in
        let database = try TestDatabase()
        return (database.url, { database.drop() })
    }

    static let all: [CrashTarget] = [.sqliteFile] + (TestServer.casesRun ? [.postgres] : [])
}

/// A batch killed in the middle (SIGKILL) leaves the store as it was before
/// the batch. The child process is the `store-crash-probe` executable
/// (Sources/StoreCrashProbe), built with the package.
@Suite("Store: a crash in the middle of a batch", .serialized)
struct CrashTests {
    static let count = 1_000
    static let jurisdiction = "probe-county"
    static let taskID = "store-crash-probe-task"
    static let checklist = "probe.checklist"

    /// The probe beside the test bundle (the scratch path's debug folder),
    /// else in the package's .build/debug, else where STORE_CRASH_PROBE says.
    static func probe() throws -> URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("store-crash-probe")
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var candidates = [besideTests, Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("store-crash-probe"),
                          packageRoot.appendingPathComponent(".build/debug/store-crash-probe")]
        if let path = ProcessInfo.processInfo.environment["STORE_CRASH_PROBE"] {
            candidates.insert(URL(fileURLWithPath: path), at: 0)
        }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "no store-crash-probe at \(candidates.map(\.path)): build the package first")
    }

    static func launch(db: String, marker: String, prefix: String, log: String) throws -> Process {
        let process = Process()
        process.executableURL = try probe()
        process.arguments = ["--db", db, "--count", String(count), "--marker", marker, "--prefix", prefix, "--sleep-ms", "2"]
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = process.standardOutput
        try process.run()
        return process
    }

    /// Waits for the child to exit; SIGKILLs it if it has not after `seconds`
    /// (a child of a test ignores SIGTERM: it inherits a blocked signal mask).
    @discardableResult
    static func wait(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let exited = !process.isRunning
        if !exited { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return exited
    }

    static func batch(_ store: Store, prefix: String) throws -> [SubmissionRecord] {
        try store.submissions(jurisdiction: jurisdiction, task: taskID, checklist: checklist)
            .filter { $0.submissionID.hasPrefix(prefix + "-") }
    }

    /// On PostgreSQL: waits until no other session is left inside a
    /// transaction on the database (the killed probe's, which the server
    /// ends when it sees the socket close); returns how many are left.
    static func openTransactions(_ url: String) throws -> Int {
        let backend = PostgresBackend(location: try PostgresLocation.parse(url), readOnly: true, connections: 1)
        defer { backend.pool.close() }
        let deadline = Date().addingTimeInterval(10)
        while true {
            let n = try backend.transaction(.read) { tx in
                try tx.int("""
                    SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                      AND state LIKE 'idle in transaction%'
                    """) ?? 0
            }
            if n == 0 || Date() > deadline { return n }
            usleep(50_000)
        }
    }

    @Test("SIGKILL in the middle of the batch: the store is sound, its log verifies, none of the batch is in; run again, all of it is",
          arguments: CrashTarget.all)
    func killedMidBatch(_ target: CrashTarget) throws {
        let folder = try TemporaryFolder("crash")
        let (db, remove) = try target.make(folder)
        defer { remove() }
        let log = folder.file("probe.log")

        let marker = folder.file("marker")
        let process = try Self.launch(db: db, marker: marker, prefix: "batch", log: log)
        // A tight poll: the kill must land while the transaction is open.
        let deadline = Date().addingTimeInterval(180)
        while !FileManager.default.fileExists(atPath: marker) && process.isRunning && Date() < deadline { usleep(1_000) }
        let markerSeen = FileManager.default.fileExists(atPath: marker)
        if markerSeen { kill(process.processIdentifier, SIGKILL) }
        Self.wait(process, seconds: 30)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try #require(markerSeen, "the probe never reached the middle of its batch: \(output)")
        #expect(process.terminationReason == .uncaughtSignal, "the probe finished before the kill: \(output)")
        #expect(process.terminationStatus == SIGKILL)
        #expect(!output.contains("committed"), "\(output)")

        // Opening recovers from the WAL (SQLite) or finds the killed session's transaction
        // rolled back (PostgreSQL): the store is sound, its log verifies, the batch is out,
        // what was committed before it (plan, draw with its task) is in.
        if target.name == CrashTarget.postgres.name { #expect(try Self.openTransactions(db) == 0) }
        do {
            let store = try Store.open(db, mode: .open, clock: fixedClock)
            #expect(try store.integrityCheck() == "ok")
            let report = try store.verifyAudit()
            #expect(report.ok, "\(report.problems.map(describe))")
            #expect(try Self.batch(store, prefix: "batch").isEmpty)
            #expect(try store.auditEntries(jurisdiction: Self.jurisdiction).map(\.action) == ["plan_version", "draw"])
            #expect(try store.task(jurisdiction: Self.jurisdiction, id: Self.taskID) != nil)
        }

        // The same run, not killed, puts the whole batch in.
        let rerun = try Self.launch(db: db, marker: folder.file("marker2"), prefix: "batch", log: log)
        #expect(Self.wait(rerun, seconds: 180), "the probe did not finish")
        let rerunOutput = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(rerun.terminationReason == .exit && rerun.terminationStatus == 0, "\(rerunOutput)")
        #expect(rerunOutput.contains("committed \(Self.count) submissions (\(Self.count) new)"), "\(rerunOutput)")
        #expect(FileManager.default.fileExists(atPath: folder.file("marker2")))

        let store = try Store.open(db, mode: .open, clock: fixedClock)
        #expect(try store.integrityCheck() == "ok")
        let stored = try Self.batch(store, prefix: "batch")
        #expect(stored.count == Self.count)
        #expect(stored.map(\.version) == Array(1...Self.count))
        #expect(Set(stored.map(\.submissionID)) == Set((1...Self.count).map { "batch-\($0)" }))
        let report = try store.verifyAudit()
        #expect(report.ok, "\(report.problems.map(describe))")
        #expect(report.count == 2 + 2 * Self.count)
    }
}
