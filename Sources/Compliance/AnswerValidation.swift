import CEL
import Messages
import Rulebook

/// Checks submitted answers against the checklist: every answer names an
/// asked item and has its type, range and options. A findings file that
/// fails here is not evaluated (SPEC.md §7).
enum AnswerValidation {
    /// The answers as CEL values by item index, or nil with diagnostics.
    static func validate(_ answers: [(key: Located<String>, value: Located<Datum>)], against c: Checklist,
                         diagnostics d: inout Diagnostics) -> [CELValue?]? {
        var out = [CELValue?](repeating: nil, count: c.items.count)
        let before = d.errors.count
        var seen = [Bool](repeating: false, count: c.items.count)
        var next = 0   // answers usually come in checklist order: try the next item before hashing
        var unknown = 0
        for k in answers.indices {
            // The key's text only; its place is read when there is something to say.
            let id = answers[k].key.value
            let guess = next < c.items.count && c.items[next].id == id ? next : nil
            guard let i = guess ?? c.indexOf(id) else {
                let key = answers[k].key
                // A file of thousands of unknown items says so once, not thousands of times.
                unknown += 1
                if unknown > maxReported { continue }
                let hint = Suggestion.closest(key.value, in: c.items.filter { !$0.isRule && $0.compute == nil }.map(\.id))
                d.error(key.place, zh: "清单“\(c.id)”中没有事项“\(key.value)”" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                        en: "checklist '\(c.id)' has no item '\(key.value)'" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
                continue
            }
            next = i + 1
            let item = c.items[i]
            if seen[i] {
                let key = answers[k].key
                d.error(key.place, zh: "事项“\(key.value)”重复作答", en: "item '\(key.value)' is answered twice")
                continue
            }
            seen[i] = true
            if item.isRule || item.compute != nil {
                let key = answers[k].key
                d.error(key.place, zh: "“\(key.value)”由规则计算得出，不能直接作答", en: "'\(key.value)' is computed by the checklist and cannot be answered")
                continue
            }
            let datum = answers[k].value.value
            if case .null = datum { continue }   // explicitly unanswered
            guard let answer = item.answer,
                  let v = convert(datum, at: answers[k].value.place, item: item, answer: answer, diagnostics: &d) else { continue }
            out[i] = v
        }
        if unknown > maxReported, let last = answers.last {
            d.error(last.key.place, zh: "另有 \(unknown - maxReported) 个答案所指的事项不在清单“\(c.id)”中", en: "\(unknown - maxReported) more answers name items that are not in '\(c.id)'")
        }
        return d.errors.count == before ? out : nil
    }

    /// How many unknown items one file reports one by one.
    static let maxReported = 50

    static func convert(_ datum: Datum, at place: @autoclosure () -> Place, item: ChecklistItem, answer: AnswerType,
                        diagnostics d: inout Diagnostics) -> CELValue? {
        func wrong() -> CELValue? {
            let want: LocalizedText
            switch answer {
            case .yesNo: want = LocalizedText(zh: "是/否（true 或 false）", en: "true or false")
            case .number: want = LocalizedText(zh: "数值", en: "a number")
            case .integer: want = LocalizedText(zh: "整数", en: "an integer")
            case .text: want = LocalizedText(zh: "文本", en: "text")
            case .choice: want = LocalizedText(zh: "选项之一（\(item.options.joined(separator: "、"))）", en: "one of \(item.options.joined(separator: ", "))")
            case .date: want = LocalizedText(zh: "日期（如 2024-06-12）", en: "a date such as 2024-06-12")
            case .photo: want = LocalizedText(zh: "照片文件路径", en: "photo file paths")
            }
            d.error(place(), zh: "事项“\(item.id)”的答案应为\(want.zh)，实为\(datum.kindName.zh)“\(datum.display)”",
                    en: "the answer to '\(item.id)' must be \(want.en), not \(datum.kindName.en) '\(datum.display)'")
            return nil
        }
        let v: CELValue
        switch (answer, datum) {
        case (.yesNo, .bool(let b)): v = .bool(b)
        case (.number, .int(let i)): v = .double(Double(i))
        case (.number, .double(let x)): v = .double(x)
        case (.integer, .int(let i)): v = .int(Int64(i))
        case (.text, .string(let s)): v = .string(s)
        case (.choice, .string(let s)):
            guard item.options.contains(s) else { return wrong() }
            v = .string(s)
        case (.date, .date): v = Values.cel(datum)
        case (.photo, .string(let s)): v = .list([.string(s)])
        case (.photo, .list(let l)) where l.allSatisfy({ if case .string = $0 { return true } else { return false } }):
            v = Values.cel(datum)
        default: return wrong()
        }
        if let range = item.range {
            let x: Double
            switch v { case .double(let y): x = y; case .int(let i): x = Double(i); default: x = range.lowerBound }
            if !range.contains(x) {
                let unit = item.unit ?? ""
                d.error(place(), zh: "事项“\(item.id)”的答案 \(datum.display)\(unit) 超出取值范围 [\(fmt(range.lowerBound)), \(fmt(range.upperBound))]",
                        en: "the answer to '\(item.id)', \(datum.display)\(unit), is outside its range [\(fmt(range.lowerBound)), \(fmt(range.upperBound))]")
                return nil
            }
        }
        return v
    }

    static func fmt(_ x: Double) -> String { NumberText.plain(x) }
}
