import ArgumentParser
import Foundation
import Store

/// `spotcheck store-crash-probe` (hidden): a batch import slow enough to be
/// killed in the middle, for the test that shows a crash during a batch
/// leaves the store as it was before the batch.
///
/// It records a plan, a draw and a task (each committed on its own), then
/// imports `--count` submissions for that task in ONE transaction, sleeping
/// about 2 ms per row; after half of them it writes `--marker`, so that a
/// test knows the transaction is under way, and at the end it commits.
struct StoreCrashProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-crash-probe",
        abstract: "Import a slow batch of submissions in one transaction (crash test).",
        shouldDisplay: false)

    static let planID = "store-crash-probe"
    static let drawID = "store-crash-probe-draw"
    static let taskID = "store-crash-probe-task"
    static let checklist = "probe.checklist"

    @Option(help: "The store's database file (created if missing).")
    var db: String

    @Option(help: "How many submissions the batch holds.")
    var count: Int

    @Option(help: "A file written once half the batch is inserted, before the commit.")
    var marker: String

    @Option(help: "The prefix of the submission ids (<prefix>-<n>).")
    var prefix: String = "probe"

    @Option(help: "Milliseconds to sleep after each row.")
    var sleepMs: Int = 2

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard sleepMs >= 0 else { throw ValidationError("--sleep-ms must not be negative") }
    }

    func run() throws {
        let store = try Store(path: db)
        let zeros = String(repeating: "0", count: 64)
        try store.recordPlan(id: Self.planID, title: "store crash probe", planSHA256: zeros, rulesSHA256: zeros)
        try store.recordDraw(DrawRecord(id: Self.drawID, planID: Self.planID, seed: "0", certificateJSON: "{}",
                                        createdAt: "2024-01-01T00:00:00Z"))
        try store.recordTasks([TaskRecord(id: Self.taskID, drawID: Self.drawID, planID: Self.planID,
                                          entityKey: "probe-entity", teamsJSON: "{}", checklistsJSON: "[]",
                                          confirmedDue: "2024-01-03")])
        let batch = (1...count).map { n in
            SubmissionRecord(submissionID: "\(prefix)-\(n)", taskID: Self.taskID, department: "probe",
                             checklist: Self.checklist, inspectors: ["inspector-a", "inspector-b"],
                             inspectedOn: "2024-01-02", payload: "{\"n\": \(n)}")
        }
        let half = max(1, count / 2)
        let marker = self.marker
        let sleepMicroseconds = UInt32(sleepMs * 1000)
        let results = try store.submitBatch(batch) { done in
            if sleepMicroseconds > 0 { usleep(sleepMicroseconds) }
            if done == half {
                _ = FileManager.default.createFile(atPath: marker, contents: Data("\(done)\n".utf8))
            }
        }
        let stored = results.filter { if case .stored = $0 { return true } else { return false } }.count
        print("committed \(results.count) submissions (\(stored) new)")
    }
}
