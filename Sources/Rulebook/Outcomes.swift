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
/// `when` holds is one department's result. `rank` says how serious it is:
/// a joint inspection discloses the department result of highest rank.
public struct ResultCategory: Sendable {
    /// How a renderer shows the category; exactly one category is `clear`.
    public enum Tone: String, Sendable, CaseIterable, Codable { case clear, notice, serious }

    public var code: String
    public var label: String
    public var labelEN: String?
    public var when: RuleExpression
    public var rank: Int
    public var tone: Tone
    public var place: Place

    public func labelText(_ language: Language) -> String { language == .en ? (labelEN ?? label) : label }
}

/// A yearly target to report against (`Rules/targets.yaml`).
public struct Target: Sendable {
    public enum Measure: String, Sendable, CaseIterable {
        case jointInspections = "joint_inspections"
        case jointEntities = "joint_entities"
        case creditGradedInspections = "credit_graded_inspections"
        /// Inspections that found a problem, over inspections (问题发现率).
        case problemDiscoveryRate = "problem_discovery_rate"
        /// Drawn tasks disclosed, over drawn tasks.
        case completionRate = "completion_rate"
        /// Referrals closed, over referrals due.
        case referralClosureRate = "referral_closure_rate"
    }
    public var id: String
    public var title: String
    public var titleEN: String?
    public var measure: Measure
    /// The share to reach; nil for a measure that is reported without a target.
    public var atLeast: Double?

    public func titleText(_ language: Language) -> String { language == .en ? (titleEN ?? title) : title }

    public init(id: String, title: String, titleEN: String?, measure: Measure, atLeast: Double?) {
        self.id = id; self.title = title; self.titleEN = titleEN; self.measure = measure; self.atLeast = atLeast
    }
}

enum OutcomesLoader {
    static func loadRoutes(_ file: YAMLFile, contexts: ExpressionContexts, diagnostics d: inout Diagnostics) -> [Route] {
        guard let root = file.rootValue else { return [] }
        let top = FieldReader(root, shape: OrganisationShapes.routing, diagnostics: &d)
        let env = contexts.outcome
        var out: [Route] = []
        for v in top.list("routes", diagnostics: &d) ?? [] {
            let f = FieldReader(v, shape: OrganisationShapes.route, diagnostics: &d)
            guard f.ok, let id = f.string("id", diagnostics: &d) else { continue }
            let what = LocalizedText(zh: "路由规则“\(id.value)”", en: "route '\(id.value)'")
            let when = f.string("when", diagnostics: &d).flatMap {
                RuleExpression.compile($0, in: env, expecting: .bool, what: what, diagnostics: &d)
            }
            let to = f.string("to", diagnostics: &d)
            let kind = f.string("kind", diagnostics: &d).flatMap { RouteKind(rawValue: $0.value) }
            let days = f.integer("within_working_days", diagnostics: &d)
            guard let when, let to, let kind else { continue }
            out.append(Route(id: id.value, title: f.string("title", diagnostics: &d)?.value, when: when, to: to.value,
                             kind: kind, withinWorkingDays: days?.value ?? 20, place: to.place))
        }
        return out
    }

    static func loadResults(_ file: YAMLFile, contexts: ExpressionContexts, diagnostics d: inout Diagnostics) -> [ResultCategory] {
        guard let root = file.rootValue else { return [] }
        let top = FieldReader(root, shape: OrganisationShapes.results, diagnostics: &d)
        let env = contexts.outcome
        var out: [ResultCategory] = []
        var seen: Set<String> = []
        var ranks: [Int: String] = [:]
        var clear: String?
        let list = top.list("results", diagnostics: &d) ?? []
        for v in list {
            let f = FieldReader(v, shape: OrganisationShapes.result, diagnostics: &d)
            guard f.ok, let code = f.string("code", diagnostics: &d) else { continue }
            let rank = f.integer("rank", diagnostics: &d)
            if let rank, let other = ranks[rank.value] {
                d.error(rank.place, zh: "结果类别的 rank \(rank.value) 与“\(other)”重复", en: "rank \(rank.value) repeats that of '\(other)'")
            }
            if let rank { ranks[rank.value] = code.value }
            var tone: ResultCategory.Tone?
            if let t = f.string("tone", diagnostics: &d) {
                tone = ResultCategory.Tone(rawValue: t.value)
                if tone == .clear {
                    if let first = clear {
                        d.error(t.place, zh: "只能有一个结果类别的 tone 为 clear（已有“\(first)”）", en: "only one result category may be clear ('\(first)' is)")
                    }
                    clear = code.value
                }
            }
            if !seen.insert(code.value).inserted {
                d.error(code.place, zh: "结果代码“\(code.value)”重复", en: "duplicate result code '\(code.value)'")
            }
            let what = LocalizedText(zh: "结果类别“\(code.value)”", en: "result '\(code.value)'")
            guard let label = f.string("label", diagnostics: &d), let when = f.string("when", diagnostics: &d).flatMap({
                RuleExpression.compile($0, in: env, expecting: .bool, what: what, diagnostics: &d)
            }), let rank, let tone else { continue }
            out.append(ResultCategory(code: code.value, label: label.value, labelEN: f.string("label_en", diagnostics: &d)?.value,
                                      when: when, rank: rank.value, tone: tone, place: code.place))
        }
        if !list.isEmpty, clear == nil, !d.hasErrors {
            d.error(top.value.place, zh: "须有一个结果类别的 tone 为 clear（未发现问题）", en: "one result category must be clear (no problem found)")
        }
        return out
    }

    static func loadTargets(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> [Target] {
        guard let root = file.rootValue else { return [] }
        let top = FieldReader(root, shape: OrganisationShapes.targets, diagnostics: &d)
        var out: [Target] = []
        for v in top.list("targets", diagnostics: &d) ?? [] {
            let f = FieldReader(v, shape: OrganisationShapes.target, diagnostics: &d)
            guard f.ok, let id = f.string("id", diagnostics: &d), let title = f.string("title", diagnostics: &d),
                  let measure = f.string("measure", diagnostics: &d).flatMap({ Target.Measure(rawValue: $0.value) }),
                  !f.isInvalid("at_least") else { continue }
            out.append(Target(id: id.value, title: title.value, titleEN: f.string("title_en", diagnostics: &d)?.value,
                              measure: measure, atLeast: f.number("at_least", diagnostics: &d)?.value))
        }
        return out
    }
}
