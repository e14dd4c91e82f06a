import CEL
import Messages

/// A CEL expression from a rule file, compiled once at load time, with the
/// place it was written so that errors point into the YAML file.
public struct RuleExpression: Sendable {
    public let text: String
    public let place: Place
    public let program: Program
    /// The text as read, to trace a position inside it back to the file.
    let source: Located<String>

    /// Compiles `source` in `environment`; on failure appends one diagnostic,
    /// in the rule author's words, whose line and column point at the
    /// offending token inside the file.
    static func compile(_ source: Located<String>, in environment: Environment, expecting: CELType? = nil,
                        what: LocalizedText, diagnostics: inout Diagnostics) -> RuleExpression? {
        do {
            let program = try environment.compile(source.value, expecting: expecting)
            return RuleExpression(text: source.value, place: source.place, program: program, source: source)
        } catch {
            let p = RuleExpression.place(of: error.position, in: source)
            diagnostics.append(Diagnostic(path: p.path, line: p.line, column: p.column, CELMessages.describe(error, what: what)))
            return nil
        }
    }

    /// The file position of a position inside this expression.
    func place(of position: SourcePosition) -> Place { RuleExpression.place(of: position, in: source) }

    /// Maps a position inside the expression to a position in the file.
    static func place(of position: SourcePosition, in source: Located<String>) -> Place {
        if let origin = source.origin {
            // Position → offset in the expression's text → place in the file.
            var offset = 0, line = 1
            for ch in source.value.unicodeScalars {
                if line == position.line { break }
                offset += 1
                if ch == "\n" { line += 1 }
            }
            return origin.place(ofValueOffset: offset + position.column - 1)
        }
        if position.line == 1 {
            return Place(path: source.place.path, line: source.place.line,
                         column: source.place.column + (source.quoted ? 1 : 0) + position.column - 1)
        }
        return Place(path: source.place.path, line: source.place.line + position.line - 1, column: position.column)
    }
}

/// CEL's problems as a rule author reads them, in one language at a time.
public enum CELMessages {
    /// `<what>的 CEL 表达式语法错误：…` / `CEL syntax error in <what>: …`.
    static func describe(_ issue: CELIssue, what: LocalizedText) -> LocalizedText {
        let stage: LocalizedText
        switch issue.kind {
        case _ where issue.stage == .parse: stage = LocalizedText(zh: "语法错误", en: "syntax error")
        case .undeclaredReference, .undeclaredFunction, .undefinedField: stage = LocalizedText(zh: "名称错误", en: "reference error")
        default: stage = LocalizedText(zh: "类型错误", en: "type error")
        }
        let problem = problem(issue)
        return LocalizedText(zh: "\(what.zh)的 CEL 表达式\(stage.zh)：\(problem.zh)", en: "CEL \(stage.en) in \(what.en): \(problem.en)")
    }

    /// The problem alone, without saying where.
    public static func problem(_ issue: CELIssue) -> LocalizedText {
        let text = issue.stage == .parse ? CELSyntaxMessages.text(issue.kind) : CELCheckMessages.text(issue.kind)
        if let text { return text }
        // A kind without its own words: never CEL's English inside Chinese.
        return LocalizedText(zh: issue.stage == .parse ? "表达式无法解析" : "表达式中的类型不相符", en: issue.message)
    }

    /// Why an expression could not be evaluated (an evaluation's error
    /// value), in one language: for an item's `error` status.
    public static func evaluation(_ error: CELError) -> LocalizedText {
        let m = error.message
        func quoted(after prefix: String) -> String? {
            guard m.hasPrefix(prefix) else { return nil }
            return String(m.dropFirst(prefix.count)).trimmingCharacters(inSet: "'")
        }
        if let key = quoted(after: "no such key: ") {
            return LocalizedText(zh: "没有“\(key)”的值（名录中该项为空？可先用 has() 判断）",
                                 en: "there is no value for '\(key)' (empty in the directory? test it with has() first)")
        }
        if let name = quoted(after: "no value bound for ") {
            return LocalizedText(zh: "“\(name)”没有值", en: "'\(name)' has no value")
        }
        if m.contains("division by zero") || m.contains("modulus by zero") {
            return LocalizedText(zh: "除数为零", en: m)
        }
        if m.contains("overflow") { return LocalizedText(zh: "数值超出范围（溢出）", en: m) }
        if m.hasPrefix("no matching overload") { return LocalizedText(zh: "运算的两边类型不相符", en: m) }
        return LocalizedText(zh: "表达式求值出错", en: m)
    }
}

private extension String {
    func trimmingCharacters(inSet c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
