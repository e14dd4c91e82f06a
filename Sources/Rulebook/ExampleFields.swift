import CEL
import Messages

/// A checklist's examples are data like findings: their `entity` keys must
/// be directory columns of the declared types, their `inspection` keys
/// fields of the inspection, their answers fit their items. Checked at load
/// so that a misspelt column in an example is found by `validate`, with the
/// nearest name, not by a failing `spotcheck test`.
enum ExampleFields {
    static func check(_ book: Rulebook, diagnostics d: inout Diagnostics) {
        let entity: ObjectType?
        if case .object(let o) = book.contexts.entity { entity = o } else { entity = nil }
        for c in book.checklists {
            for ex in c.examples {
                if let entity { checkEntity(ex, entity, &d) }
                checkInspection(ex, &d)
                checkAnswers(ex, c, &d)
            }
        }
    }

    private static func checkEntity(_ ex: ChecklistExample, _ entity: ObjectType, _ d: inout Diagnostics) {
        for (k, v) in ex.entityFields {
            guard let type = entity.field(k.value) else {
                let hint = Suggestion.hint(k.value, in: entity.fieldNames)
                d.error(k.place, zh: "示例“\(ex.name)”的 entity 中的“\(k.value)”不是检查对象名录的列" + hint.zh,
                        en: "'\(k.value)' in the entity of example '\(ex.name)' is not a column of the entity directory" + hint.en)
                continue
            }
            if case .null = v.value { continue }
            if !fits(v.value, type) {
                let w = CELWords.type(type)
                d.error(v.place, zh: "示例“\(ex.name)”中 entity.\(k.value) 应为\(w.zh)，实为\(v.value.kindName.zh)",
                        en: "entity.\(k.value) in example '\(ex.name)' must be \(w.en), not \(v.value.kindName.en)")
            }
        }
    }

    private static func checkInspection(_ ex: ChecklistExample, _ d: inout Diagnostics) {
        let fields = ExpressionContexts.inspection.fieldNames
        for (k, v) in ex.inspectionFields {
            guard fields.contains(k.value) else {
                let hint = Suggestion.hint(k.value, in: fields)
                d.error(k.place, zh: "示例“\(ex.name)”的 inspection 中没有“\(k.value)”这一项" + hint.zh,
                        en: "the inspection of example '\(ex.name)' has no field '\(k.value)'" + hint.en)
                continue
            }
            if let codes = ExpressionContexts.inspectionCodes[k.value], case .string(let s) = v.value, !codes.contains(s) {
                let hint = Suggestion.hint(s, in: codes, listing: true)
                d.error(v.place, zh: "“\(s)”不是 inspection.\(k.value) 的取值" + hint.zh, en: "'\(s)' is not a value of inspection.\(k.value)" + hint.en)
            }
        }
    }

    private static func checkAnswers(_ ex: ChecklistExample, _ c: Checklist, _ d: inout Diagnostics) {
        for (k, v) in ex.answers {
            guard let item = c.item(k.value), let answer = item.answer else { continue }
            if case .null = v.value { continue }
            if !Draft.fits(v.value, answer, options: item.options) {
                var hint = LocalizedText(zh: "", en: "")
                if answer == .choice, case .string(let s) = v.value { hint = Suggestion.hint(s, in: item.options, listing: true) }
                d.error(v.place, zh: "示例“\(ex.name)”中事项“\(k.value)”的答案 \(v.value.display) 与答案类型 \(answer.rawValue) 不符" + hint.zh,
                        en: "the answer \(v.value.display) to '\(k.value)' in example '\(ex.name)' does not fit answer type \(answer.rawValue)" + hint.en)
            }
        }
    }

    /// Whether a datum is a value of a directory column's type.
    private static func fits(_ v: Datum, _ t: CELType) -> Bool {
        switch (t, v) {
        case (.string, .string), (.int, .int), (.double, .int), (.double, .double), (.bool, .bool), (.timestamp, .date): return true
        case (.list, .list(let l)): return l.allSatisfy { if case .string = $0 { return true } else { return false } }
        case (.dyn, _), (.error, _): return true
        default: return false
        }
    }
}
