import Messages
import Rulebook

/// Renders evaluations: JSON exactly as SPEC.md §7 (through
/// `EvaluationDocument`), and a readable report in one language.
public enum EvaluationOutput {
    /// A findings file that was not evaluated: one object in the output
    /// array all the same, so the array keeps one object per file, in order.
    public static func refused(path: String, diagnostics: [Diagnostic], language: Language = .zh) -> JSONValue {
        typealias K = CheckOutputKey
        return .object([
            (K.file.stringValue, .string(path)),
            (K.evaluated.stringValue, .bool(false)),
            (K.errors.stringValue, .array(diagnostics.filter { $0.severity == .error }.map {
                .object([(K.line.stringValue, .int(Int64($0.line))), (K.column.stringValue, .int(Int64($0.column))),
                         (K.message.stringValue, .string($0.message.text(language)))])
            })),
        ])
    }

    /// The JSON object `check` prints for an evaluated file.
    public static func json(_ e: Evaluation, rulebook: Rulebook, language: Language = .zh) -> JSONValue {
        typealias K = CheckOutputKey
        var fields: [(String, JSONValue)] = [(K.file.stringValue, .string(e.findingsPath)), (K.evaluated.stringValue, .bool(true))]
        if case .object(let doc) = EvaluationDocument(e, rulebook: rulebook, language: language).json { fields += doc }
        return .object(fields)
    }

    public static func text(_ e: Evaluation, rulebook book: Rulebook, language l: Language) -> String {
        let zh = l == .zh
        let doc = EvaluationDocument(e, rulebook: book, language: l)
        let c = book.checklist(e.checklist)
        var lines: [String] = []
        lines.append(zh ? "【\(e.entityName)】\(e.entityID)" : "\(e.entityName) (\(e.entityID))")
        lines.append((zh ? "清单：" : "Checklist: ") + "\(c.map { zh ? $0.title : ($0.titleEN ?? $0.title) } ?? e.checklist) (\(e.checklist) v\(e.checklistVersion))")
        lines.append((zh ? "检查部门：" : "Department: ") + doc.departmentName + (zh ? "　检查日期：" : "  Date: ") + e.inspectedOn.description)
        if !e.methods.isEmpty {
            lines.append((zh ? "检查方式：" : "Methods: ") + e.methods.map { $0.label.text(l) }.joined(separator: zh ? "、" : ", "))
        }
        if e.signature == .refused {
            lines.append(zh ? "被检查对象拒绝签字：\(e.refusalNote ?? "")" : "The entity refused to sign: \(e.refusalNote ?? "")")
        }
        let counts = Dictionary(grouping: e.items, by: \.status).mapValues(\.count)
        lines.append(zh ? "事项：合格 \(counts[.pass] ?? 0)，不合格 \(counts[.fail] ?? 0)，不适用 \(counts[.notApplicable] ?? 0)，未检查 \(counts[.notChecked] ?? 0)，无法判定 \(counts[.error] ?? 0)"
                        : "Items: \(counts[.pass] ?? 0) pass, \(counts[.fail] ?? 0) fail, \(counts[.notApplicable] ?? 0) not applicable, \(counts[.notChecked] ?? 0) not checked, \(counts[.error] ?? 0) error")
        for v in e.items where v.status == .fail || v.status == .error {
            let item = c?.item(v.id)
            let mark = v.status == .fail ? "✗" : "?"
            let sev = item?.severity.map { $0.label.text(l) } ?? ""
            let key = item?.keyItem == true ? (zh ? "[重点]" : "[key item]") : ""
            lines.append("  \(mark) \(v.id) [\(sev)]\(key) \(v.message?.text(l) ?? "")")
            if let b = item?.basis { lines.append((zh ? "      依据：" : "      Basis: ") + b) }
            if let rule = v.rule {
                let vals = v.values.map { "\($0.0) = \(Values.display($0.1, l))" }.joined(separator: ", ")
                lines.append((zh ? "      规则：" : "      Rule: ") + rule + (vals.isEmpty ? "" : "  (\(vals))"))
            }
        }
        if let r = e.result {
            lines.append((zh ? "抽查结果：" : "Result: ") + r.label.text(l) + " (\(r.code))")
        }
        for r in doc.referrals {
            lines.append((zh ? "移送：" : "Referral: ") + "\(r.toName) [\(r.kind.label.text(l))] \(r.items.joined(separator: ", "))" +
                         (r.due.map { zh ? "，期限 \($0)" : ", due \($0)" } ?? ""))
        }
        for u in e.unrouted { lines.append("  ! \(u.item): \(u.reason.text(l))") }
        return lines.joined(separator: "\n")
    }
}

