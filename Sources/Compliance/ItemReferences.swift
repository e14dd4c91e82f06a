import CEL
import Messages
import Rulebook

/// What findings say about items besides their answers — notes, evidence,
/// on-site rectification — must concern items of the checklist, and a
/// cooperated inspection must answer every relevant required item
/// (SPEC.md §6). Problems are reported where they were written.
enum ItemReferences {
    /// Notes, evidence and rectifications that name no item of `c` are errors.
    static func checkExist(_ f: Findings, _ c: Checklist, diagnostics d: inout Diagnostics) {
        func check(_ key: Located<String>, _ what: LocalizedText) {
            guard c.item(key.value) == nil else { return }
            let hint = Suggestion.closest(key.value, in: c.items.map(\.id))
            d.error(key.place, zh: "\(what.zh)所指的事项“\(key.value)”不在清单“\(c.id)”中" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                    en: "\(what.en) names '\(key.value)', which is not an item of '\(c.id)'" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        for n in f.notes { check(n.key, LocalizedText(zh: "备注", en: "a note")) }
        for e in f.evidence { check(e.key, LocalizedText(zh: "证据", en: "evidence")) }
        for r in f.rectifiedOnSite { check(r, LocalizedText(zh: "当场改正", en: "rectified_on_site")) }
    }

    /// After relevance is known: a relevant required item without an answer
    /// refuses a cooperated inspection (each item named); answers, notes and
    /// evidence for items that are not relevant are warned about and ignored.
    static func checkRelevant(_ f: Findings, _ c: Checklist, statuses: [ItemStatus], answers: [CELValue?], diagnostics d: inout Diagnostics) {
        if f.cooperation == .cooperated {
            for i in c.items.indices where statuses[i] == .notChecked && answers[i] == nil {
                let item = c.items[i]
                guard !item.isRule, item.compute == nil, item.required else { continue }
                d.error(f.answersPlace, zh: "必答事项“\(item.id)”（\(item.title)）未作答", en: "required item '\(item.id)' (\(item.titleEN ?? item.title)) is unanswered")
            }
        }
        // Nothing to say when every item applies (the common case).
        guard statuses.contains(.notApplicable) else { return }
        // Keys usually come in checklist order: try the next item before hashing.
        var next = 0
        func notRelevant(_ key: Located<String>, _ what: LocalizedText) {
            let guess = next < c.items.count && c.items[next].id == key.value ? next : nil
            guard let i = guess ?? c.indexOf(key.value) else { return }
            next = i + 1
            guard statuses[i] == .notApplicable else { return }
            d.warning(key.place, zh: "事项“\(key.value)”此次不适用，其\(what.zh)不予采用", en: "item '\(key.value)' does not apply here; its \(what.en) is ignored")
        }
        for k in f.answers.indices where !f.answers[k].value.value.isNull {
            notRelevant(f.answers[k].key, LocalizedText(zh: "答案", en: "answer"))
        }
        next = 0
        for n in f.notes { notRelevant(n.key, LocalizedText(zh: "备注", en: "note")) }
        next = 0
        for e in f.evidence { notRelevant(e.key, LocalizedText(zh: "证据", en: "evidence")) }
    }
}

extension Datum {
    var isNull: Bool { if case .null = self { return true } else { return false } }
}
