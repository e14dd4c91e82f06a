import CEL
import Messages
import Rulebook

/// Where each item of a checklist stands while findings are still being
/// written (the inspector's form): which items are relevant, which fail so
/// far, what the computed items hold. The checklist's own CEL decides, as
/// it does for the final evaluation: the page has no second copy of the
/// skip logic. Unlike `evaluate`, nothing is refused: an answer that does
/// not fit its item yet is taken as unanswered.
public struct ChecklistPreview: Sendable {
    public struct Item: Sendable {
        public var id: String
        public var status: ItemStatus
        /// A computed item's value, for display.
        public var value: String?
        /// The item fails and names the evidence it needs.
        public var needsEvidence: Bool
    }
    public var checklist: String
    public var applies: Bool
    public var items: [Item]
}

extension Interpreter {
    /// The preview of `f`'s checklist; nil when the checklist is unknown.
    public func preview(_ f: Findings, language: Language) -> ChecklistPreview? {
        guard let evaluator = evaluator(for: f.checklist.value) else { return nil }
        let c = evaluator.planned.checklist
        var ignored = Diagnostics()
        var answers = [CELValue?](repeating: nil, count: c.items.count)
        for (key, value) in f.answers {
            guard let i = c.indexOf(key.value), !c.items[i].isRule, c.items[i].compute == nil, let answer = c.items[i].answer else { continue }
            if case .null = value.value { continue }
            answers[i] = AnswerValidation.convert(value.value, at: value.place, item: c.items[i], answer: answer, diagnostics: &ignored)
        }
        let entity = Values.record(f.entity)
        let inspection = InspectionRecord.make(f)
        var scratch = ChecklistEvaluator.Scratch(c)
        if let a = c.appliesTo, case .bool(false) = a.program.evaluate(&scratch.activation, entity: entity, inspection: inspection, c) {
            return ChecklistPreview(checklist: c.id, applies: false, items: c.items.map {
                .init(id: $0.id, status: .notApplicable, value: nil, needsEvidence: false)
            })
        }
        evaluator.run(answers: answers, entity: entity, inspection: inspection, scratch: &scratch)
        let items = c.items.indices.map { i -> ChecklistPreview.Item in
            let item = c.items[i]
            let status = scratch.statuses[i]
            let value = item.compute != nil && status != .notApplicable ? scratch.values[i].map { Values.display($0, language) } : nil
            return .init(id: item.id, status: status, value: value, needsEvidence: status == .fail && item.evidence != nil)
        }
        return ChecklistPreview(checklist: c.id, applies: true, items: items)
    }
}
