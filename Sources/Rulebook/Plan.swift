import Messages
import WorkingDays

/// A spot-check plan (抽查计划 / 实施方案), SPEC.md §5.
public struct Plan: Sendable {
    public enum Rounding: String, Sendable { case ceil, round, floor }

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
}

enum PlanLoader {
    static func load(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> Plan? {
        guard let root = file.rootValue else { return nil }
        let f = FieldReader(root, allowed: ["plan", "title", "title_en", "jurisdiction", "basis", "revision", "lead", "departments",
                                            "window", "population", "sample", "inspectors", "checklists", "deadlines"],
                            what: LocalizedText(zh: "抽查计划", en: "a plan"), diagnostics: &d)
        guard f.ok else { return nil }
        let before = d.errors.count
        let id = f.string("plan", required: true, diagnostics: &d)
        if let id, let problem = SafeName.problem(id.value, what: LocalizedText(zh: "计划标识", en: "the plan id")) {
            d.error(id.place, zh: problem.zh, en: problem.en)
        }
        let title = f.string("title", required: true, diagnostics: &d)
        let jurisdiction = f.string("jurisdiction", required: true, diagnostics: &d)
        let basis = f.string("basis", diagnostics: &d)
        var revision: Plan.Revision?
        if let r = f.node("revision") {
            let rf = FieldReader(r, allowed: ["on", "reason", "reason_en"], what: LocalizedText(zh: "计划调整", en: "the revision"), diagnostics: &d)
            if rf.ok, let on = date(rf, "on", &d), let reason = rf.string("reason", required: true, diagnostics: &d) {
                revision = Plan.Revision(on: on, reason: reason.value, reasonEN: rf.string("reason_en", diagnostics: &d)?.value)
            }
        }
        let lead = f.string("lead", required: true, diagnostics: &d)
        let departments = f.strings("departments", required: true, diagnostics: &d) ?? []
        let what = LocalizedText(zh: "抽查计划", en: "the plan")
        let population = f.string("population", required: true, diagnostics: &d).flatMap {
            RuleExpression.compile($0, in: Contexts.plan, expecting: .bool, what: what, diagnostics: &d)
        }
        var window: ClosedRange<CivilDate>?
        if let w = f.require("window", diagnostics: &d) {
            let wf = FieldReader(w, allowed: ["from", "to"], what: LocalizedText(zh: "抽查时间", en: "the window"), diagnostics: &d)
            let from = date(wf, "from", &d), to = date(wf, "to", &d)
            if let from, let to {
                if from <= to { window = from...to } else {
                    d.error(w.place, zh: "抽查时间的起始日期晚于结束日期", en: "the window starts after it ends")
                }
            }
        }
        var sample: Plan.Sample?
        var rounding = Plan.Rounding.ceil
        var declared: Double?
        var creditGraded = false
        if let s = f.require("sample", diagnostics: &d) {
            let sf = FieldReader(s, allowed: ["strata", "rates", "rate", "count", "all", "rounding", "declared_rate", "credit_graded"],
                                 what: LocalizedText(zh: "抽样方式", en: "the sample"), diagnostics: &d)
            if let r = sf.string("rounding", diagnostics: &d) {
                if let v = Plan.Rounding(rawValue: r.value) { rounding = v } else {
                    d.error(r.place, zh: "取整方式应为 ceil、round 或 floor", en: "rounding must be ceil, round or floor")
                }
            }
            declared = sf.number("declared_rate", diagnostics: &d).flatMap { checkRate($0, &d) }
            creditGraded = sf.bool("credit_graded", diagnostics: &d) ?? false
            sample = readSample(sf, &d)
        }
        var perTeam = 2
        var minOnSite = 2
        var pool: RuleExpression?, avoid: RuleExpression?
        if let i = f.require("inspectors", diagnostics: &d) {
            let inf = FieldReader(i, allowed: ["per_team", "min_on_site", "pool", "avoid"], what: LocalizedText(zh: "检查人员", en: "inspectors"), diagnostics: &d)
            if let n = inf.integer("per_team", diagnostics: &d) {
                if n.value >= 2 && n.value <= 50 { perTeam = n.value } else {
                    d.error(n.place, zh: "实地核查时检查人员不少于2人，per_team 应在 2 至 50 之间", en: "on-site checks need at least 2 inspectors: per_team must be 2 to 50")
                }
            }
            if let n = inf.integer("min_on_site", diagnostics: &d) {
                if n.value < 2 {
                    d.error(n.place, zh: "实地核查时检查人员不少于2人，min_on_site 应至少为 2", en: "on-site checks need at least 2 inspectors: min_on_site must be at least 2")
                } else if n.value > perTeam {
                    d.error(n.place, zh: "min_on_site（\(n.value)）不能多于每组人数 per_team（\(perTeam)）", en: "min_on_site (\(n.value)) cannot exceed per_team (\(perTeam))")
                } else {
                    minOnSite = n.value
                }
            }
            pool = inf.string("pool", diagnostics: &d).flatMap { RuleExpression.compile($0, in: Contexts.plan, expecting: .bool, what: what, diagnostics: &d) }
            avoid = inf.string("avoid", diagnostics: &d).flatMap { RuleExpression.compile($0, in: Contexts.plan, expecting: .bool, what: what, diagnostics: &d) }
        }
        var checklists: [String: [String]] = [:]
        var checklistPlaces: [String: Place] = [:]
        if let c = f.require("checklists", diagnostics: &d) {
            for (k, v) in c.mapping ?? [] {
                guard let dept = k.text else { continue }
                let ids = v.sequence?.compactMap { item -> String? in
                    if let t = item.text { checklistPlaces[dept + "/" + t] = item.place }
                    return item.text
                } ?? []
                checklists[dept] = ids
                checklistPlaces["dept:" + dept] = k.place
            }
            if c.mapping == nil { d.error(c.place, zh: "checklists 应为“部门: [清单]”映射", en: "checklists must map departments to lists of checklists") }
        }
        var deadlines = (2, 5, 20)
        if let dl = f.node("deadlines") {
            let df = FieldReader(dl, allowed: ["confirm_within_working_days", "results_within_working_days", "disclose_within_working_days"],
                                 what: LocalizedText(zh: "期限", en: "deadlines"), diagnostics: &d)
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
                    checklistPlaces: checklistPlaces, departmentPlaces: deptPlaces)
    }

    private static func date(_ f: FieldReader, _ key: String, _ d: inout Diagnostics) -> CivilDate? {
        guard let v = f.require(key, diagnostics: &d) else { return nil }
        if case .date(let p) = v.resolved, let c = CivilDate(year: p.year, month: p.month, day: p.day) { return c }
        d.error(v.place, zh: "“\(key)”应为日期（如 2024-05-10）", en: "'\(key)' must be a date such as 2024-05-10")
        return nil
    }

    private static func checkRate(_ r: Located<Double>, _ d: inout Diagnostics) -> Double? {
        guard (0...1).contains(r.value) else {
            d.error(r.place, zh: "抽取比例应在 0 至 1 之间，实为 \(r.value)", en: "a rate must be between 0 and 1, not \(r.value)")
            return nil
        }
        return r.value
    }

    private static func readSample(_ sf: FieldReader, _ d: inout Diagnostics) -> Plan.Sample? {
        let kinds = ["strata", "rate", "count", "all"].filter { sf.has($0) }
        guard kinds.count == 1 else {
            d.error(sf.value.place, zh: "抽样方式应为 strata+rates、rate、count、all 之一", en: "the sample must be one of strata+rates, rate, count or all")
            return nil
        }
        switch kinds[0] {
        case "all": return .all
        case "count":
            guard let n = sf.integer("count", diagnostics: &d) else { return nil }
            guard n.value >= 0 else { d.error(n.place, zh: "抽取数量不能为负", en: "count must not be negative"); return nil }
            return .count(n.value)
        case "rate":
            return sf.number("rate", diagnostics: &d).flatMap { checkRate($0, &d) }.map { .rate($0) }
        default:
            let strata = sf.string("strata", diagnostics: &d).flatMap {
                RuleExpression.compile($0, in: Contexts.plan, what: LocalizedText(zh: "分层表达式", en: "the strata expression"), diagnostics: &d)
            }
            guard let ratesNode = sf.require("rates", diagnostics: &d) else { return nil }
            var rates: [String: Double] = [:]
            for (k, v) in ratesNode.locatedEntries(diagnostics: &d, what: LocalizedText(zh: "rates", en: "rates")) ?? [] {
                let x: Double?
                switch v.value { case .int(let i): x = Double(i); case .double(let r): x = r; default: x = nil }
                guard let x else { d.error(v.place, zh: "比例应为数值", en: "a rate must be a number"); continue }
                if let ok = checkRate(Located(x, v.place), &d) { rates[k.value] = ok }
            }
            return strata.map { .stratified(strata: $0, rates: rates) }
        }
    }
}
