import Directories
import Foundation
import Rulebook

/// A findings file to fill in (SPEC.md §6) for one task, department and
/// checklist: the entity's directory row inline (so `spotcheck check` needs
/// no directory), the matched inspectors, and under `answers:` every item
/// that is asked (not computed, not a rule) set to `null`, each preceded by
/// a comment with its title and what kind of answer it takes. Once
/// `inspected_on` and the answers are filled in, `spotcheck check` accepts
/// the file. Items left `null` are "not answered" (`not_checked`).
public enum FindingsTemplate {
    public static func yaml(_ task: DrawTask, team: DrawTaskTeam, checklist: Checklist, applies: Bool?,
                            outcome: PlanDrawOutcome, rulebook: Rulebook) -> String {
        let plan = outcome.plan
        let row = outcome.entities[task.entity]
        let entityName = row?["name"]?.canonicalText ?? ""
        var y = """
            # 检查记录模板（联合检查记录表 \(task.id) 的一部分）：\(comment(entityName))
            # \(comment(rulebook.name(of: team.department, in: plan.jurisdiction)))：\(comment(checklist.title))（\(checklist.id)，版本 \(checklist.version)）
            # 填写 inspected_on 与 answers 中各事项的答案（null 表示未作答），然后运行：spotcheck check <本文件>
            # Findings template: fill in inspected_on and the answers (null = not answered), then run `spotcheck check <file>`.

            """
        if applies == false {
            y += "# 注意：按该清单的适用范围，本对象不在检查之列。\n"
        }
        y += "plan: \(quoted(plan.id))\n"
        y += "task: \(quoted(task.id))\n"
        y += "entity:\n"
        let record = row.map(DirectoryData.record) ?? ["id": .string(task.entity)]
        let order = (rulebook.entitySchema?.columns.map(\.name) ?? []) + record.keys.sorted()
        var written: Set<String> = []
        for key in order where !written.contains(key) {
            guard let value = record[key] else { continue }
            written.insert(key)
            y += "  \(plainKey(key)): \(scalar(value))\n"
        }
        y += "department: \(quoted(team.department))\n"
        y += "checklist: \(quoted(checklist.id))\n"
        y += "inspected_on: null   # 必填：检查日期 YYYY-MM-DD（抽查时间 \(plan.window.lowerBound) 至 \(plan.window.upperBound)）\n"
        y += "inspectors: [\(team.inspectors.map(quoted).joined(separator: ", "))]   # 第\(team.team)组\n"
        y += "signature: signed   # signed | refused（拒绝签字的，在 refusal_note 中如实记录）\n"
        y += "refusal_note: \"\"\n"
        y += "cooperation: cooperated   # cooperated | obstructed（拒绝、阻碍检查） | unreachable（无法联系） | not_operating（未开展相关经营活动）\n"
        y += "answers:\n"
        for item in checklist.items where !item.isRule && item.compute == nil {
            y += "  # \(comment(item.title))\(hint(item))\n"
            y += "  \(plainKey(item.id)): null\n"
        }
        y += "notes: {}              # 事项 id: 说明\n"
        y += "evidence: {}           # 事项 id: [照片或文件路径]\n"
        y += "rectified_on_site: []  # 当场责令改正并已改正的事项 id\n"
        y += "methods: []            # 检查方式：" + InspectionMethod.allCases.map { "\($0.rawValue)（\($0.label.zh)）" }.joined(separator: " | ") + "\n"
        y += "assistants: []         # 选派协助的专业人员：- {name: 姓名, organisation: 单位}\n"
        return y
    }

    /// What kind of answer the item takes, for its comment line.
    static func hint(_ item: ChecklistItem) -> String {
        var parts: [String] = []
        switch item.answer {
        case .yesNo?: parts.append("是/否：true | false")
        case .number?: parts.append("数值")
        case .integer?: parts.append("整数")
        case .text?: parts.append("文本")
        case .choice?: parts.append("选项：" + item.options.map(quoted).joined(separator: " | "))
        case .date?: parts.append("日期 YYYY-MM-DD")
        case .photo?: parts.append("照片路径列表")
        case nil: break
        }
        if let unit = item.unit { parts.append("单位 \(unit)") }
        if let range = item.range { parts.append("范围 \(TaskForm.number(range.lowerBound))–\(TaskForm.number(range.upperBound))") }
        if let note = item.relevantNote { parts.append(note) } else if item.relevant != nil { parts.append("视情况作答") }
        if item.keyItem { parts.append("重点检查事项") }
        if !item.required { parts.append("选填") }
        return parts.isEmpty ? "" : " — " + comment(parts.joined(separator: "；"))
    }

    /// Text safe inside a `#` comment: one line.
    static func comment(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// A mapping key: plain when it is a simple identifier, else quoted.
    static func plainKey(_ key: String) -> String {
        let simple = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
        }
        return simple ? key : quoted(key)
    }

    /// A datum as a YAML flow scalar that reads back as the same datum.
    static func scalar(_ value: Datum) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            let text = String(d)
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .string(let s): return quoted(s)
        case .date: return value.display
        case .list(let items): return "[" + items.map(scalar).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { "\(quoted($0)): \(scalar(m[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
                    out += "\\u" + String(format: "%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
