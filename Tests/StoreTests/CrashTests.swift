import Foundation
import Testing
import Store
#if canImport(Glibc)
import Glibc
#endif

/// A batch import killed in the middle (SIGKILL) leaves the store as it was
/// before the batch: the child process is the real `spotcheck` executable.
@Suite("Store: a crash during a batch import", .serialized)
struct CrashTests {
    static let count = 1000
    static let taskID = "store-crash-probe-task"
    static let checklist = "probe.checklist"

    /// The `spotcheck` executable next to the test bundle, else in the package's .build/debug.
    static func spotcheck() throws -> URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("spotcheck")
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let inBuild = packageRoot.appendingPathComponent(".build/debug/spotcheck")
        let found = [besideTests, inBuild].first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "no spotcheck executable at \(besideTests.path) or \(inBuild.path): run swift build first")
    }

    static func launchProbe(db: String, marker: String, prefix: String, stderr: URL) throws -> Process {
        let process = Process()
        process.executableURL = try spotcheck()
        process.arguments = ["store-crash-probe", "--db", db, "--count", String(count), "--marker", marker,
                             "--prefix", prefix]
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return process
    }

    static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { return false }
        process.waitUntilExit()
        return true
    }

    static func probeSubmissions(_ store: Store, prefix: String) throws -> [StoredSubmission] {
        try store.submissions(task: taskID, checklist: checklist).filter { $0.submissionID.hasPrefix(prefix + "-") }
    }

    @Test("SIGKILL in the middle of the batch: the store is consistent and the batch wholly out")
    func killedMidBatch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        let marker = dir.appendingPathComponent("marker").path
        let stderr = dir.appendingPathComponent("stderr.txt")

        let process = try Self.launchProbe(db: db, marker: marker, prefix: "killed", stderr: stderr)
        // Blocking poll: the kill must come while the transaction is open.
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: marker) && process.isRunning && Date() < deadline {
            usleep(1_000)
        }
        let markerSeen = FileManager.default.fileExists(atPath: marker)
        if markerSeen { kill(process.processIdentifier, SIGKILL) }
        if !Self.waitForExit(process, seconds: 60) {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
        try #require(markerSeen, "the probe never reached the middle of its batch; stderr: \(errors)")
        #expect(process.terminationReason == .uncaughtSignal,
                "the probe was not killed (it exited with \(process.terminationStatus) before the kill); stderr: \(errors)")
        #expect(process.terminationStatus == SIGKILL)

        // Opening recovers from the WAL; the store is sound, its log verifies, the batch is out.
        let store = try Store(path: db, clock: fixedClock)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.foreignKeyViolations().isEmpty)
        let report = try store.verifyAudit()
        #expect(report.ok, "\(report)")
        #expect(try Self.probeSubmissions(store, prefix: "killed").count == 0)
        #expect(try store.auditEntries().filter { $0.action == "submission.store" }.isEmpty)
        // What was committed before the batch is there: plan, draw, task.
        #expect(try store.task(Self.taskID) != nil)
        #expect(report.count == 3)

        // The store goes on: the same batch, not killed, is wholly in.
        let marker2 = dir.appendingPathComponent("marker2").path
        let rerun = try Self.launchProbe(db: db, marker: marker2, prefix: "killed", stderr: stderr)
        #expect(Self.waitForExit(rerun, seconds: 120))
        #expect(rerun.terminationReason == .exit && rerun.terminationStatus == 0)
        let after = try Self.probeSubmissions(store, prefix: "killed")
        #expect(after.count == Self.count)
        #expect(after.map(\.version) == Array(1...Self.count))
        #expect(try store.verifyAudit().ok)
    }

    @Test("the same batch, not killed, is wholly in")
    func completedBatch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        let marker = dir.appendingPathComponent("marker").path
        let stderr = dir.appendingPathComponent("stderr.txt")

        let process = try Self.launchProbe(db: db, marker: marker, prefix: "whole", stderr: stderr)
        #expect(Self.waitForExit(process, seconds: 120))
        let errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .exit, "stderr: \(errors)")
        #expect(process.terminationStatus == 0, "stderr: \(errors)")
        #expect(FileManager.default.fileExists(atPath: marker), "the probe never wrote its marker")

        let store = try Store(path: db, clock: fixedClock)
        #expect(try store.integrityCheck() == "ok")
        let stored = try Self.probeSubmissions(store, prefix: "whole")
        #expect(stored.count == Self.count)
        #expect(stored.map(\.submissionID).sorted() == (1...Self.count).map { "whole-\($0)" }.sorted())
        let report = try store.verifyAudit()
        #expect(report.ok, "\(report)")
        #expect(report.count == 3 + Self.count)
    }
}