extension Severity {
    public var label: LocalizedText {
        switch self {
        case .minor: return LocalizedText(zh: "轻微", en: "minor")
        case .general: return LocalizedText(zh: "一般", en: "general")
        case .serious: return LocalizedText(zh: "严重", en: "serious")
        }
    }
}

extension RouteKind {
    public var label: LocalizedText {
        switch self {
        case .transfer: return LocalizedText(zh: "转办", en: "transfer")
        case .judicial: return LocalizedText(zh: "移送司法机关", en: "to the judiciary")
        case .creditRecord: return LocalizedText(zh: "记入信用记录", en: "credit record")
        case .rectificationFollowup: return LocalizedText(zh: "后续处理", en: "follow-up")
        }
    }
}

extension EvaluationDocument {
    /// The document as ordered JSON, keys as SPEC.md §7 names them.
    public var json: JSONValue {
        typealias K = CodingKeys
        var o: [(String, JSONValue)] = []
        func add(_ k: K, _ v: JSONValue) { o.append((k.stringValue, v)) }
        func add(_ k: K, _ v: String?) { if let v { o.append((k.stringValue, .string(v))) } }
        add(.plan, plan)
        add(.task, task)
        add(.jurisdiction, jurisdiction)
        add(.entity, entity)
        add(.entityName, entityName)
        add(.checklist, checklist)
        add(.checklistVersion, checklistVersion)
        add(.checklistSHA256, checklistSHA256)
        add(.department, department)
        add(.departmentName, departmentName)
        add(.inspectedOn, inspectedOn)
        add(.inspectors, .array(inspectors.map { .string($0) }))
        if !methods.isEmpty { add(.methods, .array(methods.map { .string($0.rawValue) })) }
        add(.cooperation, cooperation.rawValue)
        add(.signature, signature.rawValue)
        add(.refusalNote, refusalNote)
        add(.items, .array(items.map(\.json)))
        add(.violations, .array(violations.map { .string($0) }))
        add(.keyItemViolations, .array(keyItemViolations.map { .string($0) }))
        if let r = result {
            typealias R = Result.CodingKeys
            var ro: [(String, JSONValue)] = [(R.code.stringValue, .string(r.code)), (R.label.stringValue, .string(r.label))]
            if let en = r.labelEN { ro.append((R.labelEN.stringValue, .string(en))) }
            ro += [(R.rank.stringValue, .int(Int64(r.rank))), (R.tone.stringValue, .string(r.tone.rawValue))]
            add(.result, .object(ro))
        } else {
            add(.result, .null)
        }
        add(.referrals, .array(referrals.map { r in
            typealias F = ReferralEntry.CodingKeys
            var ro: [(String, JSONValue)] = [(F.to.stringValue, .string(r.to)), (F.toName.stringValue, .string(r.toName))]
            if let en = r.toNameEN { ro.append((F.toNameEN.stringValue, .string(en))) }
            ro += [(F.kind.stringValue, .string(r.kind.rawValue)), (F.items.stringValue, .array(r.items.map { .string($0) })),
                   (F.due.stringValue, r.due.map { .string($0) } ?? .null), (F.route.stringValue, .string(r.route))]
            return .object(ro)
        }))
        if let unrouted {
            typealias U = Unrouted.CodingKeys
            add(.unrouted, .array(unrouted.map { .object([(U.item.stringValue, .string($0.item)), (U.reason.stringValue, .string($0.reason))]) }))
        }
        return .object(o)
    }
}

extension EvaluationDocument.Item {
    var json: JSONValue {
        typealias K = CodingKeys
        var o: [(String, JSONValue)] = [(K.id.stringValue, .string(id)), (K.title.stringValue, .string(title)),
                                        (K.status.stringValue, .string(status.rawValue))]
        func add(_ k: K, _ v: JSONValue?) { if let v { o.append((k.stringValue, v)) } }
        add(.severity, severity.map { .string($0.rawValue) })
        add(.basis, basis.map { .string($0) })
        add(.keyItem, keyItem.map { .bool($0) })
        add(.internetPlusCode, internetPlusCode.map { .string($0) })
        add(.methods, methods.map { .array($0.map { .string($0.rawValue) }) })
        add(.value, value)
        add(.message, message.map { .string($0) })
        add(.finding, finding.map { .string($0) })
        add(.findingEN, findingEN.map { .string($0) })
        typealias E = EvaluationDocument.Explain.CodingKeys
        add(.explain, explain.map { .object([(E.rule.stringValue, .string($0.rule)), (E.values.stringValue, $0.values)]) })
        add(.evidenceMissing, evidenceMissing.map { .bool($0) })
        return .object(o)
    }
}

