import CEL
import Messages

/// Type and name errors of CEL in a rule author's words: "不能比较数字与文字"
/// rather than "no matching overload for '>' applied to (int, string)",
/// with the nearest name for a misspelling and the fix where one is clear
/// (quotes around a number, a missing comparison).
enum CELCheckMessages {
    private static let none = LocalizedText(zh: "", en: "")

    static func text(_ kind: IssueKind) -> LocalizedText? {
        switch kind {
        case .undeclaredReference(let name, let candidates, let asText):
            var hint = Suggestion.hint(name, in: candidates)
            if hint.zh.isEmpty, asText {
                hint = LocalizedText(zh: "（若是文字，请加引号：'\(name)'）", en: " (if it is text, put it in quotes: '\(name)')")
            }
            return LocalizedText(zh: "不认识的名称“\(name)”" + hint.zh, en: "unknown name '\(name)'" + hint.en)
        case .undeclaredFunction(let name, let candidates):
            let hint = Suggestion.hint(name, in: candidates)
            return LocalizedText(zh: "不认识的函数“\(name)”" + hint.zh, en: "unknown function '\(name)'" + hint.en)
        case .undefinedField(let field, let owner, let candidates):
            let base = CELWords.missingField(field, of: owner)
            var hint = Suggestion.hint(field, in: candidates)
            if hint.zh.isEmpty, candidates.count <= 24 {
                hint = LocalizedText(zh: "（可用：\(candidates.joined(separator: "、"))）", en: " (one of \(candidates.joined(separator: ", ")))")
            }
            return LocalizedText(zh: base.zh + hint.zh, en: base.en + hint.en)
        case .noFields(let field, let type):
            let w = CELWords.type(type)
            return LocalizedText(zh: "\(w.zh)没有字段“\(field)”", en: "\(w.en) has no field '\(field)'")
        case .noMatchingOverload(let fn, let member, let args, let literals):
            return overload(fn, member: member, args, literals)
        case .resultType(let expected, let found):
            let e = CELWords.type(expected), f = CELWords.type(found)
            guard case .bool = expected else {
                return LocalizedText(zh: "表达式应得出\(e.zh)，此处得出\(f.zh)", en: "the expression must give \(e.en), but it gives \(f.en)")
            }
            var hint = none
            if CELWords.isNumber(found) {
                hint = LocalizedText(zh: "（是否少了比较，如 > 0？）", en: " (is a comparison such as '> 0' missing?)")
            } else if case .string = found {
                hint = LocalizedText(zh: "（是否少了比较，如 == '…'？）", en: " (is a comparison such as == '…' missing?)")
            }
            return LocalizedText(zh: "条件应得出是/否（true 或 false），此处得出\(f.zh)" + hint.zh,
                                 en: "a condition must give true or false, but this gives \(f.en)" + hint.en)
        case .macroCondition(let m, let found):
            let f = CELWords.type(found)
            return LocalizedText(zh: "\(m)() 中的条件应得出是/否，此处得出\(f.zh)", en: "the condition in \(m)() must give true or false, not \(f.en)")
        case .macroRange(let m, let found):
            let f = CELWords.type(found)
            return LocalizedText(zh: "\(m)() 只能用于列表或映射，不能用于\(f.zh)", en: "\(m)() applies to lists and maps, not to \(f.en)")
        default:
            return nil
        }
    }

