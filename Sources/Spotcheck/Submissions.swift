import Compliance
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// What became of a submitted findings file.
public struct SubmissionOutcome: Sendable {
    public var taskID: String
    public var checklist: String
    public var version: Int
    /// The same submission id was received before: nothing new was stored.
    public var duplicate: Bool
    public var evaluation: Evaluation?
    public var warnings: [Diagnostic]
}

extension CountyOffice {
    /// Receives one findings file: it must name a drawn task, its entity,
    /// a department joining the plan with one of that department's
    /// checklists, and inspectors from that department's team. A valid
    /// submission is stored (a resubmission is a new version), evaluated,
    /// and its referrals recorded; an invalid one is refused with
    /// diagnostics and nothing is written.
    public func submit(findingsText text: String, path: String, submissionID: String, receivedOn: CivilDate) throws(LifecycleError) -> SubmissionOutcome {
        var d = Diagnostics()
        guard let file = YAMLFile.parse(text, path: path, diagnostics: &d) else { throw LifecycleError(d.all) }
        let lookup: FindingsLoader.EntityLookup = { [self] id in (try? self.entity(id)) ?? nil }
        guard let f = FindingsLoader.load(file, entities: lookup, diagnostics: &d) else { throw LifecycleError(d.all) }
        let place = Place(path: path, line: 1, column: 1)
        guard let plan = f.plan, let taskName = f.task else {
            throw LifecycleError(place, zh: "提交的检查记录须写明 plan 和 task", en: "a submission must name its plan and task")
        }
        let taskID = taskName.hasPrefix(plan + "/") ? taskName : "\(plan)/\(taskName)"
        guard let task = try? store.task(taskID) else {
            throw LifecycleError(place, zh: "任务“\(taskID)”不在任何抽取结果中：该对象未被抽中，不能提交", en: "task '\(taskID)' is in no draw: the entity was not drawn")
        }
        guard task.entityKey == f.entityID else {
            throw LifecycleError(f.entityPlace, zh: "对象“\(f.entityID)”不是任务“\(taskID)”抽中的对象（应为 \(task.entityKey)）",
                                 en: "entity '\(f.entityID)' is not the entity drawn for task '\(taskID)' (\(task.entityKey))")
        }
        let teams = teams(of: task)
        guard let team = teams[f.department.value] else {
            throw LifecycleError(f.department.place, zh: "部门“\(f.department.value)”不参与本次抽查", en: "department '\(f.department.value)' does not join this plan")
        }
        if f.inspectors.isEmpty {
            throw LifecycleError(place, zh: "检查记录须列出检查人员（inspectors）", en: "the findings must list the inspectors")
        }
        for i in f.inspectors where !team.contains(i.value) {
            throw LifecycleError(i.place, zh: "检查人员“\(i.value)”不在本任务“\(f.department.value)”的检查组中（\(team.joined(separator: "、"))）",
                                 en: "inspector '\(i.value)' is not on this task's \(f.department.value) team (\(team.joined(separator: ", ")))")
        }
        if let p = rulebook.plan(plan), !(p.checklists[f.department.value] ?? []).contains(f.checklist.value) {
            throw LifecycleError(f.checklist.place, zh: "清单“\(f.checklist.value)”不在本计划为该部门指定的清单中", en: "checklist '\(f.checklist.value)' is not one the plan gives this department")
        }
        // Evaluate before storing: findings that do not fit their checklist are refused whole.
        guard let evaluation = workspace.interpreter.evaluate(f, diagnostics: &d) else { throw LifecycleError(d.all) }
        let record = SubmissionRecord(submissionID: submissionID, taskID: taskID, department: f.department.value,
                                      checklist: f.checklist.value, inspectors: f.inspectors.map(\.value),
                                      inspectedOn: f.inspectedOn.description, payload: text)
        do {
            let json = EvaluationOutput.json(evaluation, checklist: rulebook.checklist(evaluation.checklist)).serialized(pretty: false)
            // Submission, evaluation and referrals go in together or not at all.
            let result = try store.submitEvaluated(record, evaluation: { version in
                EvaluationRecord(submissionID: submissionID, taskID: taskID, checklist: f.checklist.value, version: version,
                                 resultCode: evaluation.result?.code ?? "", violations: evaluation.violations, json: json,
                                 enteredOn: receivedOn.description)
            }, referrals: { _ in
                evaluation.referrals.enumerated().map { k, r in
                    ReferralRecord(id: "\(submissionID)#\(k + 1)", submissionID: submissionID, taskID: taskID, to: r.to,
                                   kind: r.kind.rawValue, items: r.items, due: r.due?.description, status: .open)
                }
            })
            let (version, duplicate): (Int, Bool)
            switch result {
            case .stored(let v): (version, duplicate) = (v, false)
            case .duplicate(let v): (version, duplicate) = (v, true)
            }
            return SubmissionOutcome(taskID: taskID, checklist: f.checklist.value, version: version, duplicate: duplicate,
                                     evaluation: evaluation, warnings: d.all)
        } catch {
            throw LifecycleError(place, zh: "保存失败：\(error)", en: "could not store the submission: \(error)")
        }
    }
}
