import Messages
import Rulebook

/// Renders evaluations: JSON exactly as SPEC.md §7, and a readable report.
public enum EvaluationOutput {
    /// A findings file that was not evaluated: one object in the output
    /// array all the same, so the array keeps one object per file, in order.
    public static func refused(path: String, diagnostics: [Diagnostic], language: Language = .zh) -> JSONValue {
        .object([
            ("file", .string(path)),
            ("evaluated", .bool(false)),
            ("errors", .array(diagnostics.filter { $0.severity == .error }.map {
                .object([("line", .int(Int64($0.line))), ("column", .int(Int64($0.column))), ("message", .string($0.message.text(language)))])
            })),
        ])
    }

    public static func json(_ e: Evaluation, language: Language = .zh) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("file", .string(e.findingsPath)),
            ("evaluated", .bool(true)),
            ("entity", .string(e.entityID)),
            ("entity_name", .string(e.entityName)),
            ("checklist", .string(e.checklist)),
            ("checklist_version", .string(e.checklistVersion)),
            ("checklist_sha256", .string(e.checklistSHA256)),
            ("department", .string(e.department)),
            ("inspected_on", .string(e.inspectedOn.description)),
            ("cooperation", .string(e.cooperation.rawValue)),
            ("signature", .string(e.signature.rawValue)),
        ]
        if let note = e.refusalNote, !note.isEmpty { o.append(("refusal_note", .string(note))) }
        o.append(("items", .array(e.items.map { item(e, $0, language) })))
        o.append(("violations", .array(e.violations.map { .string($0) })))
        if let r = e.result {
            o.append(("result", .object([("code", .string(r.code)), ("label", .string(language == .en ? (r.labelEN ?? r.label) : r.label))])))
        } else {
            o.append(("result", .null))
        }
        o.append(("referrals", .array(e.referrals.map { r in
            .object([("to", .string(r.to)), ("kind", .string(r.kind.rawValue)), ("items", .array(r.items.map { .string($0) })),
                     ("due", r.due.map { .string($0.description) } ?? .null)])
        })))
        if !e.unrouted.isEmpty {
            o.append(("unrouted", .array(e.unrouted.map { .object([("item", .string($0.item)), ("reason", .string($0.reason.text(language)))]) })))
        }
        return .object(o)
    }

    static func item(_ e: Evaluation, _ v: ItemVerdict, _ language: Language) -> JSONValue {
        var o: [(String, JSONValue)] = [("id", .string(v.id)), ("status", .string(v.status.rawValue))]
        if let value = v.value { o.append(("value", JSONValue.from(value))) }
        if v.status == .fail || v.status == .error, let m = v.message { o.append(("message", .string(m.text(language)))) }
        if let rule = v.rule {
            o.append(("explain", .object([("rule", .string(rule)), ("values", .object(v.values.map { ($0.0, JSONValue.from($0.1)) }))])))
        }
        if v.evidenceMissing { o.append(("evidence_missing", .bool(true))) }
        return .object(o)
    }

    /// Adds each item's severity and basis, which need the checklist.
    public static func json(_ e: Evaluation, checklist c: Checklist?, language: Language = .zh) -> JSONValue {
        guard case .object(var o) = json(e, language: language), let c else { return json(e, language: language) }
        if let k = o.firstIndex(where: { $0.0 == "items" }), case .array(let items) = o[k].1 {
            o[k].1 = .array(zip(items, e.items).map { json, verdict in
                guard case .object(var fields) = json, let item = c.item(verdict.id) else { return json }
                var extra: [(String, JSONValue)] = []
                if let s = item.severity { extra.append(("severity", .string(s.rawValue))) }
                if let b = item.basis { extra.append(("basis", .string(b))) }
                fields.insert(contentsOf: extra, at: 2)
                return .object(fields)
            })
        }
        return .object(o)
    }

    public static func text(_ e: Evaluation, rulebook book: Rulebook, language l: Language) -> String {
        let zh = l == .zh
        let c = book.checklist(e.checklist)
        var lines: [String] = []
        lines.append(zh ? "【\(e.entityName)】\(e.entityID)" : "\(e.entityName) (\(e.entityID))")
        lines.append((zh ? "清单：" : "Checklist: ") + "\(c.map { zh ? $0.title : ($0.titleEN ?? $0.title) } ?? e.checklist) (\(e.checklist) v\(e.checklistVersion))")
        lines.append((zh ? "检查部门：" : "Department: ") + book.name(of: e.department, l) + (zh ? "　检查日期：" : "  Date: ") + e.inspectedOn.description)
        if e.signature == .refused {
            lines.append(zh ? "被检查对象拒绝签字：\(e.refusalNote ?? "")" : "The entity refused to sign: \(e.refusalNote ?? "")")
        }
        let counts = Dictionary(grouping: e.items, by: \.status).mapValues(\.count)
        lines.append(zh ? "事项：合格 \(counts[.pass] ?? 0)，不合格 \(counts[.fail] ?? 0)，不适用 \(counts[.notApplicable] ?? 0)，未检查 \(counts[.notChecked] ?? 0)，无法判定 \(counts[.error] ?? 0)"
                        : "Items: \(counts[.pass] ?? 0) pass, \(counts[.fail] ?? 0) fail, \(counts[.notApplicable] ?? 0) not applicable, \(counts[.notChecked] ?? 0) not checked, \(counts[.error] ?? 0) error")
        for v in e.items where v.status == .fail || v.status == .error {
            let item = c?.item(v.id)
            let mark = v.status == .fail ? "✗" : "?"
            let sev = item?.severity.map { zh ? ["minor": "轻微", "general": "一般", "serious": "严重"][$0.rawValue]! : $0.rawValue } ?? ""
            lines.append("  \(mark) \(v.id) [\(sev)] \(v.message?.text(l) ?? "")")
            if let b = item?.basis { lines.append((zh ? "      依据：" : "      Basis: ") + b) }
            if let rule = v.rule {
                let vals = v.values.map { "\($0.0) = \(Values.display($0.1, l))" }.joined(separator: ", ")
                lines.append((zh ? "      规则：" : "      Rule: ") + rule + (vals.isEmpty ? "" : "  (\(vals))"))
            }
        }
        if let r = e.result {
            lines.append((zh ? "抽查结果：" : "Result: ") + (zh ? r.label : (r.labelEN ?? r.label)) + " (\(r.code))")
        }
        for r in e.referrals {
            let kind = zh ? ["transfer": "转办", "judicial": "移送司法机关", "credit_record": "记入信用记录", "rectification_followup": "后续处理"][r.kind.rawValue]! : r.kind.rawValue
            lines.append((zh ? "移送：" : "Referral: ") + "\(book.name(of: r.to, l)) [\(kind)] \(r.items.joined(separator: ", "))" +
                         (r.due.map { zh ? "，期限 \($0)" : ", due \($0)" } ?? ""))
        }
        for u in e.unrouted { lines.append("  ! \(u.item): \(u.reason.text(l))") }
        return lines.joined(separator: "\n")
    }
}