    private static func overload(_ fn: String, member: Bool, _ args: [CELType], _ literals: [String?]) -> LocalizedText {
        let w = args.map(CELWords.type)
        if args.count == 2, CELWords.comparisons.contains(fn) {
            return LocalizedText(zh: "不能比较\(w[0].zh)与\(w[1].zh)", en: "cannot compare \(w[0].en) with \(w[1].en)") + comparisonHint(args, literals)
        }
        if args.count == 2, let op = CELWords.arithmetic[fn] {
            var hint = none
            if fn == "+", args.contains(.string), args.contains(where: CELWords.isNumber) {
                hint = LocalizedText(zh: "（数字转为文字请用 string(…)）", en: " (turn a number into text with string(…))")
            }
            return LocalizedText(zh: "不能把\(w[0].zh)与\(w[1].zh)\(op.zh)", en: "cannot \(op.en) \(w[0].en) and \(w[1].en)") + hint
        }
        switch (fn, args.count) {
        case ("&&", 2), ("||", 2):
            return LocalizedText(zh: "“\(fn)”的两边都应是条件（是/否），此处为\(w[0].zh)与\(w[1].zh)",
                                 en: "both sides of '\(fn)' must be conditions (true or false), not \(w[0].en) and \(w[1].en)")
        case ("!", 1):
            return LocalizedText(zh: "“!”只能用于条件（是/否），不能用于\(w[0].zh)", en: "'!' applies to conditions (true or false), not to \(w[0].en)")
        case ("-", 1):
            return LocalizedText(zh: "负号只能用于数字，不能用于\(w[0].zh)", en: "'-' applies to numbers, not to \(w[0].en)")
        case ("[]", 2):
            return LocalizedText(zh: "不能用\(w[1].zh)作下标读取\(w[0].zh)", en: "\(w[0].en) cannot be indexed by \(w[1].en)")
        case ("in", 2):
            switch args[1] {
            case .list(let e):
                let el = CELWords.type(e)
                return LocalizedText(zh: "列表中是\(el.zh)，不能在其中查找\(w[0].zh)", en: "the list holds \(plainPlural(el.en)), so it cannot hold \(w[0].en)")
            case .map, .object:
                return LocalizedText(zh: "映射的键是文字，不能在其中查找\(w[0].zh)", en: "the map's keys are text, so it cannot hold \(w[0].en)")
            default:
                return LocalizedText(zh: "“in”的右边应为列表或映射，此处为\(w[1].zh)", en: "the right of 'in' must be a list or map, not \(w[1].en)")
            }
        case ("?:", 3):
            if case .bool = args[0] {
                return LocalizedText(zh: "“? :”的两个结果类型不同：\(w[1].zh)与\(w[2].zh)", en: "the two results of '? :' differ: \(w[1].en) and \(w[2].en)")
            }
            return LocalizedText(zh: "“?”前面应为条件（是/否），此处为\(w[0].zh)", en: "the part before '?' must be a condition (true or false), not \(w[0].en)")
        default:
            let shown = (member ? Array(w.dropFirst()) : w)
            let target = member ? LocalizedText(zh: "\(w[0].zh)的 ", en: " on \(w[0].en)") : none
            if shown.isEmpty {
                return LocalizedText(zh: "\(target.zh)\(fn)() 不能这样使用", en: "\(fn)()\(target.en) cannot be used like this")
            }
            return LocalizedText(zh: "\(target.zh)\(fn)() 不能用于\(shown.map(\.zh).joined(separator: "、"))",
                                 en: "\(fn)()\(target.en) cannot be applied to \(shown.map(\.en).joined(separator: ", "))")
        }
    }

    private static func plainPlural(_ en: String) -> String {
        en.hasPrefix("a ") ? String(en.dropFirst(2)) + "s" : en
    }

    /// Quotes around a number or a truth value, text where a date is
    /// compared, a list compared with `==` instead of tested with `in`.
    private static func comparisonHint(_ args: [CELType], _ literals: [String?]) -> LocalizedText {
        for (i, other) in [(0, 1), (1, 0)] {
            guard let s = literals.indices.contains(i) ? literals[i] : nil else { continue }
            let t = args[other]
            if CELWords.isNumber(t), Double(s.trimmingSpaces) != nil {
                return LocalizedText(zh: "（'\(s)' 加了引号就是文字；比较数字请去掉引号：\(s)）", en: " ('\(s)' in quotes is text; to compare numbers drop the quotes: \(s))")
            }
            if case .bool = t, s == "true" || s == "false" {
                return LocalizedText(zh: "（'\(s)' 加了引号就是文字；请去掉引号：\(s)）", en: " ('\(s)' in quotes is text; drop the quotes: \(s))")
            }
            if case .timestamp = t {
                let day = s.count == 10 ? s + "T00:00:00Z" : s
                return LocalizedText(zh: "（日期请写成 timestamp('\(day)')）", en: " (write a date as timestamp('\(day)'))")
            }
        }
        if args.count == 2, isList(args[0]) != isList(args[1]) {
            return LocalizedText(zh: "（判断是否为其中之一请用 in）", en: " (to test for one of several, use 'in')")
        }
        return none
    }

    private static func isList(_ t: CELType) -> Bool {
        if case .list = t { return true }
        return false
    }
}

extension LocalizedText {
    static func + (a: LocalizedText, b: LocalizedText) -> LocalizedText {
        LocalizedText(zh: a.zh + b.zh, en: a.en + b.en)
    }
}