/// The keys `check` adds around each document (SPEC.md §7): the file, whether
/// it was evaluated, and for a refused file its errors.
public enum CheckOutputKey: String, CodingKey {
    case file, evaluated, errors, line, column, message
}

extension EvaluationOutput {
    /// Writes the object `json(_:rulebook:language:)` gives, byte for byte in
    /// the pretty layout, without building it as a `JSONValue`.
    public static func write(_ e: Evaluation, rulebook: Rulebook, language: Language = .zh, to w: inout JSONWriter) {
        write(EvaluationDocument(e, rulebook: rulebook, language: language), file: e.findingsPath, to: &w)
    }

    /// Writes the object of an evaluated file from its document.
    public static func write(_ document: EvaluationDocument, file: String, to w: inout JSONWriter) {
        typealias K = CheckOutputKey
        w.beginObject()
        w.key(K.file.stringValue)
        w.string(file)
        w.key(K.evaluated.stringValue)
        w.bool(true)
        document.writeMembers(to: &w)
        w.endObject()
    }

    /// Writes the object `refused(path:diagnostics:language:)` gives.
    public static func writeRefused(path: String, diagnostics: [Diagnostic], language: Language = .zh, to w: inout JSONWriter) {
        typealias K = CheckOutputKey
        w.beginObject()
        w.key(K.file.stringValue)
        w.string(path)
        w.key(K.evaluated.stringValue)
        w.bool(false)
        w.key(K.errors.stringValue)
        let errors = diagnostics.filter { $0.severity == .error }
        w.beginArray(inline: errors.isEmpty)
        for d in errors { write(d, language: language, to: &w) }
        w.endArray()
        w.endObject()
    }

    /// Writes one diagnostic as `{"line", "column", "message"}`, its message in `language`.
    public static func write(_ d: Diagnostic, language: Language, to w: inout JSONWriter) {
        typealias K = CheckOutputKey
        w.beginObject()
        w.key(K.line.stringValue)
        w.int(Int64(d.line))
        w.key(K.column.stringValue)
        w.int(Int64(d.column))
        w.key(K.message.stringValue)
        w.string(d.message.text(language))
        w.endObject()
    }
}

extension EvaluationDocument {
    /// Writes the document as one object.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        writeMembers(to: &w)
        w.endObject()
    }

    /// Writes the document's members, in the order and with the names of
    /// `json`, into an object the caller has opened (and may add its own to).
    public func writeMembers(to w: inout JSONWriter) {
        typealias K = CodingKeys
        func add(_ k: K, _ v: String?) {
            guard let v else { return }
            w.key(k.stringValue)
            w.string(v)
        }
        add(.plan, plan)
        add(.task, task)
        add(.jurisdiction, jurisdiction)
        add(.entity, entity)
        add(.entityName, entityName)
        add(.checklist, checklist)
        add(.checklistVersion, checklistVersion)
        add(.checklistSHA256, checklistSHA256)
        add(.department, department)
        add(.departmentName, departmentName)
        add(.inspectedOn, inspectedOn)
        w.key(K.inspectors.stringValue)
        w.strings(inspectors)
        if !methods.isEmpty {
            w.key(K.methods.stringValue)
            w.strings(methods.map(\.rawValue))
        }
        add(.cooperation, cooperation.rawValue)
        add(.signature, signature.rawValue)
        add(.refusalNote, refusalNote)
        w.key(K.items.stringValue)
        w.beginArray(inline: items.isEmpty)
        items.withUnsafeBufferPointer { items in
            for i in items.indices { items[i].write(to: &w, index: i) }
        }
        w.endArray()
        w.key(K.violations.stringValue)
        w.strings(violations)
        w.key(K.keyItemViolations.stringValue)
        w.strings(keyItemViolations)
        w.key(K.result.stringValue)
        if let r = result {
            typealias R = Result.CodingKeys
            w.beginObject()
            w.key(R.code.stringValue)
            w.string(r.code)
            w.key(R.label.stringValue)
            w.string(r.label)
            if let en = r.labelEN {
                w.key(R.labelEN.stringValue)
                w.string(en)
            }
            w.key(R.rank.stringValue)
            w.int(Int64(r.rank))
            w.key(R.tone.stringValue)
            w.string(r.tone.rawValue)
            w.endObject()
        } else {
            w.null()
        }
        w.key(K.referrals.stringValue)
        w.beginArray(inline: referrals.isEmpty)
        for r in referrals {
            typealias F = ReferralEntry.CodingKeys
            w.beginObject()
            w.key(F.to.stringValue)
            w.string(r.to)
            w.key(F.toName.stringValue)
            w.string(r.toName)
            if let en = r.toNameEN {
                w.key(F.toNameEN.stringValue)
                w.string(en)
            }
            w.key(F.kind.stringValue)
            w.string(r.kind.rawValue)
            w.key(F.items.stringValue)
            w.strings(r.items)
            w.key(F.due.stringValue)
            if let due = r.due { w.string(due) } else { w.null() }
            w.key(F.route.stringValue)
            w.string(r.route)
            w.endObject()
        }
        w.endArray()
        if let unrouted {
            typealias U = Unrouted.CodingKeys
            w.key(K.unrouted.stringValue)
            w.beginArray(inline: unrouted.isEmpty)
            for u in unrouted {
                w.beginObject()
                w.key(U.item.stringValue)
                w.string(u.item)
                w.key(U.reason.stringValue)
                w.string(u.reason)
                w.endObject()
            }
            w.endArray()
        }
    }
}

