import CEL
import Messages

/// Parse errors of CEL in plain words, one language at a time, each with
/// what to write instead: `=` → `==`, `and` → `&&`, `（` → `(`, an unclosed
/// bracket named at the bracket, an unquoted word told to take quotes.
enum CELSyntaxMessages {
    private static let wordLabels: [String: (String, String)] = ["&&": ("并且", "and"), "||": ("或者", "or"), "!": ("取反", "not")]

    static func text(_ kind: IssueKind) -> LocalizedText? {
        switch kind {
        case .unexpectedCharacter(let c):
            return LocalizedText(zh: "表达式中不能有字符“\(c)”", en: "the character '\(c)' cannot appear in an expression")
        case .fullWidth(let found, let ascii):
            if ascii.contains("\"") || ascii.contains("'") {
                return LocalizedText(zh: "这里用了中文引号 \(found) ：表达式中的文字要用英文单引号 ' 括起来",
                                     en: "the full-width quote '\(found)' is used here: text in an expression is quoted with ASCII ' quotes")
            }
            if ascii.trimmingSpaces.isEmpty {
                return LocalizedText(zh: "这里用了全角空格：请改用英文空格", en: "a full-width space is used here: use an ASCII space")
            }
            if ascii == ";" {
                return LocalizedText(zh: "这里用了中文分号“；”：表达式中没有分号，几个条件请用 && 或 || 连接",
                                     en: "the full-width semicolon '；' is used here: expressions have no semicolons; join conditions with && or ||")
            }
            return LocalizedText(zh: "这里用了中文标点“\(found)”：表达式中请用英文的“\(ascii)”",
                                 en: "the full-width '\(found)' is used here: expressions use the ASCII '\(ascii)'")
        case .unquotedText(let w):
            return LocalizedText(zh: "文字“\(w)”要用英文单引号括起来：'\(w)'", en: "the text '\(w)' must be in quotes: '\(w)'")
        case .singleEquals:
            return LocalizedText(zh: "比较是否相等请用“==”：单个“=”不是比较", en: "to compare for equality use '==': a single '=' is not a comparison")
        case .wrongOperator(let found, let meant):
            return LocalizedText(zh: "表达式中没有“\(found)”，请用“\(meant)”", en: "there is no '\(found)' in expressions: use '\(meant)'")
        case .wordOperator(let found, let meant):
            let (zh, en) = wordLabels[meant] ?? (meant, meant)
            return LocalizedText(zh: "“\(found)”不是运算符：“\(zh)”请写作“\(meant)”", en: "'\(found)' is not an operator: write '\(en)' as '\(meant)'")
        case .unterminatedString(let q):
            return LocalizedText(zh: "从这里开始的文字缺少结束的引号 \(q)", en: "the text starting here has no closing \(q)")
        case .newlineInString:
            return LocalizedText(zh: "引号中的文字不能换行", en: "quoted text cannot span lines")
        case .invalidEscape(let e):
            return LocalizedText(zh: "无效的转义“\(e)”（反斜杠本身请写作 \\\\）", en: "invalid escape '\(e)' (write a backslash as \\\\)")
        case .malformedNumber:
            return LocalizedText(zh: "数字的写法有误", en: "the number is malformed")
        case .integerOutOfRange:
            return LocalizedText(zh: "整数超出范围", en: "the integer is out of range")
        case .unclosed(let opening, let closing):
            return LocalizedText(zh: "这个“\(opening)”没有对应的“\(closing)”：括号不成对", en: "this '\(opening)' is never closed: a '\(closing)' is missing")
        case .unmatchedClosing(let c):
            let open = c == ")" ? "(" : (c == "]" ? "[" : "{")
            return LocalizedText(zh: "多了一个“\(c)”：前面没有与它对应的“\(open)”", en: "this '\(c)' closes nothing: there is no '\(open)' before it")
        case .missingOperator(let found):
            return LocalizedText(zh: "“\(found)”前面缺少运算符（如 &&、|| 或 ==）", en: "an operator (such as &&, || or ==) is missing before '\(found)'")
        case .missingOperand(let op, let after):
            guard let after else {
                return LocalizedText(zh: "“\(op)”前面缺少内容：表达式不能以运算符开头", en: "something is missing before '\(op)': an expression cannot start with an operator")
            }
            return LocalizedText(zh: "“\(after)”和“\(op)”之间缺少内容", en: "something is missing between '\(after)' and '\(op)'")
        case .unexpectedEnd(let after):
            guard let after, !after.isEmpty else { return LocalizedText(zh: "表达式不完整", en: "the expression is incomplete") }
            return LocalizedText(zh: "表达式在“\(after)”之后就结束了，后面缺少内容", en: "the expression ends after '\(after)': something is missing")
        case .emptyExpression:
            return LocalizedText(zh: "表达式是空的", en: "the expression is empty")
        case .expectedToken(let expected, let found):
            let (zh, en) = expected == "a field or method name" ? ("字段或方法名", "a field or method name")
                : (expected == "an identifier" ? ("名称", "a name") : ("“\(expected)”", "'\(expected)'"))
            if found.isEmpty { return LocalizedText(zh: "缺少\(zh)", en: "\(en) is missing") }
            let hint = expected == ")" && found == "," ? LocalizedText(zh: "（列表要用方括号，如 [1, 2]）", en: " (a list is written in brackets, as in [1, 2])")
                                                       : LocalizedText(zh: "", en: "")
            return LocalizedText(zh: "此处应为\(zh)，实为“\(found)”" + hint.zh, en: "\(en) is expected here, not '\(found)'" + hint.en)
        case .nothingAfter(let op):
            return LocalizedText(zh: "“\(op)”之后缺少内容", en: "something is missing after '\(op)'")
        case .unexpectedToken(let t):
            return LocalizedText(zh: "此处不应出现“\(t)”", en: "'\(t)' is not expected here")
        case .reservedWord(let w):
            return LocalizedText(zh: "“\(w)”是保留字，不能用作名称", en: "'\(w)' is a reserved word and cannot be a name")
        case .badHasArgument:
            return LocalizedText(zh: "has() 只能检查一个字段，如 has(entity.phone)", en: "has() checks one field, as in has(entity.phone)")
        case .badMacroVariable(let m):
            return LocalizedText(zh: "\(m)() 的第一个参数应为变量名，如 \(m)(x, …)", en: "the first argument of \(m)() must be a variable name, as in \(m)(x, …)")
        case .messageConstruction(let n):
            return LocalizedText(zh: "不支持“\(n){…}”这种写法", en: "'\(n){…}' (message construction) is not supported")
        case .tooDeep(let n):
            return LocalizedText(zh: "表达式嵌套太深（超过 \(n) 层）", en: "the expression is nested too deeply (more than \(n) levels)")
        default:
            return nil
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\u{3000}" { s = s.dropFirst() }
        while s.last == " " || s.last == "\u{3000}" { s = s.dropLast() }
        return String(s)
    }
}
