import Directories
import Messages

/// The shapes of the directory declarations, the holiday calendar and the
/// disclosure rules.
enum SupportShapes {
    static let columnType = Choices(ColumnType.allCases.map(\.rawValue), what: LocalizedText(zh: "列类型", en: "column type"), aliases: [
        "integer": "int", "number": "double", "float": "double", "decimal": "double", "boolean": "bool", "yes_no": "bool",
        "text": "string", "str": "string", "timestamp": "date", "datetime": "date", "array": "list",
        "文本": "string", "整数": "int", "数值": "double", "日期": "date", "列表": "list",
    ])
    static let redaction = Choices(DisclosurePolicy.Rule.allCases.map(\.rawValue), what: LocalizedText(zh: "隐去规则", en: "redaction rule"))

    static let column = ObjectShape("列", "a column", [
        FieldShape("name", .text, required: true, "列名（CSV 表头）", "Column name (the CSV header)"),
        FieldShape("type", .choice(columnType), "string、int、double、bool、date、list（默认 string）", "string, int, double, bool, date or list (default string)"),
        FieldShape("required", .boolean, "不能为空", "Must not be empty"),
        FieldShape("personal", .boolean, "自然人信息：公示前隐去", "Data of a natural person: removed before disclosure"),
        FieldShape("title", .text, "表单上的列名", "The column's title on forms"),
        FieldShape("title_en", .text, "英文列名", "The title in English"),
        FieldShape("labels", .dictionary(.text), "编码值 → 显示名称", "Coded value → label"),
        FieldShape("labels_en", .dictionary(.text), "编码值 → 英文显示名称", "Coded value → English label"),
    ])
    static let directory = ObjectShape("名录库", "a directory", [
        FieldShape("key", .text, required: true, "主键列", "The key column"),
        FieldShape("columns", .list(.object(column)), required: true, "列", "Columns"),
    ])
    static let directories = ObjectShape("名录库定义", "the directories file", [
        FieldShape("entities", .object(directory), required: true, "检查对象名录库", "The entity directory"),
        FieldShape("inspectors", .object(directory), required: true, "执法检查人员名录库", "The inspector directory"),
    ])

    static let holiday = ObjectShape("节日", "a holiday", [
        FieldShape("name", .text, required: true, "节日名称", "Name"),
        FieldShape("days", .list(.date), "放假日期（或用 from、to）", "Days off (or from and to)"),
        FieldShape("from", .date, "放假开始", "First day off"),
        FieldShape("to", .date, "放假结束", "Last day off"),
    ], exactlyOne: [["days"], ["from", "to"]])
    static let calendar = ObjectShape("节假日安排", "a holiday calendar", [
        FieldShape("year", .integer, required: true, "年份", "Year"),
        FieldShape("source", .text, "国务院办公厅通知", "The State Council notice"),
        FieldShape("holidays", .list(.object(holiday)), required: true, "节假日", "Public holidays"),
        FieldShape("makeup_workdays", .list(.date), "调休上班的周末", "Weekend days that are worked"),
    ])

    static let pattern = ObjectShape("隐去模式", "a pattern", [
        FieldShape("pattern", .text, required: true, "正则表达式", "A regular expression"),
        FieldShape("replacement", .text, required: true, "替换为", "The replacement"),
    ])
    static let disclosure = ObjectShape("公示规则", "the disclosure rules", [
        FieldShape("redact", .list(.choice(redaction)), required: true, "id_card_numbers、phone_numbers、personal_columns", "id_card_numbers, phone_numbers, personal_columns"),
        FieldShape("patterns", .list(.object(pattern)), "额外的 {pattern, replacement}", "Extra {pattern, replacement}"),
    ])
}
