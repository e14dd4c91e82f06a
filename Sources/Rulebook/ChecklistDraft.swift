import Messages
/// An item or rule as read from YAML, before its expressions are compiled.
struct Draft {
    var id: Located<String>
    var isRule: Bool
    var title: String
    var titleEN: String?
    var basis: String?
    var answer: AnswerType?
    var options: [String] = []
    var unit: String?
    var range: ClosedRange<Double>?
    var expect: Datum?
    var violation: Located<String>?
    var message: Located<String>?
    var messageEN: Located<String>?
    var finding: String?
    var findingEN: String?
    var relevantNote: String?
    var relevantNoteEN: String?
    var keyItem = false
    var internetPlusCode: String?
    var methods: [InspectionMethod] = InspectionMethod.defaults
    var severity: Severity?
    var domain: String?
    var domainPlace: Place?
    var relevant: Located<String>?
    var required: Bool
    var compute: Located<String>?
    var evidence: String?
    var suspectedCrime: Bool
    var creditPenalty: Bool

    /// Whether `answer:` was there but wrong (reported): what depends on
    /// the answer type is not checked, and expressions reading the item
    /// accept it as it is.
    var answerInvalid = false

    static func read(_ node: YAMLValue, isRule: Bool, diagnostics d: inout Diagnostics) -> Draft? {
        let f = FieldReader(node, shape: isRule ? ChecklistShapes.rule : ChecklistShapes.item, diagnostics: &d)
        guard f.ok, let id = f.string("id", diagnostics: &d) else { return nil }
        guard Identifier.check(id, diagnostics: &d) else { return nil }
        if Contexts.reservedItemIDs.contains(id.value) {
            d.error(id.place, zh: "“\(id.value)”是表达式中的保留名称，不能作事项标识", en: "'\(id.value)' is reserved in expressions and cannot be an item id")
            return nil
        }
        let title = f.string("title", diagnostics: &d)
        var draft = Draft(id: id, isRule: isRule, title: title?.value ?? "", titleEN: f.string("title_en", diagnostics: &d)?.value,
                          basis: f.string("basis", diagnostics: &d)?.value, required: f.bool("required", diagnostics: &d) ?? true,
                          suspectedCrime: f.bool("suspected_crime", diagnostics: &d) ?? false,
                          creditPenalty: f.bool("credit_penalty", diagnostics: &d) ?? false)
        draft.violation = f.string("violation", diagnostics: &d)
        draft.message = f.string("message", diagnostics: &d)
        draft.messageEN = f.string("message_en", diagnostics: &d)
        draft.relevant = f.string("relevant", diagnostics: &d)
        draft.compute = f.string("compute", diagnostics: &d)
        draft.finding = f.string("finding", diagnostics: &d)?.value
        draft.findingEN = f.string("finding_en", diagnostics: &d)?.value
        draft.relevantNote = f.string("relevant_note", diagnostics: &d)?.value
        draft.relevantNoteEN = f.string("relevant_note_en", diagnostics: &d)?.value
        draft.keyItem = f.bool("key_item", diagnostics: &d) ?? false
        draft.internetPlusCode = f.string("internet_plus_code", diagnostics: &d)?.value
        if let methods = f.strings("methods", diagnostics: &d) {
            draft.methods = []
            for m in methods {
                if let method = InspectionMethod(rawValue: m.value), !draft.methods.contains(method) { draft.methods.append(method) }
            }
            if draft.methods.isEmpty, !f.isInvalid("methods") {
                d.error(f.keyPlace("methods")!, zh: "methods 不能为空", en: "methods must not be empty")
            }
        }
        let domain = f.string("domain", diagnostics: &d)
        draft.domain = domain?.value
        draft.domainPlace = domain?.place
        draft.severity = f.string("severity", diagnostics: &d).flatMap { Severity(rawValue: $0.value) }
        draft.evidence = f.string("evidence", diagnostics: &d)?.value
        if !isRule { readAnswer(&draft, f, diagnostics: &d) }
        // A key that is there but wrong, or misspelt, was reported already:
        // its absence here is the same mistake, not another.
        if draft.violation != nil || draft.expect != nil || f.isInvalid("violation") {
            for key in ["severity", "domain", "finding"] where !f.has(key) && !f.isMisspelt(key) {
                d.error(id.place, zh: "可判定违规的事项“\(id.value)”缺少“\(key)”", en: "item '\(id.value)' can be violated but has no '\(key)'")
            }
        }
        if draft.relevantNote != nil, draft.relevant == nil, !f.isInvalid("relevant"), !f.isMisspelt("relevant") {
            d.error(f.keyPlace("relevant_note")!, zh: "relevant_note 说明 relevant 条件，须与 relevant 同时使用",
                    en: "relevant_note describes the relevant condition and needs 'relevant'")
        }
        return draft
    }

