import CEL
import Messages
import WorkingDays

/// A spot-check plan (抽查计划 / 实施方案), SPEC.md §5.
public struct Plan: Sendable {
    public enum Rounding: String, Sendable, CaseIterable { case ceil, round, floor }

    /// How many entities to draw.
    public enum Sample: Sendable {
        case all
        case count(Int)
        case rate(Double)
        /// Per-stratum rates, the stratum given by a CEL expression over `entity`.
        case stratified(strata: RuleExpression, rates: [String: Double])
    }

    /// A change to a published plan (调整后的计划备案并向社会公开): when and why.
    public struct Revision: Sendable, Hashable {
        public var on: CivilDate
        public var reason: String
        public var reasonEN: String?
    }

    public var id: String
    public var title: String
    public var titleEN: String?
    /// The county (city, province) whose bodies run the plan (`Rules/jurisdictions/`).
    public var jurisdiction: String
    /// The documents the plan rests on (依据), as published.
    public var basis: String?
    /// The latest change to the plan, if it was changed after it was first published.
    public var revision: Revision?
    public var lead: String
    public var departments: [String]
    public var window: ClosedRange<CivilDate>
    public var population: RuleExpression
    public var sample: Sample
    public var rounding: Rounding
    public var declaredRate: Double?
    /// The plan draws by credit-risk grade (信用风险分级分类) and counts toward that target.
    public var creditGraded: Bool
    public var inspectorsPerTeam: Int
    /// How many of a department's drawn team findings must name (检查人员不少于2人).
    public var minOnSite: Int
    public var inspectorPool: RuleExpression?
    public var avoid: RuleExpression?
    public var checklists: [String: [String]]
    public var confirmWithinWorkingDays: Int
    public var resultsWithinWorkingDays: Int
    public var discloseWithinWorkingDays: Int
    public var path: String
    public var sha256: String
    public var place: Place
    var checklistPlaces: [String: Place]
    var departmentPlaces: [String: Place]
    /// Where each stratum's rate was written (`rates: {A: …}`).
    var ratePlaces: [String: Place] = [:]
}

