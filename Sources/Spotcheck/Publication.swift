import Compliance
import Disclosure
import Draw
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// Public disclosure of results (SPEC.md §9): one record per inspected
/// task, once every department that did not take the entity off its list
/// has entered its results, with personal data removed by
/// `Rules/disclosure.yaml`, and the head of the audit chain it was
/// published under.
extension CountyOffice {
    public struct PublicationRun: Sendable {
        /// The records published now (new, or changed since last published).
        public var records: [PublicationRecord]
        public var redacted: RedactionReport
        /// Tasks held back because a department's results are not in yet.
        public var pending: [String]
        /// The jurisdiction's audit head after publication.
        public var auditHead: AuditHead
    }

    /// Publishes what is due on `day`: every complete task of a plan (or of
    /// every plan of the jurisdiction) not yet published as it now stands.
    public func publish(plan planID: String? = nil, on day: CivilDate, by actor: String) throws(LifecycleError) -> PublicationRun {
        let plans = try planID.map { id throws(LifecycleError) in [try plan(id)] } ?? self.plans
        var records: [PublicationRecord] = []
        var toStore: [DisclosureRecord] = []
        var pending: [String] = []
        var report = RedactionReport()
        let published = Dictionary(try storeCall({ () throws(StoreError) in try store.disclosures(jurisdiction: id) })
            .map { ($0.taskID, $0.sourceSHA256) }, uniquingKeysWith: { a, _ in a })
        // Read once for the whole run: every inspector's personal values, every public decision.
        let context = PublicationContext(inspectorValues: try personalInspectorValues(),
                                         decisions: Dictionary(grouping: try publicDecisions(), by: \.task).mapValues { $0.map(\.text) })
        for plan in plans {
            let evaluations = try storeCall({ () throws(StoreError) in try store.latestEvaluations(jurisdiction: id, plan: plan.id) })
            let byTask = Dictionary(grouping: evaluations, by: \.taskID)
            let confirmations = try latestConfirmations(plan: plan.id)
            for task in try storeCall({ () throws(StoreError) in try store.tasks(jurisdiction: id, plan: plan.id) }) {
                let evals = byTask[task.id] ?? []
                let expected = expectedChecklists(task, confirmations: confirmations)
                let entered = Set(evals.map(\.checklist))
                guard !expected.isEmpty, expected.allSatisfy(entered.contains) else {
                    if !evals.isEmpty { pending.append(task.id) }
                    continue
                }
                let latestEntry = evals.compactMap { CivilDate($0.enteredOn) }.max() ?? day
                guard latestEntry <= day else { pending.append(task.id); continue }
                // Already published from the same evaluations and decisions: nothing new to publish.
                let source = Self.sourceDigest(evals, decisions: context.decisions[task.id] ?? [])
                if published[task.id] == source { continue }
                let (record, redactor) = try publicationRecord(task: task, plan: plan, evaluations: evals, on: day, context: context)
                var r = RedactionReport()
                let clean = redactor.redact(record, report: &r)
                report += r
                let stored = DisclosureRecord(jurisdiction: id, taskID: task.id, planID: plan.id, creditCode: clean.creditCode,
                                              entityName: clean.entityName, resultCode: clean.resultCode,
                                              publishedOn: day.description, recordJSON: DisclosureRenderer.json([clean]),
                                              sourceSHA256: source)
                records.append(clean)
                toStore.append(stored)
            }
        }
        // One transaction for the run: a publication is kept whole or not at all.
        let kept = try storeCall({ () throws(StoreError) in try store.recordDisclosures(toStore, by: actor) })
        for (i, k) in kept.enumerated() {
            (records[i].auditSeq, records[i].auditHash, records[i].publishedOn) = (k.auditSeq, k.auditHash, k.publishedOn)
        }
        let head = try storeCall({ () throws(StoreError) in try store.auditHead(jurisdiction: id) })
        return PublicationRun(records: records, redacted: report, pending: pending, auditHead: head)
    }

    /// Every task's current public record, by plan then task.
    public func currentDisclosures(plan: String? = nil) throws(LifecycleError) -> [PublicationRecord] {
        try storeCall({ () throws(StoreError) in try store.disclosures(jurisdiction: id, plan: plan) }).compactMap(Self.publicRecord)
    }

    /// A stored disclosure as published: the record with the audit head and
    /// the day it was published (the search, the pages and `disclose` alike).
    public static func publicRecord(_ d: DisclosureRecord) -> PublicationRecord? {
        guard var r = decodeRecord(d.recordJSON) else { return nil }
        (r.auditSeq, r.auditHash, r.publishedOn) = (d.auditSeq, d.auditHash, d.publishedOn)
        return r
    }

    /// What a task's record is made from: its evaluations as stored, and its public decisions.
    static func sourceDigest(_ evaluations: [EvaluationRecord], decisions: [String]) -> String {
        let lines = evaluations.sorted { ($0.id ?? 0) < ($1.id ?? 0) }.map { "\($0.id ?? 0) \($0.submissionID) \($0.version) \($0.resultCode)" } + decisions
        return sha256Hex(Data(lines.joined(separator: "\n").utf8))
    }

    static func decodeRecord(_ json: String) -> PublicationRecord? {
        (try? JSONDecoder().decode([PublicationRecord].self, from: Data(json.utf8)))?.first
    }