    private static func readAnswer(_ draft: inout Draft, _ f: FieldReader, diagnostics d: inout Diagnostics) {
        let id = draft.id
        draft.answerInvalid = f.isInvalid("answer")
        if let a = f.string("answer", diagnostics: &d) {
            draft.answer = AnswerType(rawValue: a.value)
            if draft.compute != nil {
                d.error(a.place, zh: "计算项不填写答案，不能同时有 answer 和 compute", en: "a computed item takes no answer: 'answer' and 'compute' exclude each other")
            }
        } else if draft.compute == nil, !draft.answerInvalid, !f.isInvalid("compute") {
            f.require("answer", diagnostics: &d)
        }
        // Options, unit, range and expect depend on the answer type: when it
        // is wrong, misspelt or missing (reported), they are read but not
        // judged against it.
        let known = !draft.answerInvalid && !f.isMisspelt("answer") && (draft.answer != nil || draft.compute != nil)
        if let options = f.strings("options", diagnostics: &d) {
            draft.options = options.map(\.value)
            if known, draft.answer != .choice {
                d.error(f.keyPlace("options")!, zh: "只有 choice 类型的事项才有 options", en: "only choice items take options")
            }
            if Set(draft.options).count != draft.options.count {
                d.error(f.keyPlace("options")!, zh: "选项重复", en: "options repeat")
            }
        } else if draft.answer == .choice, !f.has("options"), !f.isMisspelt("options") {
            d.error(id.place, zh: "choice 类型的事项“\(id.value)”缺少 options", en: "choice item '\(id.value)' has no options")
        }
        if let unit = f.string("unit", diagnostics: &d) {
            draft.unit = unit.value
            if known, draft.answer != .number && draft.answer != .integer {
                d.error(unit.place, zh: "只有数值事项才有单位", en: "only number and integer items take a unit")
            }
        }
        if let r = f.list("range", diagnostics: &d) {
            let bounds = r.compactMap { v -> Double? in
                switch v.resolved { case .int(let i): return Double(i); case .double(let x): return x; default: return nil }
            }
            let at = f.node("range")!.place
            if bounds.count != r.count {
                // An element that is not a number was reported by the shape.
            } else if bounds.count != 2 {
                d.error(at, zh: "range 应为两个数：[最小值, 最大值]", en: "range must be two numbers: [min, max]")
            } else if !bounds.allSatisfy(\.isFinite) {
                d.error(at, zh: "range 的两端应为有限的数", en: "the bounds of range must be finite numbers")
            } else if bounds[0] > bounds[1] {
                let lo = NumberText.plain(bounds[0]), hi = NumberText.plain(bounds[1])
                d.error(at, zh: "range 的最小值 \(lo) 大于最大值 \(hi)", en: "range min \(lo) is greater than its max \(hi)")
            } else if known, draft.answer != .number && draft.answer != .integer {
                d.error(f.keyPlace("range")!, zh: "只有数值事项才有 range", en: "only number and integer items take a range")
            } else {
                draft.range = bounds[0]...bounds[1]
            }
        }
        if let e = f.node("expect") {
            draft.expect = e.datum
            if draft.violation != nil {
                d.error(e.place, zh: "expect 与 violation 只能取其一", en: "'expect' and 'violation' exclude each other")
            }
            if let answer = draft.answer, !Draft.fits(e.datum, answer, options: draft.options) {
                var hint = LocalizedText(zh: "", en: "")
                if answer == .choice, case .string(let s) = e.datum { hint = Suggestion.hint(s, in: draft.options, listing: true) }
                if answer == .yesNo { hint = ShapeCheck.booleanHint(e) }
                d.error(e.place, zh: "expect 的值 \(e.datum.display) 与答案类型 \(answer.rawValue) 不符" + hint.zh,
                        en: "expect value \(e.datum.display) does not fit answer type \(answer.rawValue)" + hint.en)
            }
        }
    }

    /// Whether a datum is a valid answer of a type (used for `expect` too).
    /// An expected value rendered for a message.
    static func fits(_ v: Datum, _ type: AnswerType, options: [String]) -> Bool {
        switch (type, v) {
        case (.yesNo, .bool), (.integer, .int), (.number, .int), (.number, .double), (.text, .string), (.date, .date): return true
        case (.choice, .string(let s)): return options.isEmpty || options.contains(s)
        case (.photo, .string): return true
        case (.photo, .list(let l)): return l.allSatisfy { if case .string = $0 { return true } else { return false } }
        default: return false
        }
    }

    func item(violation: RuleExpression?, relevant: RuleExpression?, compute: RuleExpression?, slot: Int) -> ChecklistItem {
        ChecklistItem(self, violation: violation, relevant: relevant, compute: compute, slot: slot)
    }
}