enum PlanLoader {
    static func load(_ file: YAMLFile, contexts: ExpressionContexts, diagnostics d: inout Diagnostics) -> Plan? {
        guard let root = file.rootValue else { return nil }
        let f = FieldReader(root, shape: PlanShapes.plan, diagnostics: &d)
        guard f.ok else { return nil }
        let before = d.errors.count
        let env = contexts.plan
        let id = f.string("plan", diagnostics: &d)
        if let id, let problem = SafeName.problem(id.value, what: LocalizedText(zh: "计划标识", en: "the plan id")) {
            d.error(id.place, zh: problem.zh, en: problem.en)
        }
        let title = f.string("title", diagnostics: &d)
        let jurisdiction = f.string("jurisdiction", diagnostics: &d)
        let basis = f.string("basis", diagnostics: &d)
        var revision: Plan.Revision?
        if let r = f.node("revision") {
            let rf = FieldReader(r, shape: PlanShapes.revision, diagnostics: &d)
            if rf.ok, let on = date(rf, "on"), let reason = rf.string("reason", diagnostics: &d) {
                revision = Plan.Revision(on: on, reason: reason.value, reasonEN: rf.string("reason_en", diagnostics: &d)?.value)
            }
        }
        let lead = f.string("lead", diagnostics: &d)
        let departments = f.strings("departments", diagnostics: &d) ?? []
        let population = f.string("population", diagnostics: &d).flatMap {
            RuleExpression.compile($0, in: env, expecting: .bool, what: LocalizedText(zh: "抽查范围（population）", en: "the population"), diagnostics: &d)
        }
        var window: ClosedRange<CivilDate>?
        if let w = f.node("window") {
            let wf = FieldReader(w, shape: PlanShapes.window, diagnostics: &d)
            if let from = date(wf, "from"), let to = date(wf, "to") {
                if from <= to { window = from...to } else {
                    d.error(w.place, zh: "抽查时间的起始日期晚于结束日期", en: "the window starts after it ends")
                }
            }
        }
        var sample: Plan.Sample?
        var rounding = Plan.Rounding.ceil
        var declared: Double?
        var creditGraded = false
        var ratePlaces: [String: Place] = [:]
        if let s = f.node("sample") {
            let sf = FieldReader(s, shape: PlanShapes.sample, diagnostics: &d)
            rounding = sf.string("rounding", diagnostics: &d).flatMap { Plan.Rounding(rawValue: $0.value) } ?? .ceil
            declared = sf.number("declared_rate", diagnostics: &d)?.value
            creditGraded = sf.bool("credit_graded", diagnostics: &d) ?? false
            if sf.ok { sample = readSample(sf, env, &d) }
            for (k, _) in sf.node("rates")?.mapping ?? [] { if let t = k.text { ratePlaces[t] = k.place } }
        }
        var perTeam = 2
        var minOnSite = 2
        var pool: RuleExpression?, avoid: RuleExpression?
        if let i = f.node("inspectors") {
            let inf = FieldReader(i, shape: PlanShapes.inspectors, diagnostics: &d)
            perTeam = inf.integer("per_team", diagnostics: &d)?.value ?? 2
            if let n = inf.integer("min_on_site", diagnostics: &d) {
                if n.value > perTeam {
                    d.error(n.place, zh: "min_on_site（\(n.value)）不能多于每组人数 per_team（\(perTeam)）", en: "min_on_site (\(n.value)) cannot exceed per_team (\(perTeam))")
                } else {
                    minOnSite = n.value
                }
            }
            pool = inf.string("pool", diagnostics: &d).flatMap {
                RuleExpression.compile($0, in: env, expecting: .bool, what: LocalizedText(zh: "检查人员范围（pool）", en: "the inspector pool"), diagnostics: &d)
            }
            avoid = inf.string("avoid", diagnostics: &d).flatMap {
                RuleExpression.compile($0, in: env, expecting: .bool, what: LocalizedText(zh: "回避规则（avoid）", en: "the avoid rule"), diagnostics: &d)
            }
        }
        var checklists: [String: [String]] = [:]
        var checklistPlaces: [String: Place] = [:]
        if let c = f.node("checklists"), !f.isInvalid("checklists") {
            for (k, v) in c.mapping ?? [] {
                guard let dept = k.text else { continue }
                let ids = v.sequence?.compactMap { item -> String? in
                    if let t = item.text { checklistPlaces[dept + "/" + t] = item.place }
                    return item.text
                } ?? []
                checklists[dept] = ids
                checklistPlaces["dept:" + dept] = k.place
            }
        }
        var deadlines = (2, 5, 20)
        if let dl = f.node("deadlines") {
            let df = FieldReader(dl, shape: PlanShapes.deadlines, diagnostics: &d)
            deadlines.0 = df.integer("confirm_within_working_days", diagnostics: &d)?.value ?? 2
            deadlines.1 = df.integer("results_within_working_days", diagnostics: &d)?.value ?? 5
            deadlines.2 = df.integer("disclose_within_working_days", diagnostics: &d)?.value ?? 20
        }
        guard d.errors.count == before, let id, let title, let jurisdiction, let lead, let window, let population, let sample else { return nil }
        var deptPlaces: [String: Place] = [:]
        for dep in departments { deptPlaces[dep.value] = dep.place }
        deptPlaces["lead:" + lead.value] = lead.place
        deptPlaces["jurisdiction:" + jurisdiction.value] = jurisdiction.place
        return Plan(id: id.value, title: title.value, titleEN: f.string("title_en", diagnostics: &d)?.value,
                    jurisdiction: jurisdiction.value, basis: basis?.value, revision: revision, lead: lead.value,
                    departments: departments.map(\.value), window: window, population: population, sample: sample,
                    rounding: rounding, declaredRate: declared, creditGraded: creditGraded, inspectorsPerTeam: perTeam,
                    minOnSite: minOnSite, inspectorPool: pool, avoid: avoid,
                    checklists: checklists, confirmWithinWorkingDays: deadlines.0, resultsWithinWorkingDays: deadlines.1,
                    discloseWithinWorkingDays: deadlines.2, path: file.path, sha256: file.sha256, place: id.place,
                    checklistPlaces: checklistPlaces, departmentPlaces: deptPlaces, ratePlaces: ratePlaces)
    }

    /// A date the shape has checked (nil when missing or reported).
    private static func date(_ f: FieldReader, _ key: String) -> CivilDate? {
        guard !f.isInvalid(key), let v = f.node(key), case .date(let p) = v.resolved else { return nil }
        return CivilDate(year: p.year, month: p.month, day: p.day)
    }

    private static func readSample(_ sf: FieldReader, _ env: Environment, _ d: inout Diagnostics) -> Plan.Sample? {
        let kinds = ["strata", "rate", "count", "all"].filter { sf.has($0) }
        guard kinds.count == 1 else {
            d.error(sf.value.place, zh: "抽样方式应为 strata+rates、rate、count、all 之一", en: "the sample must be one of strata+rates, rate, count or all")
            return nil
        }
        switch kinds[0] {
        case "all": return .all
        case "count": return sf.integer("count", diagnostics: &d).map { .count($0.value) }
        case "rate": return sf.number("rate", diagnostics: &d).map { .rate($0.value) }
        default:
            let strata = sf.string("strata", diagnostics: &d).flatMap {
                RuleExpression.compile($0, in: env, what: LocalizedText(zh: "分层表达式（strata）", en: "the strata expression"), diagnostics: &d)
            }
            guard let ratesNode = sf.require("rates", diagnostics: &d), !sf.isInvalid("rates") else { return nil }
            var rates: [String: Double] = [:]
            for (k, v) in ratesNode.locatedEntries(diagnostics: &d, what: LocalizedText(zh: "rates", en: "rates")) ?? [] {
                switch v.value {
                case .int(let i): rates[k.value] = Double(i)
                case .double(let r): rates[k.value] = r
                default: break
                }
            }
            return strata.map { .stratified(strata: $0, rates: rates) }
        }
    }
}
