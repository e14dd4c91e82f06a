import Messages

/// The shapes of a plan file (SPEC.md §5).
enum PlanShapes {
    static let rounding = Choices(Plan.Rounding.allCases.map(\.rawValue), what: LocalizedText(zh: "取整方式", en: "rounding"), aliases: [
        "ceiling": "ceil", "up": "ceil", "向上取整": "ceil", "不少于": "ceil", "down": "floor", "向下取整": "floor",
        "nearest": "round", "四舍五入": "round",
    ])
    static let rateBounds = Bounds<Double>(min: 0, max: 1, message: LocalizedText(zh: "抽取比例应在 0 至 1 之间，实为 {value}", en: "a rate must be between 0 and 1, not {value}"))
    private static let workingDays = ValueShape.integer(Bounds(min: 0, max: 365, message: LocalizedText(
        zh: "期限应在 0 至 365 个工作日之间，实为 {value}", en: "a deadline must be 0 to 365 working days, not {value}")))

    static let revision = ObjectShape("计划调整", "the revision", [
        FieldShape("on", .date, required: true, "调整日期", "When the plan was changed"),
        FieldShape("reason", .text, required: true, "调整原因", "Why"),
        FieldShape("reason_en", .text, "英文的调整原因", "Why, in English"),
    ])
    static let window = ObjectShape("抽查时间", "the window", [
        FieldShape("from", .date, required: true, "开始日期", "First day"),
        FieldShape("to", .date, required: true, "结束日期", "Last day"),
    ])
    static let sample = ObjectShape("抽样方式", "the sample", [
        FieldShape("strata", .expression, "CEL：分层依据（与 rates 同用）", "CEL: the stratum of an entity (with rates)"),
        FieldShape("rates", .dictionary(.number(rateBounds)), "各层的抽取比例", "The rate of each stratum"),
        FieldShape("rate", .number(rateBounds), "抽取比例", "One rate for all"),
        FieldShape("count", .integer(Bounds(min: 0, message: LocalizedText(zh: "抽取数量不能为负", en: "count must not be negative"))), "抽取数量", "How many to draw"),
        FieldShape("all", .boolean, "全部检查", "Inspect every entity"),
        FieldShape("rounding", .choice(rounding), "取整：ceil（不少于）、round、floor", "ceil, round or floor"),
        FieldShape("declared_rate", .number(rateBounds), "计划写明的总体比例（抽签报告差额）", "The plan's stated overall rate (the draw reports the gap)"),
        FieldShape("credit_graded", .boolean, "按信用风险分级抽取（计入该指标）", "Draws by credit-risk grade (counts toward that target)"),
    ], exactlyOne: [["strata"], ["rate"], ["count"], ["all"]], needs: ["strata": ["rates"]])
    static let inspectors = ObjectShape("检查人员", "inspectors", [
        FieldShape("per_team", .integer(Bounds(min: 2, max: 50, message: LocalizedText(
            zh: "实地核查时检查人员不少于2人，per_team 应在 2 至 50 之间", en: "on-site checks need at least 2 inspectors: per_team must be 2 to 50"))),
                   "每个部门每组人数（至少 2）", "Inspectors per team per department (at least 2)"),
        FieldShape("min_on_site", .integer(Bounds(min: 2, message: LocalizedText(
            zh: "实地核查时检查人员不少于2人，min_on_site 应至少为 2", en: "on-site checks need at least 2 inspectors: min_on_site must be at least 2"))),
                   "检查结果须列明的最少检查人员数", "How many of the team findings must name"),
        FieldShape("pool", .expression, "CEL：可抽取的检查人员", "CEL: which inspectors may be drawn"),
        FieldShape("avoid", .expression, "CEL：回避（为真则不得匹配）", "CEL: conflict of interest (true: never match)"),
    ])
    static let deadlines = ObjectShape("期限", "deadlines", [
        FieldShape("confirm_within_working_days", workingDays, "名单比对确认期限（工作日）", "Working days to confirm the drawn list"),
        FieldShape("results_within_working_days", workingDays, "检查结果录入期限（工作日）", "Working days to enter results"),
        FieldShape("disclose_within_working_days", workingDays, "公示期限（工作日）", "Working days to disclose"),
    ])

    static let plan = ObjectShape("抽查计划", "a plan", [
        FieldShape("plan", .pattern("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"), required: true, "计划标识：字母、数字、-、_、.", "Plan id: letters, digits, -, _ and ."),
        FieldShape("title", .text, required: true, "计划名称", "The plan's title"),
        FieldShape("title_en", .text, "英文名称", "The title in English"),
        FieldShape("jurisdiction", .identifier, required: true, "辖区（Rules/jurisdictions/）", "The jurisdiction (Rules/jurisdictions/)"),
        FieldShape("basis", .text, "计划依据的文件", "The documents the plan rests on"),
        FieldShape("revision", .object(revision), "计划调整：{on, reason, reason_en}", "A change after publication: {on, reason, reason_en}"),
        FieldShape("lead", .identifier, required: true, "牵头部门", "The leading department"),
        FieldShape("departments", .list(.identifier), required: true, "参与部门", "The joining departments"),
        FieldShape("window", .object(window), required: true, "抽查时间 {from, to}", "The window {from, to}"),
        FieldShape("population", .expression, required: true, "CEL：抽查对象范围（entity、plan）", "CEL: the population (entity, plan)"),
        FieldShape("sample", .object(sample), required: true, "抽样方式", "How many to draw"),
        FieldShape("inspectors", .object(inspectors), required: true, "检查人员", "Inspectors"),
        FieldShape("checklists", .dictionary(.list(.text)), required: true, "部门 → 检查事项清单", "Department → checklist ids"),
        FieldShape("deadlines", .object(deadlines), "期限（工作日）", "Deadlines in working days"),
    ])
}
