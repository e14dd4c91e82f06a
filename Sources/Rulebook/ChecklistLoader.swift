import CEL
import Messages

/// Reads one checklist file: the schema of SPEC.md §4 and docs/rule-files.md,
/// every expression compiled against the checklist's own answers and the
/// typed `entity` and `inspection`.
enum ChecklistLoader {
    static func load(_ file: YAMLFile, contexts: ExpressionContexts, diagnostics d: inout Diagnostics) -> Checklist? {
        guard let root = file.rootValue else { return nil }
        let top = FieldReader(root, shape: ChecklistShapes.checklist, diagnostics: &d)
        guard top.ok else { return nil }
        let errorsBefore = d.errors.count
        let id = top.string("checklist", diagnostics: &d)
        let version = top.string("version", diagnostics: &d)
        let department = top.string("department", diagnostics: &d)
        let title = top.string("title", diagnostics: &d)
        if let id, !isChecklistID(id.value) {
            d.error(id.place, zh: "清单标识“\(id.value)”应为“部门.名称”形式", en: "checklist id '\(id.value)' must look like <department>.<name>")
        }

        // Declare every answer first, so expressions may read items written later.
        var env = contexts.checklist
        let itemNodes = top.list("items", diagnostics: &d) ?? []
        let ruleNodes = top.list("rules", diagnostics: &d) ?? []
        var drafts: [Draft] = []
        var seen: [String: Place] = [:]
        for (node, isRule) in itemNodes.map({ ($0, false) }) + ruleNodes.map({ ($0, true) }) {
            guard let draft = Draft.read(node, isRule: isRule, diagnostics: &d) else {
                // An item whose id is wrong (reported) is still a name, so
                // the expressions reading it add no second error.
                if let name = node.mapping?.first(where: { $0.key.text == "id" })?.value.text, env.slot(of: name) == nil,
                   !Contexts.reservedItemIDs.contains(name), !name.isEmpty {
                    env.declare(name, .error)
                }
                continue
            }
            if let first = seen[draft.id.value] {
                d.error(draft.id.place, zh: "标识“\(draft.id.value)”重复（首次出现于第 \(first.line) 行）",
                        en: "duplicate id '\(draft.id.value)' (first used on line \(first.line))")
                continue
            }
            seen[draft.id.value] = draft.id.place
            env.declare(draft.id.value, draft.answerInvalid ? .error : (draft.answer?.celType ?? .dyn))
            drafts.append(draft)
        }
        // Computed items take the type of their expression, in file order.
        var computed: [String: RuleExpression] = [:]
        for draft in drafts {
            guard let source = draft.compute else { continue }
            let what = LocalizedText(zh: "计算项“\(draft.id.value)”", en: "computed item '\(draft.id.value)'")
            if let e = RuleExpression.compile(source, in: env, what: what, diagnostics: &d) {
                computed[draft.id.value] = e
                env.declare(draft.id.value, e.program.resultType)
            } else {
                env.declare(draft.id.value, .error)
            }
        }
        let applies = top.string("applies_to", diagnostics: &d).flatMap {
            RuleExpression.compile($0, in: env, expecting: .bool, what: LocalizedText(zh: "适用范围（applies_to）", en: "applies_to"), diagnostics: &d)
        }
        var items: [ChecklistItem] = []
        var index: [String: Int] = [:]
        let placeholderNames = ["value"] + drafts.map(\.id.value)
        for draft in drafts {
            // Retyping `value` in place keeps loading linear: copying the
            // environment for every item would copy every declaration.
            env.declare("value", draft.isRule ? .dyn : (env.type(of: draft.id.value) ?? .dyn))
            let itemEnv = env
            let what = LocalizedText(zh: "事项“\(draft.id.value)”", en: "item '\(draft.id.value)'")
            let violation = draft.violation.flatMap {
                RuleExpression.compile($0, in: itemEnv, expecting: .bool, what: what, diagnostics: &d)
            }
            let relevant = draft.relevant.flatMap {
                RuleExpression.compile($0, in: itemEnv, expecting: .bool, what: what, diagnostics: &d)
            }
            for template in [draft.message, draft.messageEN].compactMap({ $0 }) {
                for (name, offset) in MessageTemplate.placeholderOffsets(template.value) where name != "value" && seen[name] == nil {
                    let at = template.origin?.place(ofValueOffset: offset) ?? template.place
                    let hint = Suggestion.hint(name, in: placeholderNames)
                    d.error(at, zh: "消息模板中的“{\(name)}”不是本清单的事项" + hint.zh, en: "'{\(name)}' in the message is not an item of this checklist" + hint.en)
                }
            }
            index[draft.id.value] = items.count
            items.append(draft.item(violation: violation, relevant: relevant, compute: computed[draft.id.value],
                                    slot: env.slot(of: draft.id.value)!))
        }
        env.declare("value", .dyn)
        let examples = (top.list("examples", diagnostics: &d) ?? []).compactMap { readExample($0, diagnostics: &d) }
        guard d.errors.count == errorsBefore, let id, let version, let department, let title else { return nil }
        return Checklist(id: id.value, version: version.value, department: department.value, title: title.value,
                         titleEN: top.string("title_en", diagnostics: &d)?.value, appliesTo: applies, items: items,
                         examples: examples, environment: env, valueSlot: env.slot(of: "value")!,
                         entitySlot: env.slot(of: "entity")!, inspectionSlot: env.slot(of: "inspection")!,
                         path: file.path, sha256: file.sha256, place: id.place, departmentPlace: department.place, index: index)
    }

