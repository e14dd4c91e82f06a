import Messages

/// The shapes of a checklist file (SPEC.md §4, docs/rule-files.md).
enum ChecklistShapes {
    static let answer = Choices(AnswerType.allCases.map(\.rawValue), what: LocalizedText(zh: "答案类型", en: "answer"), aliases: [
        "boolean": "yes_no", "bool": "yes_no", "yesno": "yes_no", "yn": "yes_no", "check": "yes_no", "是否": "yes_no",
        "int": "integer", "整数": "integer", "float": "number", "double": "number", "decimal": "number", "num": "number",
        "数值": "number", "数字": "number", "string": "text", "str": "text", "文本": "text", "文字": "text",
        "select": "choice", "enum": "choice", "option": "choice", "options": "choice", "radio": "choice", "单选": "choice",
        "选项": "choice", "datetime": "date", "timestamp": "date", "日期": "date", "image": "photo", "picture": "photo",
        "照片": "photo", "图片": "photo",
    ])
    static let severity = Choices(Severity.allCases.map(\.rawValue), what: LocalizedText(zh: "严重程度", en: "severity"), aliases: [
        "high": "serious", "critical": "serious", "major": "serious", "severe": "serious", "严重": "serious",
        "medium": "general", "normal": "general", "moderate": "general", "一般": "general",
        "low": "minor", "small": "minor", "轻微": "minor", "较轻": "minor",
    ])
    static let evidenceKinds = ["photo", "document"]
    static let evidence = Choices(evidenceKinds, what: LocalizedText(zh: "证据类型", en: "evidence"), aliases: [
        "image": "photo", "picture": "photo", "照片": "photo", "图片": "photo",
        "file": "document", "doc": "document", "paper": "document", "文件": "document", "书面材料": "document",
    ])
    static let method = Choices(InspectionMethod.allCases.map(\.rawValue), what: LocalizedText(zh: "检查方式", en: "inspection method"),
                                aliases: Dictionary(InspectionMethod.allCases.map { ($0.label.zh, $0.rawValue) }, uniquingKeysWith: { a, _ in a }))
    static let statuses = ["pass", "fail", "not_applicable", "not_checked", "error"]
    static let status = Choices(statuses, what: LocalizedText(zh: "状态", en: "status"), aliases: [
        "passed": "pass", "ok": "pass", "failed": "fail", "violated": "fail", "na": "not_applicable", "n/a": "not_applicable",
        "skipped": "not_applicable", "unanswered": "not_checked",
    ])

    /// Keys an item and a rule share, after `id` and the titles.
    private static let common: [FieldShape] = [
        FieldShape("basis", .text, "法律依据，如《中华人民共和国食品安全法》第五十七条", "Legal basis"),
        FieldShape("violation", .expression, "CEL：为真即违规（value 是本事项的答案，其他事项按 id 读取）", "CEL: true means violated (value is this item's answer, other answers by id)"),
        FieldShape("message", .text, "违规时的说明；{value} 与 {事项id} 会被替换", "Shown when violated; {value} and {item_id} are replaced"),
        FieldShape("message_en", .text, "英文说明", "The message in English"),
        FieldShape("severity", .choice(severity), "严重程度：minor、general、serious（可判定违规时必填）", "minor, general or serious (required when the item can be violated)"),
        FieldShape("domain", .identifier, "问题所属的职责领域，移送给主管该领域的部门", "What kind of problem: routing sends it to the department owning the domain"),
        FieldShape("relevant", .expression, "CEL：为真时才检查本事项（跳题逻辑）", "CEL: asked only when true (skip logic)"),
        FieldShape("evidence", .choice(evidence), "违规时须附的证据：photo 或 document", "Evidence required when violated: photo or document"),
        FieldShape("suspected_crime", .boolean, "违规可能涉嫌犯罪：移送司法机关", "A violation may be a crime: referred to the judiciary"),
        FieldShape("credit_penalty", .boolean, "违规纳入信用记录", "A violation enters the credit record"),
        FieldShape("finding", .text, "公示时问题的表述（可判定违规时必填）", "How the problem reads when published (required when the item can be violated)"),
        FieldShape("finding_en", .text, "英文的问题表述", "The finding in English"),
        FieldShape("relevant_note", .text, "何时适用，用文字说明（表单上显示）", "When the item applies, in words, for forms"),
        FieldShape("relevant_note_en", .text, "英文的适用说明", "The relevant note in English"),
        FieldShape("key_item", .boolean, "重点检查事项", "A key item (重点检查事项)"),
        FieldShape("internet_plus_code", .text, "互联网+监管事项目录中的编码", "The item's code in the 互联网+监管 catalogue"),
        FieldShape("methods", .list(.choice(method)), "检查方式，默认 [on_site]", "How it may be checked; default [on_site]"),
    ]

