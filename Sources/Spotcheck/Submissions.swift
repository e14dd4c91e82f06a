import Compliance
import Draw
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// What became of a submitted findings file.
public struct SubmissionOutcome: Sendable {
    public var submissionID: String
    public var taskID: String
    public var checklist: String
    public var version: Int
    /// The same submission id was received before with the same content: nothing new was stored.
    public var duplicate: Bool
    public var evaluation: Evaluation
    /// The evaluation as stored and published (Chinese, with English of published texts).
    public var document: EvaluationDocument
    public var warnings: [Diagnostic]
}

extension CountyOffice {
    /// Receives one findings file (SPEC.md §6): strict findings that fit
    /// their checklist, for a task drawn in this jurisdiction, from a
    /// joining department with one of the plan's checklists for it, naming
    /// at least `min_on_site` inspectors all from that department's drawn
    /// team, inspected inside the plan window and not after the day the
    /// results are entered. A valid submission is evaluated and stored with
    /// its evaluation and referrals in one transaction (a resubmission is a
    /// new version that supersedes the earlier one); an invalid one is
    /// refused whole with diagnostics at their places and nothing is written.
    public func submit(_ bytes: [UInt8], path: String, receivedOn day: CivilDate, by actor: String) throws(LifecycleError) -> SubmissionOutcome {
        let prepared = try prepareSubmission(bytes, path: path, receivedOn: day)
        let result = try storeCall({ () throws(StoreError) in try store.submit(prepared.stored, by: actor) },
                                   at: prepared.findings.submissionID?.place ?? prepared.findings.entityPlace)
        return prepared.outcome(result)
    }

    /// A submission checked and evaluated, ready to store (alone, or in a batch).
    public struct PreparedSubmission: Sendable {
        public var findings: Findings
        public var evaluation: Evaluation
        public var document: EvaluationDocument
        public var stored: EvaluatedSubmission
        public var warnings: [Diagnostic]

        public func outcome(_ result: SubmitResult) -> SubmissionOutcome {
            var duplicate = false
            if case .duplicate = result { duplicate = true }
            return SubmissionOutcome(submissionID: stored.submission.submissionID, taskID: stored.submission.taskID,
                                     checklist: stored.submission.checklist, version: result.version, duplicate: duplicate,
                                     evaluation: evaluation, document: document, warnings: warnings)
        }
    }

    /// Every check of `submit` but the store's, and the evaluation.
    public func prepareSubmission(_ bytes: [UInt8], path: String, receivedOn day: CivilDate) throws(LifecycleError) -> PreparedSubmission {
        try prepareSubmission(try readFindings(bytes, path: path), bytes: bytes, receivedOn: day)
    }

    /// Findings read strictly (SPEC.md §6), their entity looked up in this
    /// jurisdiction's directory and the task they name read; nothing checked
    /// against the task yet (the service first checks that the caller is on
    /// the task's team).
    public func readFindings(_ bytes: [UInt8], path: String) throws(LifecycleError) -> ReadFindings {
        var d = Diagnostics()
        let jurisdiction = id
        let store = self.store
        let lookup: FindingsLoader.EntityLookup = { key throws(FindingsLoader.LookupError) in
            let row: DirectoryRowRecord?
            do throws(StoreError) { row = try store.directoryRow(.entities, jurisdiction: jurisdiction, key: key) } catch {
                throw FindingsLoader.LookupError(error.message)
            }
            guard let row, case .map(let m) = DatumJSON.decode(row.json) else { return nil }
            return m
        }
        guard let f = FindingsLoader.parse(bytes, path: path, entities: lookup, diagnostics: &d) else { throw LifecycleError(d.all) }
        let task = try f.taskID.flatMap { id throws(LifecycleError) in
            try storeCall({ () throws(StoreError) in try store.task(jurisdiction: jurisdiction, id: id) })
        }
        return ReadFindings(findings: f, warnings: d.all, task: task)
    }

