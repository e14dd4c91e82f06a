import Messages

/// The shapes of the files that name who does what: departments,
/// authorities, jurisdictions, routing, result categories and targets.
enum OrganisationShapes {
    static let routeKind = Choices(RouteKind.allCases.map(\.rawValue), what: LocalizedText(zh: "移送类型", en: "route kind"), aliases: [
        "referral": "transfer", "move": "transfer", "转办": "transfer", "移交": "transfer",
        "crime": "judicial", "police": "judicial", "court": "judicial", "移送司法": "judicial", "司法": "judicial",
        "credit": "credit_record", "信用": "credit_record", "信用记录": "credit_record",
        "followup": "rectification_followup", "follow_up": "rectification_followup", "rectification": "rectification_followup",
        "整改": "rectification_followup", "后续处理": "rectification_followup",
    ])
    static let tone = Choices(ResultCategory.Tone.allCases.map(\.rawValue), what: LocalizedText(zh: "tone", en: "tone"), aliases: [
        "ok": "clear", "good": "clear", "green": "clear", "none": "clear", "warning": "notice", "info": "notice",
        "yellow": "notice", "bad": "serious", "red": "serious", "severe": "serious", "danger": "serious",
    ])
    static let measure = Choices(Target.Measure.allCases.map(\.rawValue), what: LocalizedText(zh: "统计口径", en: "measure"))
    static let share = Bounds<Double>(min: 0, max: 1, message: LocalizedText(zh: "比例应在 0 至 1 之间，实为 {value}", en: "a share must be between 0 and 1, not {value}"))

    private static let name: [FieldShape] = [
        FieldShape("name", .text, required: true, "名称", "Name"),
        FieldShape("name_en", .text, "英文名称", "Name in English"),
    ]

    static let department = ObjectShape("部门", "a department", [
        FieldShape("id", .identifier, required: true, "部门标识（职能，不是机构）", "Department id (a function, not a body)"),
    ] + name + [
        FieldShape("domains", .list(.identifier), required: true, "主管的问题领域", "The kinds of problem it is competent for"),
    ])
    static let departments = ObjectShape("部门文件", "the departments file", [
        FieldShape("departments", .list(.object(department)), required: true, "部门", "Departments"),
    ])

    static let authority = ObjectShape("机关", "an authority", [
        FieldShape("id", .identifier, required: true, "机关标识", "Authority id"),
    ] + name + [
        FieldShape("kind", .choice(routeKind), required: true, "接收的移送类型", "The route kind it receives"),
    ])
    static let authorities = ObjectShape("机关文件", "the authorities file", [
        FieldShape("authorities", .list(.object(authority)), required: true, "接收移送、不执行检查的机关", "Bodies that receive referrals but run no checklist"),
    ])

    static let body = ObjectShape("机构", "a body", name)
    static let jurisdiction = ObjectShape("辖区文件", "a jurisdiction file", [
        FieldShape("jurisdiction", .identifier, required: true, "辖区标识", "Jurisdiction id"),
    ] + name + [
        FieldShape("bodies", .dictionary(.object(body)), required: true, "部门或机关标识 → 本辖区执行该职责的机构 {name, name_en}", "Department or authority id → the body performing it here {name, name_en}"),
        FieldShape("lead_office", .text, required: true, "领导小组办公室", "The leading group office"),
        FieldShape("lead_office_en", .text, "英文名称", "The office in English"),
    ])

    static let route = ObjectShape("路由规则", "a route", [
        FieldShape("id", .text, required: true, "规则标识", "Route id"),
        FieldShape("title", .text, "规则名称", "Title"),
        FieldShape("when", .expression, required: true, "CEL：对 violation、inspection、entity 为真时移送", "CEL over violation, inspection, entity"),
        FieldShape("to", .identifier, required: true, "部门或机关标识，或 competent（主管该领域的部门）", "A department or authority id, or competent"),
        FieldShape("kind", .choice(routeKind), required: true, "transfer、judicial、credit_record、rectification_followup", "transfer, judicial, credit_record or rectification_followup"),
        FieldShape("within_working_days", .integer(Bounds(min: 0, max: 365, message: LocalizedText(
            zh: "期限应在 0 至 365 个工作日之间", en: "the deadline must be 0 to 365 working days"))), "办理期限（工作日）", "The handling deadline in working days"),
    ])
    static let routing = ObjectShape("路由文件", "the routing file", [
        FieldShape("routes", .list(.object(route)), required: true, "移送规则，按顺序", "Routes, in order"),
    ])

    static let result = ObjectShape("结果类别", "a result category", [
        FieldShape("code", .text, required: true, "结果代码", "Result code"),
        FieldShape("label", .text, required: true, "公示的结果名称", "The published label"),
        FieldShape("label_en", .text, "英文名称", "The label in English"),
        FieldShape("when", .expression, required: true, "CEL：对 violations、inspection、entity 为真时即为此结果", "CEL over violations, inspection, entity"),
        FieldShape("rank", .integer, required: true, "严重程度的排序（唯一）", "How serious (unique)"),
        FieldShape("tone", .choice(tone), required: true, "clear、notice、serious", "clear, notice or serious"),
    ])
    static let results = ObjectShape("结果类别文件", "the results file", [
        FieldShape("results", .list(.object(result)), required: true, "抽查结果类别，按顺序", "Result categories, in order"),
    ])

    static let target = ObjectShape("指标", "a target", [
        FieldShape("id", .text, required: true, "指标标识", "Target id"),
        FieldShape("title", .text, required: true, "指标名称", "Title"),
        FieldShape("title_en", .text, "英文名称", "Title in English"),
        FieldShape("measure", .choice(measure), required: true, "统计口径", "What is measured"),
        FieldShape("at_least", .number(share), "目标比例 0–1（不填则只报告）", "The share to reach, 0–1 (reported only when absent)"),
    ])
    static let targets = ObjectShape("指标文件", "the targets file", [
        FieldShape("targets", .list(.object(target)), required: true, "年度指标", "Yearly targets"),
    ])
}
