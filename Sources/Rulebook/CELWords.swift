import CEL
import Messages

/// CEL's types and objects in the words of a rule author: 数字, 文字, 是/否,
/// 日期 rather than `int`, `string`, `bool`, `google.protobuf.Timestamp`.
enum CELWords {
    static func type(_ t: CELType) -> LocalizedText {
        switch t {
        case .int, .uint, .double: return LocalizedText(zh: "数字", en: "a number")
        case .string: return LocalizedText(zh: "文字", en: "text")
        case .bool: return LocalizedText(zh: "是/否", en: "true/false")
        case .timestamp: return LocalizedText(zh: "日期", en: "a date")
        case .duration: return LocalizedText(zh: "时长", en: "a duration")
        case .null: return LocalizedText(zh: "空值（null）", en: "null")
        case .bytes: return LocalizedText(zh: "字节串", en: "bytes")
        case .list(let e):
            if case .dyn = e { return LocalizedText(zh: "列表", en: "a list") }
            let w = type(e)
            return LocalizedText(zh: "\(w.zh)的列表", en: "a list of \(plural(w.en))")
        case .map: return LocalizedText(zh: "映射", en: "a map")
        case .object(let o): return object(o.name)
        case .type: return LocalizedText(zh: "类型", en: "a type")
        case .dyn, .param, .error: return LocalizedText(zh: "任意值", en: "any value")
        }
    }

    private static func plural(_ en: String) -> String {
        switch en {
        case "a number": return "numbers"
        case "a date": return "dates"
        case "a duration": return "durations"
        case "true/false": return "true/false values"
        case "a list": return "lists"
        case "a map": return "maps"
        default: return en.hasPrefix("a ") ? String(en.dropFirst(2)) + "s" : en
        }
    }

    /// How messages name the declared objects.
    static func object(_ name: String) -> LocalizedText {
        switch name {
        case "entity": return LocalizedText(zh: "检查对象（entity）", en: "the entity")
        case "inspector": return LocalizedText(zh: "检查人员（inspector）", en: "the inspector")
        case "inspection": return LocalizedText(zh: "检查记录（inspection）", en: "the inspection")
        case "violation": return LocalizedText(zh: "违规（violation）", en: "a violation")
        case "plan": return LocalizedText(zh: "计划（plan）", en: "the plan")
        case "plan.window": return LocalizedText(zh: "计划的抽查时间（plan.window）", en: "the plan's window")
        default: return LocalizedText(zh: name, en: name)
        }
    }

    /// "… has no field 'x'", for an object: a directory says column.
    static func missingField(_ field: String, of owner: String) -> LocalizedText {
        switch owner {
        case "entity":
            return LocalizedText(zh: "检查对象名录（Rules/directories.yaml 的 entities）中没有“\(field)”列",
                                 en: "the entity directory (entities in Rules/directories.yaml) has no column '\(field)'")
        case "inspector":
            return LocalizedText(zh: "检查人员名录（Rules/directories.yaml 的 inspectors）中没有“\(field)”列",
                                 en: "the inspector directory (inspectors in Rules/directories.yaml) has no column '\(field)'")
        default:
            let o = object(owner)
            return LocalizedText(zh: "\(o.zh)没有“\(field)”这一项", en: "\(o.en) has no field '\(field)'")
        }
    }

    /// Operators by what they do, for "cannot add …".
    static let arithmetic: [String: LocalizedText] = [
        "+": LocalizedText(zh: "相加", en: "add"), "-": LocalizedText(zh: "相减", en: "subtract"),
        "*": LocalizedText(zh: "相乘", en: "multiply"), "/": LocalizedText(zh: "相除", en: "divide"),
        "%": LocalizedText(zh: "取余", en: "take the remainder of"),
    ]
    static let comparisons: Set<String> = ["<", "<=", ">", ">=", "==", "!="]

    static func isNumber(_ t: CELType) -> Bool {
        switch t { case .int, .uint, .double: return true; default: return false }
    }
}
