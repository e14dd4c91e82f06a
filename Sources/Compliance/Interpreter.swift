import CEL
import Messages
import Rulebook
import WorkingDays

/// Evaluates findings against the rulebook: item verdicts, violations, the
/// official result category and the referrals (SPEC.md §7).
public struct Interpreter: Sendable {
    public let rulebook: Rulebook
    private let evaluators: [String: ChecklistEvaluator]
    private let outcomes: OutcomeRules

    /// Prepares every checklist; a dependency cycle is reported as a diagnostic.
    public init(rulebook: Rulebook) throws(Diagnostic) {
        self.rulebook = rulebook
        var e: [String: ChecklistEvaluator] = [:]
        for c in rulebook.checklists { e[c.id] = ChecklistEvaluator(try PlannedChecklist(c)) }
        evaluators = e
        outcomes = OutcomeRules(rulebook)
    }

    public func evaluator(for checklist: String) -> ChecklistEvaluator? { evaluators[checklist] }

    /// Evaluates one findings file; nil (with error diagnostics) when the
    /// findings do not fit their checklist: an unknown checklist or item, a
    /// wrong type or range, a relevant required item left unanswered in a
    /// cooperated inspection, notes or evidence for items that do not exist.
    public func evaluate(_ f: Findings, diagnostics d: inout Diagnostics) -> Evaluation? {
        guard let evaluator = evaluators[f.checklist.value] else {
            let ids = rulebook.checklists.map(\.id).sorted()
            if let hint = Suggestion.closest(f.checklist.value, in: ids) {
                d.error(f.checklist.place, zh: "未知的检查事项清单“\(f.checklist.value)”（是否应为“\(hint)”？）", en: "unknown checklist '\(f.checklist.value)' (did you mean '\(hint)'?)")
            } else {
                let known = ids.joined(separator: ", ")
                d.error(f.checklist.place, zh: "未知的检查事项清单“\(f.checklist.value)”（已有：\(known)）", en: "unknown checklist '\(f.checklist.value)' (known: \(known))")
            }
            return nil
        }
        let c = evaluator.planned.checklist
        if f.department.value != c.department {
            d.error(f.department.place, zh: "清单“\(c.id)”属于“\(c.department)”，不能由“\(f.department.value)”填报",
                    en: "checklist '\(c.id)' belongs to '\(c.department)' and cannot be filed by '\(f.department.value)'")
            return nil
        }
        let before = d.errors.count
        guard let answers = AnswerValidation.validate(f.answers, against: c, diagnostics: &d) else { return nil }
        ItemReferences.checkExist(f, c, diagnostics: &d)
        guard d.errors.count == before else { return nil }
        let entity = Values.record(f.entity)
        let inspection = InspectionRecord.make(f)
        var scratch = ChecklistEvaluator.Scratch(c)
        var applies = true
        if let a = c.appliesTo, case .bool(false) = a.program.evaluate(&scratch.activation, entity: entity, inspection: inspection, c) {
            applies = false
            d.warning(f.entityPlace, zh: "清单“\(c.id)”的适用范围不包括该对象，所有事项不适用", en: "checklist '\(c.id)' does not apply to this entity; every item is not applicable")
        }
        var warnings: [Diagnostic] = []
        var verdicts: [ItemVerdict] = []
        if applies {
            evaluator.run(answers: answers, entity: entity, inspection: inspection, scratch: &scratch)
            ItemReferences.checkRelevant(f, c, statuses: scratch.statuses, answers: answers, diagnostics: &d)
            guard d.errors.count == before else { return nil }
            verdicts = Explanation.verdicts(evaluator.planned, scratch: &scratch, findings: f, warnings: &warnings)
        } else {
            verdicts = c.items.map { ItemVerdict(id: $0.id, status: .notApplicable, value: nil, message: nil, rule: nil, values: [], evidenceMissing: false) }
        }
        var violations: [String] = []
        for k in verdicts.indices where verdicts[k].status == .fail { violations.append(verdicts[k].id) }
        let plan = f.planID.flatMap { rulebook.plan($0) }
        var evaluation = Evaluation(findingsPath: f.path, plan: f.planID, task: f.taskID, jurisdiction: plan?.jurisdiction,
                                    entityID: f.entityID, entityName: f.entityName, checklist: c.id,
                                    checklistVersion: c.version, checklistSHA256: c.sha256, department: c.department,
                                    inspectedOn: f.inspectedOn, inspectors: f.inspectors.map(\.value), methods: f.methods,
                                    items: verdicts, violations: violations, result: nil,
                                    referrals: [], unrouted: [], warnings: warnings, signature: f.signature,
                                    refusalNote: f.refusalNote, cooperation: f.cooperation, applies: applies)
        outcomes.apply(checklist: c, findings: f, entity: entity, evaluation: &evaluation)
        d.append(contentsOf: evaluation.warnings)
        return evaluation
    }
}

extension Program {
    /// Evaluates with only `entity` and `inspection` bound (for `applies_to`).
    func evaluate(_ a: inout Activation, entity: CELValue, inspection: CELValue, _ c: Checklist) -> CELValue {
        a[c.entitySlot] = entity
        a[c.inspectionSlot] = inspection
        return evaluate(&a)
    }
}

/// The `inspection` variable of expressions.
enum InspectionRecord {
    static func make(_ f: Findings, notChecked: Int = 0) -> CELValue {
        // In key order, as `CELMap(strings:)` would sort them, without building a dictionary first.
        .map(CELMap(orderedStrings: [
            ("checklist", .string(f.checklist.value)),
            ("cooperation", .string(f.cooperation.rawValue)),
            ("date", Values.timestamp(f.inspectedOn)),
            ("department", .string(f.department.value)),
            ("inspectors", .list(f.inspectors.map { .string($0.value) })),
            ("not_checked", .int(Int64(notChecked))),
            ("plan", .string(f.planID ?? "")),
            ("signature", .string(f.signature.rawValue)),
        ]))
    }
}