    static func isChecklistID(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { Identifier.isValid(String($0)) }
    }

    static func readExample(_ node: YAMLValue, diagnostics d: inout Diagnostics) -> ChecklistExample? {
        let f = FieldReader(node, shape: ChecklistShapes.example, diagnostics: &d)
        guard f.ok, let name = f.string("name", diagnostics: &d) else { return nil }
        func entries(_ key: String) -> [(key: Located<String>, value: Located<Datum>)] {
            guard let v = f.node(key), !f.isInvalid(key) else { return [] }
            return v.locatedEntries(diagnostics: &d, what: LocalizedText(zh: key, en: key)) ?? []
        }
        let answers = entries("answers")
        let expectViolations = f.strings("expect_violations", diagnostics: &d) ?? []
        let expectStatus = entries("expect_status").compactMap { k, v -> (key: Located<String>, value: Located<String>)? in
            guard case .string(let s) = v.value else { return nil }
            return (k, Located(s, v.place))
        }
        var example = ChecklistExample(name: name.value, answers: answers, entity: f.isInvalid("entity") ? nil : f.node("entity")?.datum,
                                       inspection: f.isInvalid("inspection") ? nil : f.node("inspection")?.datum,
                                       expectViolations: expectViolations, expectStatus: expectStatus, place: name.place)
        example.entityFields = entries("entity")
        example.inspectionFields = entries("inspection")
        return example
    }
}

/// `{name}` placeholders in message templates.
public enum MessageTemplate {
    /// Each placeholder's name and the character offset of its `{`.
    public static func placeholderOffsets(_ template: String) -> [(String, Int)] {
        var out: [(String, Int)] = []
        let chars = Array(template.unicodeScalars)
        var i = 0
        while i < chars.count {
            if chars[i] == "{", let close = chars[i...].firstIndex(of: "}") {
                var name = ""
                name.unicodeScalars.append(contentsOf: chars[(i + 1)..<close])
                out.append((name, i))
                i = close + 1
            } else {
                i += 1
            }
        }
        return out
    }

    public static func placeholders(_ template: String) -> [String] {
        var out: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    public static func render(_ template: String, _ lookup: (String) -> String?) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += lookup(name) ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
