import Foundation
import Store

/// A fixed clock: the tests' timestamps never depend on the time they run.
let fixedNow = "2024-05-06T07:08:09Z"
let fixedClock: @Sendable () -> String = { fixedNow }

/// A fresh folder under the system's temporary directory, removed by the caller.
func temporaryDirectory(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("spotcheck-store-\(safe)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let plan = "2024-county-canteens"
let drawID = "draw-1"

/// A plan, a draw and three tasks, as the lifecycle would record them.
func seed(_ store: Store) throws {
    try store.recordPlan(id: plan, title: "学校食堂联合抽查", planSHA256: String(repeating: "a", count: 64),
                         rulesSHA256: String(repeating: "b", count: 64))
    try store.recordDraw(DrawRecord(id: drawID, planID: plan, seed: "20240506", certificateJSON: #"{"seed":"20240506"}"#,
                                    createdAt: fixedNow))
    try store.recordTasks(["t1", "t2", "t3"].map { id in
        TaskRecord(id: id, drawID: drawID, planID: plan, entityKey: "entity-\(id)",
                   teamsJSON: #"{"education":["e1","e2"]}"#, checklistsJSON: #"["education.school_canteen"]"#,
                   confirmedDue: "2024-05-08")
    })
}

func submission(_ id: String, task: String = "t1", checklist: String = "education.school_canteen",
                payload: String = "extinguishers_valid: true") -> SubmissionRecord {
    SubmissionRecord(submissionID: id, taskID: task, department: "education", checklist: checklist,
                     inspectors: ["e1", "e2"], inspectedOn: "2024-05-07", payload: payload)
}
