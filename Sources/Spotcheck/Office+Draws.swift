import Draw
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

extension CountyOffice {
    /// Draws one of this jurisdiction's plans from the store's current
    /// directories and records it: the plan version (a changed plan must say
    /// when and why it changed), the draw with its certificate, and its tasks
    /// (一校一表), each list confirmation due `confirm_within_working_days`
    /// after the draw. A plan is drawn once.
    public func draw(plan planID: String, seed: Seed, on day: CivilDate, by actor: String) throws(LifecycleError) -> PlanDrawOutcome {
        let plan = try self.plan(planID)
        if let earlier = try storeCall({ () throws(StoreError) in try store.draws(jurisdiction: id, plan: plan.id) }).first {
            throw LifecycleError(plan.place, zh: "计划“\(plan.id)”已于 \(earlier.drawnOn) 抽取（\(earlier.id)），不能重复抽取",
                                 en: "plan '\(plan.id)' was drawn on \(earlier.drawnOn) (\(earlier.id)) and cannot be drawn again")
        }
        // The directories are read from the store in one pass each, never held whole.
        for kind in [DirectoryKind.entities, .inspectors] {
            let rows = try storeCall({ () throws(StoreError) in try store.directoryImports(kind, jurisdiction: id) }).last?.rowCount ?? 0
            if rows == 0 {
                throw LifecycleError(plan.place, zh: "辖区“\(id)”的数据库中还没有\(kind == .entities ? "检查对象" : "执法检查人员")名录（请先运行 spotcheck import）",
                                     en: "the store has no \(kind == .entities ? "entity" : "inspector") directory for '\(id)' yet (run spotcheck import first)")
            }
        }
        let request = PlanDrawRequest(entities: StoreDirectory(store: store, kind: .entities, jurisdiction: id),
                                      inspectors: StoreDirectory(store: store, kind: .inspectors, jurisdiction: id), seed: seed)
        let outcome: PlanDrawOutcome
        do { outcome = try PlanDraw.run(request, plan: plan, in: workspace) } catch { throw LifecycleError(error.diagnostics) }
        try record(outcome, drawnOn: day, by: actor)
        return outcome
    }

    /// Records a finished draw of one of this jurisdiction's plans.
    public func record(_ outcome: PlanDrawOutcome, drawnOn day: CivilDate, by actor: String) throws(LifecycleError) {
        let plan = try self.plan(outcome.plan.id)
        let version = try recordPlanVersion(plan, by: actor)
        let drawID = "\(plan.id)/draw-\(outcome.certificate.key.prefix(12))"
        let certificate: String
        do { certificate = String(decoding: try outcome.certificateJSON(), as: UTF8.self) } catch {
            throw LifecycleError(plan.place, zh: "无法写出抽取证书", en: "cannot write the draw certificate")
        }
        let confirmDue = try addingWorkingDays(plan.confirmWithinWorkingDays, to: day, at: plan.place)
        let checklists = DatumJSON.encode(.map(plan.checklists.mapValues { .list($0.map { .string($0) }) }))
        let tasks = outcome.tasks.map { t in
            let teams = Dictionary(uniqueKeysWithValues: t.teams.map { ($0.department, $0.inspectors) })
            let name = outcome.entities[t.entity]?["name"]?.canonicalText ?? t.entity
            return TaskRecord(id: "\(plan.id)/\(t.id)", jurisdiction: id, drawID: drawID, planID: plan.id, entityKey: t.entity,
                              entityName: name, teamsJSON: DatumJSON.encode(.map(teams.mapValues { .list($0.map { .string($0) }) })),
                              checklistsJSON: checklists, confirmDue: confirmDue.description)
        }
        let draw = DrawRecord(id: drawID, jurisdiction: id, planID: plan.id, planVersion: version.version,
                              seed: outcome.certificate.seed.description, certificateJSON: certificate, drawnOn: day.description)
        _ = try storeCall({ () throws(StoreError) in try store.recordDraw(draw, tasks: tasks, by: actor) }, at: plan.place)
    }

    /// Records the plan's file as a version in the store (the same file again is the same version).
    @discardableResult
    public func recordPlanVersion(_ plan: Plan, by actor: String) throws(LifecycleError) -> PlanVersionRecord {
        guard let text = try? String(contentsOfFile: plan.path, encoding: .utf8) else {
            throw LifecycleError(plan.place, zh: "无法读取计划文件", en: "cannot read the plan file")
        }
        let record = PlanVersionRecord(jurisdiction: id, planID: plan.id, title: plan.title, planSHA256: plan.sha256,
                                       rulesSHA256: rulesSHA256, planText: text, revisedOn: plan.revision?.on.description,
                                       reason: plan.revision?.reason)
        return try storeCall({ () throws(StoreError) in try store.recordPlanVersion(record, by: actor) }, at: plan.place)
    }

    /// The digest of every rule file the workspace was loaded from.
    var rulesSHA256: String {
        sha256Hex(Data(rulebook.fileHashes.sorted { $0.key < $1.key }.map { "\(($0.key as NSString).lastPathComponent) \($0.value)\n" }.joined().utf8))
    }

    // MARK: - List confirmation (比对和确认)

    /// A joining department's decision on its part of a drawn task: confirmed,
    /// or rejected with a reason (the entity has closed, moved, is not in scope).
    public func confirm(task taskID: String, department: String, decision: ConfirmationRecord.Decision = .confirmed,
                        reason: String? = nil, on day: CivilDate, by actor: String) throws(LifecycleError) {
        let at = Place(path: taskID, line: 1, column: 1)
        guard let task = try storeCall({ () throws(StoreError) in try store.task(jurisdiction: id, id: taskID) }) else {
            throw LifecycleError(at, zh: "辖区“\(id)”没有任务“\(taskID)”", en: "jurisdiction '\(id)' has no task '\(taskID)'")
        }
        guard teams(of: task)[department] != nil else {
            let joining = teams(of: task).keys.sorted()
            throw LifecycleError(at, zh: "部门“\(department)”不参与任务“\(taskID)”（参与部门：\(joining.joined(separator: "、"))）",
                                 en: "department '\(department)' has no part in task '\(taskID)' (departments: \(joining.joined(separator: ", ")))")
        }
        let record = ConfirmationRecord(jurisdiction: id, taskID: taskID, department: department, decision: decision,
                                        reason: reason, decidedOn: day.description)
        _ = try storeCall({ () throws(StoreError) in try store.recordConfirmation(record, by: actor) }, at: at)
    }

    /// Each department's latest decision on each task, by `task|department`.
    func latestConfirmations(plan: String? = nil) throws(LifecycleError) -> [String: ConfirmationRecord] {
        var out: [String: ConfirmationRecord] = [:]
        for c in try storeCall({ () throws(StoreError) in try store.confirmations(jurisdiction: id, plan: plan) }) {
            out[c.taskID + "|" + c.department] = c
        }
        return out
    }
}