    /// Findings as read, with the warnings reading them gave and the task
    /// they name (nil when they name none this jurisdiction drew), read
    /// once for every check that needs it.
    public struct ReadFindings: Sendable {
        public var findings: Findings
        public var warnings: [Diagnostic]
        public var task: TaskRecord?
    }

    /// `submit`'s checks and the evaluation of findings already read from `bytes`.
    public func prepareSubmission(_ read: ReadFindings, bytes: [UInt8], receivedOn day: CivilDate) throws(LifecycleError) -> PreparedSubmission {
        let f = read.findings
        var d = Diagnostics()
        d.append(contentsOf: read.warnings)
        let task = try fitTask(f, task: read.task)
        guard let evaluation = workspace.interpreter.evaluate(f, diagnostics: &d) else { throw LifecycleError(d.all) }
        try fitWindow(f, task: task.plan, receivedOn: day)
        let document = EvaluationDocument(evaluation, rulebook: rulebook, language: .zh, forStore: true)
        let text = String(decoding: bytes, as: UTF8.self)
        let submissionID = f.submissionID?.value ?? Self.derivedSubmissionID(task: task.record.id, checklist: f.checklist.value, payload: bytes)
        let submission = SubmissionRecord(submissionID: submissionID, jurisdiction: id, taskID: task.record.id,
                                          department: f.department.value, checklist: f.checklist.value,
                                          inspectors: f.inspectors.map(\.value), inspectedOn: f.inspectedOn.description,
                                          receivedOn: day.description, payload: text)
        let json = DocumentJSON.encode(document)
        let planID = task.plan.id
        let jurisdictionID = id
        let stored = EvaluatedSubmission(submission: submission, evaluation: { version in
            EvaluationRecord(jurisdiction: jurisdictionID, submissionID: submissionID, taskID: submission.taskID, planID: planID,
                             department: submission.department, checklist: submission.checklist, version: version,
                             resultCode: evaluation.result?.code ?? "", resultRank: evaluation.result?.rank ?? 0,
                             violations: evaluation.violations, document: json, enteredOn: day.description)
        }, referrals: { _ in
            evaluation.referrals.enumerated().map { k, r in
                ReferralRecord(id: "\(submissionID)#\(k + 1)", jurisdiction: jurisdictionID, submissionID: submissionID,
                               taskID: submission.taskID, recipient: r.to, kind: r.kind.rawValue, route: r.route,
                               items: r.items, due: r.due?.description, createdOn: day.description)
            }
        })
        return PreparedSubmission(findings: f, evaluation: evaluation, document: document, stored: stored, warnings: d.all)
    }

    /// A client that sends no id gets one from the task, the checklist and the content.
    static func derivedSubmissionID(task: String, checklist: String, payload: [UInt8]) -> String {
        task.replacingOccurrences(of: "/", with: ".") + "." + checklist + "." + String(sha256Hex(Data(payload)).prefix(16))
    }

    struct FittedTask {
        var record: TaskRecord
        var plan: Plan
    }