    private static let head: [FieldShape] = [
        FieldShape("id", .identifier, required: true, "标识：小写字母、数字、下划线，清单内唯一", "Id: [a-z][a-z0-9_]*, unique in the file"),
        FieldShape("title", .text, required: true, "检查内容", "What is checked"),
        FieldShape("title_en", .text, "英文标题", "The title in English"),
    ]

    static let item = ObjectShape("检查事项", "a check item", head + [
        FieldShape("answer", .choice(answer), "答案类型：yes_no、number、integer、text、choice、date、photo（计算项不填）", "yes_no, number, integer, text, choice, date or photo (none for computed items)"),
        FieldShape("options", .list(.text), "choice 事项的可选答案", "For choice: the allowed answers"),
        FieldShape("unit", .text, "数值事项的单位，如 ℃", "For numbers: the unit, e.g. ℃"),
        FieldShape("range", .list(.number, count: 2...2), "数值事项的取值范围 [最小值, 最大值]，超出为录入错误", "For numbers: [min, max]; a value outside is an input error"),
        FieldShape("expect", .anything, "简写：答案不等于 expect 即违规", "Shorthand: violated when value != expect"),
        FieldShape("required", .boolean, "适用时是否必须作答，默认 true", "Whether a relevant item must be answered; default true"),
        FieldShape("compute", .expression, "CEL：由其他答案计算得出（不填 answer）", "CEL: the value is computed from other answers (no answer)"),
    ] + common, exactlyOne: [["answer"], ["compute"]])

    static let rule = ObjectShape("规则", "a rule", head + common.map { f in
        var f = f
        if f.key == "violation" { f.required = true }
        return f
    })

    static let example = ObjectShape("示例", "an example", [
        FieldShape("name", .text, required: true, "示例名称", "The example's name"),
        FieldShape("answers", .dictionary(.anything), required: true, "事项 id → 答案", "Item id → answer"),
        FieldShape("entity", .dictionary(.anything), "检查对象（名录库的列）", "The entity (directory columns)"),
        FieldShape("inspection", .dictionary(.anything), "检查记录（department、date …）", "The inspection (department, date …)"),
        FieldShape("expect_violations", .list(.identifier), required: true, "预期违规的事项 id，按文件顺序", "Ids expected to be violated, in file order"),
        FieldShape("expect_status", .dictionary(.choice(status)), "事项 id → pass、fail、not_applicable、not_checked、error", "Item id → pass, fail, not_applicable, not_checked or error"),
    ])

    static let checklist = ObjectShape("检查事项清单", "a checklist", [
        FieldShape("checklist", .pattern("^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$"), required: true, "清单标识：部门.名称", "Checklist id: <department>.<name>"),
        FieldShape("version", .text, required: true, "版本，如 \"2024.1\"", "Version, e.g. \"2024.1\""),
        FieldShape("department", .identifier, required: true, "所属部门（Rules/departments.yaml）", "The department (Rules/departments.yaml)"),
        FieldShape("title", .text, required: true, "清单名称", "The checklist's title"),
        FieldShape("title_en", .text, "英文名称", "The title in English"),
        FieldShape("applies_to", .expression, "CEL：适用于哪些检查对象", "CEL: which entities the checklist applies to"),
        FieldShape("items", .list(.object(item)), required: true, "检查事项", "Check items"),
        FieldShape("rules", .list(.object(rule)), "跨事项的规则", "Rules across items"),
        FieldShape("examples", .list(.object(example)), "示例：清单自己的测试（spotcheck test）", "Examples: the checklist's own tests (spotcheck test)"),
    ])
}