    /// The checklists whose results a task needs before it is published:
    /// every checklist of every department that has not taken the entity
    /// off its list (比对和确认 rejected).
    func expectedChecklists(_ task: TaskRecord, confirmations: [String: ConfirmationRecord]) -> [String] {
        checklists(of: task).filter { department, _ in
            confirmations[task.id + "|" + department]?.decision != .rejected
        }.flatMap(\.value).sorted()
    }

    /// The record of one task from its departments' latest evaluations, and
    /// the redactor for it.
    /// What every record of one publication run shares, read once.
    struct PublicationContext {
        var inspectorValues: [String]
        var decisions: [String: [String]]
    }

    func publicationRecord(task: TaskRecord, plan: Plan, evaluations: [EvaluationRecord],
                           on day: CivilDate, context: PublicationContext) throws(LifecycleError) -> (PublicationRecord, Redactor) {
        let entity = try self.entity(task.entityKey) ?? [:]
        var findings: [String] = []
        var referrals: Set<String> = []
        var results: [PublicationRecord.DepartmentResult] = []
        var best: (rank: Int, code: String, label: String, tone: String)?
        var inspected: [String] = []
        let documents = try evaluations.sorted { ($0.department, $0.checklist) < ($1.department, $1.checklist) }
            .map { e throws(LifecycleError) in (e, try document(of: e)) }
        for (e, doc) in documents {
            inspected.append(doc.inspectedOn)
            let body = name(of: e.department)
            if let r = doc.result {
                if !results.contains(where: { $0.department == e.department && $0.resultCode == r.code }) {
                    results.append(.init(department: e.department, departmentName: body, resultCode: r.code, resultLabel: r.label))
                }
                if best == nil || r.rank > best!.rank { best = (r.rank, r.code, r.label, r.tone.rawValue) }
            }
            for item in doc.failedItems {
                findings.append("\(body)：\(item.finding ?? item.title)")
            }
            for r in doc.referrals where r.to != e.department {
                referrals.insert("已移交\(name(of: r.to))依法处理")
            }
        }
        // A department whose results are all "no problem" across checklists shows one result.
        let decisions = context.decisions[task.id] ?? []
        let clear = rulebook.results.first { $0.tone == .clear }
        let result = best ?? (0, clear?.code ?? "", clear?.label ?? "", ResultCategory.Tone.clear.rawValue)
        let due = try? addingWorkingDays(plan.discloseWithinWorkingDays,
                                          to: evaluations.compactMap { CivilDate($0.enteredOn) }.max() ?? day, at: plan.place)
        let record = PublicationRecord(
            entityName: task.entityName, creditCode: task.entityKey, planID: plan.id, planTitle: plan.title,
            jurisdiction: jurisdiction.name.zh, departments: plan.departments.map { name(of: $0) },
            inspectedOn: inspected.max() ?? "", resultCode: result.code, resultLabel: result.label, resultTone: result.tone,
            departmentResults: results, findings: findings, referrals: referrals.isEmpty ? nil : referrals.sorted(),
            decisions: decisions.isEmpty ? nil : decisions, publishedOn: day.description, disclosureDue: due?.description)
        return (record, try redactor(for: entity, inspectorValues: context.inspectorValues, keep: [task.entityName, task.entityKey]))
    }

    /// The public handling decisions (行政处罚决定) of every task's referrals.
    func publicDecisions() throws(LifecycleError) -> [(task: String, text: String)] {
        try handlingResults().filter(\.decisionPublic).map { h in
            (h.referral.taskID, "\(h.recipientName.zh)：\(h.decision)" + (h.decisionNo.map { "（\($0)）" } ?? "") + "，\(h.handledOn)")
        }
    }

    /// Redaction rules from `Rules/disclosure.yaml`; the names are the values
    /// of personal columns of this entity and of every inspector.
    func redactor(for entity: [String: Datum], inspectorValues: [String], keep: [String]) throws(LifecycleError) -> Redactor {
        var rules: [RedactionRule] = []
        let policy = rulebook.disclosure
        if policy.rules.contains(.idCardNumbers) { rules.append(.idCardNumbers) }
        if policy.rules.contains(.phoneNumbers) { rules.append(.phoneNumbers) }
        if policy.rules.contains(.personalColumns) {
            var names = (rulebook.entitySchema?.personalColumns ?? []).compactMap { entity[$0]?.display }
            names += inspectorValues
            rules.append(.personNames(names.filter { !$0.isEmpty && !keep.contains($0) }))
        }
        for p in policy.patterns { rules.append(.pattern(p.pattern, replacement: p.replacement)) }
        do { return try Redactor(rules: rules, keep: keep) } catch {
            throw LifecycleError(Place(path: workspace.root + "/Rules/disclosure.yaml", line: 1, column: 1),
                                 zh: "公示规则中有无效的隐去模式（正则表达式）", en: "a redaction pattern of the disclosure rules is not a valid regular expression")
        }
    }

    func personalInspectorValues() throws(LifecycleError) -> [String] {
        let columns = rulebook.inspectorSchema?.personalColumns ?? []
        return try storeCall({ () throws(StoreError) in try store.directoryRows(.inspectors, jurisdiction: id) }).flatMap { r -> [String] in
            guard case .map(let m) = DatumJSON.decode(r.json) else { return [] }
            return columns.compactMap { m[$0]?.display }
        }
    }
}
