import Messages
/// What a referral is (SPEC.md §5).
public enum RouteKind: String, Sendable, CaseIterable {
    case transfer, judicial
    case creditRecord = "credit_record"
    case rectificationFollowup = "rectification_followup"
}

/// One routing rule: when it holds for a violation, the violation is
/// referred to `to` (a department, an authority, or `competent`).
public struct Route: Sendable {
    public static let competent = "competent"
    public var id: String
    public var title: String?
    public var when: RuleExpression
    public var to: String
    public var kind: RouteKind
    public var withinWorkingDays: Int
    public var place: Place
}

/// An official result category of spot-check disclosure; the first whose
/// `when` holds is an inspection's result.
public struct ResultCategory: Sendable {
    public var code: String
    public var label: String
    public var labelEN: String?
    public var when: RuleExpression
    public var place: Place
}

/// A yearly target to report against (`Rules/targets.yaml`).
public struct Target: Sendable {
    public enum Measure: String, Sendable, CaseIterable {
        case jointInspections = "joint_inspections"
        case jointEntities = "joint_entities"
        case creditGradedInspections = "credit_graded_inspections"
    }
    public var id: String
    public var title: String
    public var titleEN: String?
    public var measure: Measure
    public var atLeast: Double

    public init(id: String, title: String, titleEN: String?, measure: Measure, atLeast: Double) {
        self.id = id; self.title = title; self.titleEN = titleEN; self.measure = measure; self.atLeast = atLeast
    }
}

enum OutcomesLoader {
    static func loadRoutes(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> [Route] {
        guard let root = file.rootValue else { return [] }
        let top = FieldReader(root, allowed: ["routes"], what: LocalizedText(zh: "路由文件", en: "the routing file"), diagnostics: &d)
        var out: [Route] = []
        for v in top.list("routes", required: true, diagnostics: &d) ?? [] {
            let f = FieldReader(v, allowed: ["id", "title", "when", "to", "kind", "within_working_days"],
                                what: LocalizedText(zh: "路由规则", en: "a route"), diagnostics: &d)
            guard f.ok, let id = f.string("id", required: true, diagnostics: &d) else { continue }
            let what = LocalizedText(zh: "路由规则“\(id.value)”", en: "route '\(id.value)'")
            let when = f.string("when", required: true, diagnostics: &d).flatMap {
                RuleExpression.compile($0, in: Contexts.outcome, expecting: .bool, what: what, diagnostics: &d)
            }
            let to = f.string("to", required: true, diagnostics: &d)
            let kindText = f.string("kind", required: true, diagnostics: &d)
            let kind = kindText.flatMap { RouteKind(rawValue: $0.value) }
            if let kindText, kind == nil {
                d.error(kindText.place, zh: "未知的移送类型“\(kindText.value)”（应为 transfer、judicial、credit_record 或 rectification_followup）",
                        en: "unknown route kind '\(kindText.value)' (transfer, judicial, credit_record or rectification_followup)")
            }
            let days = f.integer("within_working_days", diagnostics: &d)
            if let days, days.value < 0 || days.value > 365 {
                d.error(days.place, zh: "期限应在 0 至 365 个工作日之间", en: "the deadline must be 0 to 365 working days")
            }
            guard let when, let to, let kind else { continue }
            out.append(Route(id: id.value, title: f.string("title", diagnostics: &d)?.value, when: when, to: to.value,
                             kind: kind, withinWorkingDays: days?.value ?? 20, place: to.place))
        }
        return out
    }

    static func loadResults(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> [ResultCategory] {
        guard let root = file.rootValue else { return [] }
        let top = FieldReader(root, allowed: ["results"], what: LocalizedText(zh: "结果类别文件", en: "the results file"), diagnostics: &d)
        var out: [ResultCategory] = []
        var seen: Set<String> = []
        for v in top.list("results", required: true, diagnostics: &d) ?? [] {
            let f = FieldReader(v, allowed: ["code", "label", "label_en", "when"], what: LocalizedText(zh: "结果类别", en: "a result category"), diagnostics: &d)
            guard f.ok, let code = f.string("code", required: true, diagnostics: &d),
                  let label = f.string("label", required: true, diagnostics: &d) else { continue }
            if !seen.insert(code.value).inserted {
                d.error(code.place, zh: "结果代码“\(code.value)”重复", en: "duplicate result code '\(code.value)'")
            }
            let what = LocalizedText(zh: "结果类别“\(code.value)”", en: "result '\(code.value)'")
            guard let when = f.string("when", required: true, diagnostics: &d).flatMap({
                RuleExpression.compile($0, in: Contexts.outcome, expecting: .bool, what: what, diagnostics: &d)
            }) else { continue }
            out.append(ResultCategory(code: code.value, label: label.value, labelEN: f.string("label_en", diagnostics: &d)?.value,
                                      when: when, place: code.place))
        }
        return out
    }

    static func loadTargets(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> [Target] {
        guard let root = file.rootValue else { return [] }
        let top = FieldReader(root, allowed: ["targets"], what: LocalizedText(zh: "指标文件", en: "the targets file"), diagnostics: &d)
        var out: [Target] = []
        for v in top.list("targets", required: true, diagnostics: &d) ?? [] {
            let f = FieldReader(v, allowed: ["id", "title", "title_en", "measure", "at_least"], what: LocalizedText(zh: "指标", en: "a target"), diagnostics: &d)
            guard f.ok, let id = f.string("id", required: true, diagnostics: &d),
                  let title = f.string("title", required: true, diagnostics: &d),
                  let measureText = f.string("measure", required: true, diagnostics: &d) else { continue }
            guard let measure = Target.Measure(rawValue: measureText.value) else {
                d.error(measureText.place, zh: "未知的统计口径“\(measureText.value)”", en: "unknown measure '\(measureText.value)'")
                continue
            }
            guard let atLeast = f.number("at_least", diagnostics: &d) ?? { f.require("at_least", diagnostics: &d); return nil }() else { continue }
            guard (0...1).contains(atLeast.value) else {
                d.error(atLeast.place, zh: "比例应在 0 至 1 之间，实为 \(atLeast.value)", en: "a share must be between 0 and 1, not \(atLeast.value)")
                continue
            }
            out.append(Target(id: id.value, title: title.value, titleEN: f.string("title_en", diagnostics: &d)?.value,
                              measure: measure, atLeast: atLeast.value))
        }
        return out
    }
}