    /// The task the findings are for (`task`, as read with them), and that they fit it.
    private func fitTask(_ f: Findings, task drawn: TaskRecord?) throws(LifecycleError) -> FittedTask {
        let root = Place(path: f.path, line: 1, column: 1)
        guard let taskID = f.taskID, let planID = f.planID else {
            throw LifecycleError(f.task?.place ?? f.plan?.place ?? root,
                                 zh: "提交的检查记录须写明 plan 和 task（或完整的任务编号 <计划>/T-nnnn）",
                                 en: "a submission must name its plan and task (or the whole task id <plan>/T-nnnn)")
        }
        let planPlace = f.plan?.place ?? f.task?.place ?? root
        let plan = try self.plan(planID, at: planPlace)
        let taskPlace = f.task?.place ?? root
        guard let task = drawn, task.id == taskID else {
            throw LifecycleError(taskPlace, zh: "任务“\(taskID)”不在本辖区的任何抽取结果中：该对象未被抽中，不能提交",
                                 en: "task '\(taskID)' is in no draw of this jurisdiction: the entity was not drawn")
        }
        guard task.entityKey == f.entityID else {
            throw LifecycleError(f.entityPlace, zh: "对象“\(f.entityID)”不是任务“\(taskID)”抽中的对象（应为 \(task.entityKey)）",
                                 en: "entity '\(f.entityID)' is not the entity drawn for task '\(taskID)' (\(task.entityKey))")
        }
        guard let team = teams(of: task)[f.department.value] else {
            throw LifecycleError(f.department.place, zh: "部门“\(f.department.value)”不参与本次抽查", en: "department '\(f.department.value)' does not join this plan")
        }
        guard (checklists(of: task)[f.department.value] ?? []).contains(f.checklist.value) else {
            throw LifecycleError(f.checklist.place, zh: "清单“\(f.checklist.value)”不在本计划为该部门指定的清单中",
                                 en: "checklist '\(f.checklist.value)' is not one the plan gives this department")
        }
        var problems: [Diagnostic] = []
        for i in f.inspectors where !team.contains(i.value) {
            problems.append(Diagnostic(i.place, zh: "检查人员“\(i.value)”不在本任务“\(f.department.value)”的检查组中（\(team.joined(separator: "、"))）",
                                       en: "inspector '\(i.value)' is not on this task's \(f.department.value) team (\(team.joined(separator: ", ")))"))
        }
        if f.inspectors.count < plan.minOnSite {
            problems.append(Diagnostic(f.inspectorsPlace, zh: "实地核查时检查人员不少于 \(plan.minOnSite) 人，记录只列出 \(f.inspectors.count) 人",
                                       en: "on-site checks need at least \(plan.minOnSite) inspectors; the findings list \(f.inspectors.count)"))
        }
        guard problems.isEmpty else { throw LifecycleError(problems) }
        return FittedTask(record: task, plan: plan)
    }

    /// The inspection date lies in the plan window and not after the day of entry.
    private func fitWindow(_ f: Findings, task plan: Plan, receivedOn day: CivilDate) throws(LifecycleError) {
        if !plan.window.contains(f.inspectedOn) {
            throw LifecycleError(f.inspectedOnPlace, zh: "检查日期 \(f.inspectedOn) 不在计划的抽查时间 \(plan.window.lowerBound) 至 \(plan.window.upperBound) 之内",
                                 en: "the inspection date \(f.inspectedOn) is outside the plan window \(plan.window.lowerBound) to \(plan.window.upperBound)")
        }
        if f.inspectedOn > day {
            throw LifecycleError(f.inspectedOnPlace, zh: "检查日期 \(f.inspectedOn) 晚于结果录入日 \(day)", en: "the inspection date \(f.inspectedOn) is after the day of entry, \(day)")
        }
    }
}

/// Evaluation documents as the store keeps them: compact JSON with SPEC.md
/// §7's keys in its order, written straight into one buffer (`JSONWriter`,
/// as `check` writes): this runs once per submission received.
public enum DocumentJSON {
    public static func encode(_ d: EvaluationDocument) -> String {
        var w = JSONWriter(pretty: false, capacity: 16 << 10)
        d.write(to: &w)
        return String(decoding: w.take(), as: UTF8.self)
    }

    public static func decode(_ text: String) -> EvaluationDocument? {
        try? JSONDecoder().decode(EvaluationDocument.self, from: Data(text.utf8))
    }
}

extension CountyOffice {
    /// A stored evaluation's document; one that cannot be read is a corrupt
    /// row, reported, never skipped.
    func document(of e: EvaluationRecord) throws(LifecycleError) -> EvaluationDocument {
        guard let d = DocumentJSON.decode(e.document) else {
            throw LifecycleError(Place(path: store.location, line: 1, column: 1),
                                 zh: "数据库中的评估记录“\(e.submissionID)”无法读取（已损坏）", en: "the stored evaluation of '\(e.submissionID)' cannot be read (it is corrupt)")
        }
        return d
    }
}
