// store-crash-probe: a batch of submissions slow enough to be killed in the
// middle, for the StoreTests crash test (a crash during a batch leaves the
// store as it was before the batch).
//
//   store-crash-probe --db PATH|URL --marker PATH [--count N] [--prefix P] [--sleep-ms MS]
//
// `--db` is a SQLite file or a PostgreSQL URL (postgresql://user@host:port/db,
// or postgresql://user@/db?host=/socket/dir&port=P), an empty database
// being made a store. It opens (or creates) the store, records the probe's plan, draw and task
// (each committed on its own; already there on a second run), then stores
// `--count` submissions for that task in ONE `submitBatch` transaction,
// sleeping `--sleep-ms` after each; once half of them are in it writes
// `--marker`, so the test knows the transaction is under way. At the end
// the batch commits and the probe prints how many were stored.

import Foundation
import Store

enum Probe {
    static let jurisdiction = "probe-county"
    static let planID = "store-crash-probe"
    static let drawID = "store-crash-probe-draw"
    static let taskID = "store-crash-probe-task"
    static let checklist = "probe.checklist"
    static let actor = "store-crash-probe"
}

struct Options {
    var db = ""
    var marker = ""
    var count = 1000
    var prefix = "probe"
    var sleepMs = 2

    static func parse(_ arguments: [String]) -> Options? {
        var o = Options()
        var i = 0
        while i < arguments.count {
            guard i + 1 < arguments.count else { return nil }
            let value = arguments[i + 1]
            switch arguments[i] {
            case "--db": o.db = value
            case "--marker": o.marker = value
            case "--count": guard let n = Int(value), n >= 1 else { return nil }; o.count = n
            case "--prefix": o.prefix = value
            case "--sleep-ms": guard let n = Int(value), n >= 0 else { return nil }; o.sleepMs = n
            default: return nil
            }
            i += 2
        }
        return o.db.isEmpty || o.marker.isEmpty ? nil : o
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("store-crash-probe: \(message)\n".utf8))
    exit(1)
}

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else {
    fail("usage: store-crash-probe --db PATH|URL --marker PATH [--count N] [--prefix P] [--sleep-ms MS]")
}

do {
    let store = try Store.open(options.db, mode: .create)
    let zeros = String(repeating: "0", count: 64)
    let plan = try store.recordPlanVersion(PlanVersionRecord(
        jurisdiction: Probe.jurisdiction, planID: Probe.planID, title: "store crash probe", planSHA256: zeros,
        rulesSHA256: zeros, planText: "id: store-crash-probe\n", revisedOn: nil, reason: nil), by: Probe.actor)
    if try store.draw(jurisdiction: Probe.jurisdiction, id: Probe.drawID) == nil {
        let draw = DrawRecord(id: Probe.drawID, jurisdiction: Probe.jurisdiction, planID: Probe.planID,
                              planVersion: plan.version, seed: "0", certificateJSON: "{}", drawnOn: "2024-01-01")
        let task = TaskRecord(id: Probe.taskID, jurisdiction: Probe.jurisdiction, drawID: Probe.drawID, planID: Probe.planID,
                              entityKey: "probe-entity", entityName: "probe entity", teamsJSON: "{}",
                              checklistsJSON: "{}", confirmDue: "2024-01-03")
        try store.recordDraw(draw, tasks: [task], by: Probe.actor)
    }
    let batch = (1...options.count).map { n in
        let submission = SubmissionRecord(
            submissionID: "\(options.prefix)-\(n)", jurisdiction: Probe.jurisdiction, taskID: Probe.taskID,
            department: "probe", checklist: Probe.checklist, inspectors: ["inspector-a", "inspector-b"],
            inspectedOn: "2024-01-02", receivedOn: "2024-01-02", payload: "{\"n\": \(n)}")
        return EvaluatedSubmission(
            submission: submission,
            evaluation: { version in
                EvaluationRecord(jurisdiction: Probe.jurisdiction, submissionID: submission.submissionID,
                                 taskID: Probe.taskID, planID: Probe.planID, department: "probe",
                                 checklist: Probe.checklist, version: version, resultCode: "compliant", resultRank: 0,
                                 violations: [], document: "{}", enteredOn: "2024-01-02")
            },
            referrals: { _ in [] })
    }
    let half = max(1, options.count / 2)
    let marker = options.marker
    let pause = UInt32(options.sleepMs * 1000)
    let results = try store.submitBatch(batch, by: Probe.actor) { done in
        if pause > 0 { usleep(pause) }
        if done == half {
            _ = FileManager.default.createFile(atPath: marker, contents: Data("\(done)\n".utf8))
        }
    }
    var stored = 0
    for result in results {
        switch result {
        case .success(.stored): stored += 1
        case .success(.duplicate): break
        case .failure(let error): fail("a submission of the batch was refused: \(error)")
        }
    }
    print("committed \(results.count) submissions (\(stored) new)")
} catch {
    fail("\(error)")
}