extension EvaluationDocument.Item {
    /// Writes the item as the `index`-th element of the items array. Its
    /// unchanging members are copied from the last document whose item at
    /// `index` had the same values (compared, not assumed).
    func write(to w: inout JSONWriter, index: Int) {
        typealias K = CodingKeys
        w.beginObject()
        if w.itemPieces.count <= index { w.itemPieces.append(contentsOf: repeatElement(nil, count: index + 1 - w.itemPieces.count)) }
        let piece: ItemPiece
        if let p = w.itemPieces[index], p.level == w.level, p.id == id, p.title == title {
            w.replay(p.head, first: false, afterKey: false)
            piece = p
        } else {
            let mark = w.mark
            w.key(K.id.stringValue)
            w.string(id)
            w.key(K.title.stringValue)
            w.string(title)
            piece = ItemPiece(level: w.level, id: id, title: title, head: w.bytes(since: mark))
        }
        w.key(K.status.stringValue)
        w.string(status.rawValue)
        if let middle = piece.middle, piece.severity == severity, piece.basis == basis, piece.keyItem == keyItem,
           piece.internetPlusCode == internetPlusCode, piece.methods == methods {
            w.replay(middle, first: false, afterKey: false)
        } else {
            let mark = w.mark
            if let severity {
                w.key(K.severity.stringValue)
                w.string(severity.rawValue)
            }
            if let basis {
                w.key(K.basis.stringValue)
                w.string(basis)
            }
            if let keyItem {
                w.key(K.keyItem.stringValue)
                w.bool(keyItem)
            }
            if let internetPlusCode {
                w.key(K.internetPlusCode.stringValue)
                w.string(internetPlusCode)
            }
            if let methods {
                w.key(K.methods.stringValue)
                w.strings(methods.map(\.rawValue))
            }
            piece.severity = severity
            piece.basis = basis
            piece.keyItem = keyItem
            piece.internetPlusCode = internetPlusCode
            piece.methods = methods
            piece.middle = w.bytes(since: mark)
            w.itemPieces[index] = piece
        }
        if let value {
            w.key(K.value.stringValue)
            w.value(value)
        }
        if let message {
            w.key(K.message.stringValue)
            w.string(message)
        }
        if let finding {
            w.key(K.finding.stringValue)
            w.string(finding)
        }
        if let findingEN {
            w.key(K.findingEN.stringValue)
            w.string(findingEN)
        }
        if let explain {
            typealias E = EvaluationDocument.Explain.CodingKeys
            w.key(K.explain.stringValue)
            w.beginObject()
            w.key(E.rule.stringValue)
            w.string(explain.rule)
            w.key(E.values.stringValue)
            w.value(explain.values)
            w.endObject()
        }
        if let evidenceMissing {
            w.key(K.evidenceMissing.stringValue)
            w.bool(evidenceMissing)
        }
        w.endObject()
    }
}
