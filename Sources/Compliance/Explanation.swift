import CEL
import Messages
import Rulebook

/// Turns evaluated statuses into verdicts a person can read: the message,
/// the rule that decided and the values it read. Runs only after the hot
/// path, and re-evaluates an expression only to recover an error's reason.
enum Explanation {
    static func verdicts(_ p: PlannedChecklist, scratch s: inout ChecklistEvaluator.Scratch, findings f: Findings,
                         warnings: inout [Diagnostic]) -> [ItemVerdict] {
        let c = p.checklist
        let rectified = Set(f.rectifiedOnSite.map(\.value))

        var out: [ItemVerdict] = []
        out.reserveCapacity(c.items.count)
        for (i, item) in c.items.enumerated() {
            let status = s.statuses[i]
            var verdict = ItemVerdict(id: item.id, status: status, value: s.values[i], message: nil, rule: nil, values: [], evidenceMissing: false)
            switch status {
            case .fail:
                verdict.rule = item.violation?.text ?? item.expect.map { "value != \(literal($0))" }
                verdict.values = values(p, i, s)
                verdict.message = message(item, c, s)
                if let kind = item.evidence, f.evidenceFiles(item.id).isEmpty {
                    verdict.evidenceMissing = true
                    let what = kind == "photo" ? ("照片", "photo") : ("书面材料", "document")
                    let at = f.answers.first { $0.key.value == item.id }?.key.place ?? f.entityPlace
                    warnings.append(Diagnostic(at, severity: .warning,
                                               zh: "事项“\(item.id)”判定违规，须附\(what.0)证据", en: "item '\(item.id)' is violated and needs \(what.1) evidence"))
                }
            case .error:
                verdict.rule = [item.relevant, item.compute, item.violation].compactMap { $0 }.map(\.text).joined(separator: "; ")
                verdict.values = values(p, i, s)
                let reason = errorReason(item, &s)
                verdict.message = LocalizedText(zh: "规则无法求值：\(reason.zh)", en: "the rule could not be evaluated: \(reason.en)")
            default: break
            }
            if !rectified.isEmpty, status != .fail, rectified.contains(item.id) {
                let at = f.rectifiedOnSite.first { $0.value == item.id }?.place ?? f.entityPlace
                warnings.append(Diagnostic(at, severity: .warning, zh: "事项“\(item.id)”未判定违规，却记为当场改正",
                                           en: "item '\(item.id)' is marked rectified on site but is not violated"))
            }
            out.append(verdict)
        }
        return out
    }

    static func literal(_ d: Datum) -> String {
        if case .string(let s) = d { return "'\(s)'" }
        return d.display
    }

    static func values(_ p: PlannedChecklist, _ i: Int, _ s: ChecklistEvaluator.Scratch) -> [(String, CELValue)] {
        var out: [(String, CELValue)] = []
        if let v = s.values[i], !p.checklist.items[i].isRule { out.append(("value", v)) }
        for (name, slot) in p.explained[i] where name != "value" {
            let v = s.activation[slot]
            if case .error = v { continue }
            out.append((name, v))
        }
        return out
    }

    static func message(_ item: ChecklistItem, _ c: Checklist, _ s: ChecklistEvaluator.Scratch) -> LocalizedText {
        func render(_ template: String, _ language: Language) -> String {
            MessageTemplate.render(template) { name in
                let slot = name == "value" ? c.valueSlot : c.environment.slot(of: name)
                guard let slot else { return nil }
                let v = name == "value" ? (s.values[c.indexOf(item.id)!] ?? s.activation[slot]) : s.activation[slot]
                return Values.display(v, language)
            }
        }
        // An item phrased as the problem itself (expect: false) reads as found; others as not met.
        var phrasedAsProblem = false
        if case .bool(false)? = item.expect { phrasedAsProblem = true }
        let zh = item.message.map { render($0, .zh) } ?? (phrasedAsProblem ? "发现：\(item.title)" : "\(item.title)：不符合要求")
        let en = item.messageEN.map { render($0, .en) } ?? item.message.map { render($0, .en) }
            ?? (phrasedAsProblem ? "Found: \(item.titleEN ?? item.title)" : "\(item.titleEN ?? item.title): not compliant")
        return LocalizedText(zh: zh, en: en)
    }

    /// Why an item's expressions gave an error, in words a rule author reads (one language each).
    static func errorReason(_ item: ChecklistItem, _ s: inout ChecklistEvaluator.Scratch) -> LocalizedText {
        for e in [item.relevant, item.compute, item.violation].compactMap({ $0 }) {
            if case .error(let err) = e.program.evaluate(&s.activation) { return CELMessages.evaluation(err) }
        }
        return LocalizedText(zh: "它读取的某个值无法求值", en: "a value it reads could not be evaluated")
    }
}
