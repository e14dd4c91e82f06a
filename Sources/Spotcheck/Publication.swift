import Compliance
import Disclosure
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// Public disclosure of results (SPEC.md §9): one record per inspected
/// entity and plan, only once every joining department has entered its
/// results, with personal data removed by `Rules/disclosure.yaml`.
extension CountyOffice {
    public struct PublicationRun: Sendable {
        public var records: [PublicationRecord]
        public var redacted: RedactionReport
        /// Tasks held back because a department's results are not in yet.
        public var pending: [String]
    }

    public func publish(plan planID: String? = nil, on day: WorkingDays.CivilDate) throws -> PublicationRun {
        let evaluations = try store.latestEvaluations(plan: planID)
        let byTask = Dictionary(grouping: evaluations, by: \.taskID)
        var records: [PublicationRecord] = []
        var pending: [String] = []
        var report = RedactionReport()
        let planIDs = planID.map { [$0] } ?? rulebook.plans.map(\.id)
        for pid in planIDs {
            guard let plan = rulebook.plan(pid) else { continue }
            for task in try store.tasks(plan: pid) {
                let evals = byTask[task.id] ?? []
                let departments = Set(evals.compactMap { e in plan.checklists.first { $0.value.contains(e.checklist) }?.key })
                guard !evals.isEmpty, departments.count == plan.departments.count else {
                    if !evals.isEmpty { pending.append(task.id) }
                    continue
                }
                let (record, redactor) = try publicationRecord(task: task, plan: plan, evaluations: evals, on: day)
                var r = RedactionReport()
                let clean = redactor.redact(record, report: &r)
                report += r
                try store.recordDisclosure(DisclosureRecord(taskID: task.id, planID: pid, publishedOn: day.description,
                                                            json: DisclosureRenderer.json([clean])))
                records.append(clean)
            }
        }
        return PublicationRun(records: records, redacted: report, pending: pending)
    }

    func publicationRecord(task: TaskRecord, plan: Plan, evaluations: [EvaluationRecord], on day: WorkingDays.CivilDate) throws -> (PublicationRecord, Redactor) {
        let entity = try self.entity(task.entityKey) ?? [:]
        let name = entity["name"]?.display ?? task.entityKey
        var findings: [String] = []
        var referrals: [String] = []
        var codes: [String] = []
        var inspected: [String] = []
        var entered: [String] = []
        for e in evaluations.sorted(by: { $0.checklist < $1.checklist }) {
            codes.append(e.resultCode)
            guard case .map(let o) = DatumJSON.decode(e.json) else { continue }
            if case .string(let d)? = o["inspected_on"] { inspected.append(d) }
            entered.append(e.enteredOn)
            let department = o["department"]?.display ?? ""
            let c = rulebook.checklist(e.checklist)
            let notes = try self.notes(of: e.submissionID)
            // What was found, in the words of the evaluation's message.
            var messages: [String: String] = [:]
            if case .list(let items)? = o["items"] {
                for case .map(let item) in items {
                    if case .string(let id)? = item["id"], case .string(let m)? = item["message"] { messages[id] = m }
                }
            }
            for id in e.violations {
                let text = messages[id] ?? c?.item(id)?.title ?? id
                findings.append("\(rulebook.name(of: department))：\(text)" + (notes[id].map { "（\($0)）" } ?? ""))
            }
            if case .list(let rs)? = o["referrals"] {
                for case .map(let r) in rs {
                    let to = r["to"]?.display ?? ""
                    guard to != department else { continue }
                    referrals.append("已移交\(rulebook.name(of: to))依法处理")
                }
            }
        }
        let result = combinedResult(codes)
        let enteredOn = entered.max().flatMap(WorkingDays.CivilDate.init) ?? day
        let due = try? rulebook.calendar?.addingWorkingDays(plan.discloseWithinWorkingDays, to: enteredOn)
        let record = PublicationRecord(entityName: name, creditCode: task.entityKey, planID: plan.id, planTitle: plan.title,
                                       departments: plan.departments.map { rulebook.name(of: $0) },
                                       inspectedOn: inspected.max() ?? "", resultCode: result.code, resultLabel: result.label,
                                       findings: findings, referrals: referrals.isEmpty ? nil : Array(Set(referrals)).sorted(),
                                       publishedOn: day.description, disclosureDue: due?.description)
        return (record, try redactor(for: entity, keep: [name, task.entityKey]))
    }

    /// The inspectors' notes of a stored submission, by item.
    func notes(of submissionID: String) throws -> [String: String] {
        guard let s = try store.submission(submissionID) else { return [:] }
        var d = Diagnostics()
        guard let file = YAMLFile.parse(s.payload, path: submissionID, diagnostics: &d),
              let doc = DocumentReader(file, allowed: FindingsLoader.keys, what: LocalizedText(zh: "检查记录", en: "findings"), diagnostics: &d)
        else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in doc.entries("notes", &d) ?? [] { out[k.value] = v.value.display }
        return out
    }

    /// A joint inspection's overall result: no problem only if every
    /// department found none; otherwise the first other category in the
    /// order of `results.yaml` (which lists the gravest first).
    func combinedResult(_ codes: [String]) -> (code: String, label: String) {
        let order = rulebook.results.map(\.code)
        let label = { (c: String) in self.rulebook.results.first { $0.code == c }?.label ?? c }
        let problems = codes.filter { $0 != "no_problem" }
        guard let worst = problems.min(by: { (order.firstIndex(of: $0) ?? .max) < (order.firstIndex(of: $1) ?? .max) }) else {
            return ("no_problem", label("no_problem"))
        }
        return (worst, label(worst))
    }

    /// Redaction rules from `Rules/disclosure.yaml`; the names are the values
    /// of personal columns of this entity and of every inspector.
    func redactor(for entity: [String: Datum], keep: [String]) throws -> Redactor {
        var rules: [RedactionRule] = []
        let policy = rulebook.disclosure
        if policy.rules.contains(.idCardNumbers) { rules.append(.idCardNumbers) }
        if policy.rules.contains(.phoneNumbers) { rules.append(.phoneNumbers) }
        if policy.rules.contains(.personalColumns) {
            var names = (rulebook.entitySchema?.personalColumns ?? []).compactMap { entity[$0]?.display }
            names += try personalInspectorValues()
            rules.append(.personNames(names.filter { !$0.isEmpty && !keep.contains($0) }))
        }
        for p in policy.patterns { rules.append(.pattern(p.pattern, replacement: p.replacement)) }
        return try Redactor(rules: rules, keep: keep)
    }

    func personalInspectorValues() throws -> [String] {
        let columns = rulebook.inspectorSchema?.personalColumns ?? []
        return try store.directory("inspectors").flatMap { r -> [String] in
            guard case .map(let m) = DatumJSON.decode(r.json) else { return [] }
            return columns.compactMap { m[$0]?.display }
        }
    }
}
