import Compliance
import Directories
import Draw
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// The spot-check lifecycle of one county on its store (SPEC.md §1, §9):
/// directories in, plans drawn, tasks recorded, findings submitted and
/// evaluated, referrals tracked, results disclosed, statistics reported.
/// Every step is one store transaction with its audit entry.
public final class CountyOffice: Sendable {
    public let workspace: Workspace
    public let store: Store

    public init(workspace: Workspace, store: Store) {
        self.workspace = workspace
        self.store = store
    }

    public var rulebook: Rulebook { workspace.rulebook }

    // MARK: - Directories

    /// Imports entity CSV files (merged) and the inspector CSV into the store,
    /// each directory in one transaction: a bad row refuses the whole import.
    public func importDirectories(entities: [String], inspectors: String) throws -> (entities: Int, inspectors: Int) {
        var rows: [DirectoryRow] = []
        var hashes: [String] = []
        for path in entities {
            let imported = try workspace.importEntities(path)
            try Self.refuseOnErrors(imported)
            rows += imported.rows
            hashes.append(Self.fileSHA256(path))
        }
        let people = try workspace.importInspectors(inspectors)
        try Self.refuseOnErrors(people)
        _ = try store.importDirectory("entities", rows: rows.map(Self.record), sourceSHA256: hashes.joined(separator: "+"))
        _ = try store.importDirectory("inspectors", rows: people.rows.map(Self.record), sourceSHA256: Self.fileSHA256(inspectors))
        return (rows.count, people.rows.count)
    }

    static func refuseOnErrors(_ i: Directories.DirectoryImport) throws {
        let errors = i.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw LifecycleError(errors.map { Diagnostic(path: $0.path, line: $0.line, column: $0.column, LocalizedText(zh: $0.messageZH, en: $0.messageEN)) })
        }
    }

    static func record(_ row: DirectoryRow) -> DirectoryRecord {
        DirectoryRecord(key: row.key, json: DatumJSON.encode(.map(DirectoryData.record(row))))
    }

    static func fileSHA256(_ path: String) -> String {
        sha256Hex(FileManager.default.contents(atPath: path) ?? Data())
    }

    /// An entity as data, from the store's directory.
    public func entity(_ key: String) throws -> [String: Datum]? {
        guard let r = try store.directoryRow("entities", key: key), case .map(let m) = DatumJSON.decode(r.json) else { return nil }
        return m
    }

    public func inspector(_ key: String) throws -> [String: Datum]? {
        guard let r = try store.directoryRow("inspectors", key: key), case .map(let m) = DatumJSON.decode(r.json) else { return nil }
        return m
    }

    // MARK: - Draws and tasks

    /// Records a finished draw and its tasks. Task ids are `<plan>/<T-nnnn>`;
    /// each task's list confirmation is due `confirm_within_working_days`
    /// after the draw.
    public func record(_ outcome: PlanDrawOutcome, drawnOn: CivilDate) throws {
        let plan = outcome.plan
        let rulesHash = sha256Hex(Data(rulebook.fileHashes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined().utf8))
        try store.recordPlan(id: plan.id, title: plan.title, planSHA256: plan.sha256, rulesSHA256: rulesHash)
        let drawID = "\(plan.id)/\(outcome.certificate.key.prefix(12))"
        let certificate = String(decoding: try outcome.file.jsonData(), as: UTF8.self)
        try store.recordDraw(DrawRecord(id: drawID, planID: plan.id, seed: outcome.certificate.seed.description,
                                        certificateJSON: certificate, createdAt: drawnOn.description))
        let confirmDue = try rulebook.calendar?.addingWorkingDays(plan.confirmWithinWorkingDays, to: drawnOn)
        let tasks = outcome.tasks.map { t in
            let teams = Dictionary(uniqueKeysWithValues: t.teams.map { ($0.department, $0.inspectors) })
            return TaskRecord(id: "\(plan.id)/\(t.id)", drawID: drawID, planID: plan.id, entityKey: t.entity,
                              teamsJSON: DatumJSON.encode(.map(teams.mapValues { .list($0.map { .string($0) }) })),
                              checklistsJSON: DatumJSON.encode(.map(plan.checklists.mapValues { .list($0.map { .string($0) }) })),
                              confirmedDue: confirmDue?.description ?? "")
        }
        try store.recordTasks(tasks)
    }

    /// A joining department confirms the drawn list for its part of a task
    /// (各部门在两个工作日内完成比对和确认).
    public func confirm(task: String, department: String, on day: CivilDate) throws {
        guard let t = try store.task(task) else {
            throw LifecycleError(Place(path: task, line: 1, column: 1), zh: "没有任务“\(task)”", en: "no task '\(task)'")
        }
        guard teams(of: t)[department] != nil else {
            throw LifecycleError(Place(path: task, line: 1, column: 1), zh: "部门“\(department)”不参与任务“\(task)”", en: "department '\(department)' has no part in task '\(task)'")
        }
        try store.confirmTask(TaskConfirmation(taskID: task, department: department, confirmedOn: day.description))
    }

    /// The inspectors of each department on a task.
    public func teams(of task: TaskRecord) -> [String: [String]] {
        guard case .map(let m) = DatumJSON.decode(task.teamsJSON) else { return [:] }
        return m.compactMapValues { v in
            guard case .list(let l) = v else { return nil }
            return l.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
    }
}

/// Problems that stop a lifecycle step, as diagnostics.
public struct LifecycleError: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ place: Place, zh: String, en: String) { diagnostics = [Diagnostic(place, zh: zh, en: en)] }
    public var description: String { diagnostics.map { $0.formatted(.en) }.joined(separator: "\n") }
}
