import CEL
import Messages

/// A CEL expression from a rule file, compiled once at load time, with the
/// place it was written so that errors point into the YAML file.
public struct RuleExpression: Sendable {
    public let text: String
    public let place: Place
    public let program: Program

    /// Compiles `source` in `environment`; on failure appends a diagnostic
    /// whose line and column point at the offending token inside the file.
    static func compile(_ source: Located<String>, in environment: Environment, expecting: CELType? = nil,
                        what: LocalizedText, diagnostics: inout Diagnostics) -> RuleExpression? {
        do {
            let program = try environment.compile(source.value, expecting: expecting)
            return RuleExpression(text: source.value, place: source.place, program: program)
        } catch {
            let p = RuleExpression.place(of: error.position, in: source)
            let stage: LocalizedText
            if error.stage == .parse {
                stage = LocalizedText(zh: "语法错误", en: "syntax error")
            } else if error.message.hasPrefix("undeclared reference") {
                stage = LocalizedText(zh: "名称错误", en: "reference error")
            } else {
                stage = LocalizedText(zh: "类型错误", en: "type error")
            }
            diagnostics.error(p, zh: "\(what.zh)的 CEL 表达式\(stage.zh)：\(CELMessages.chinese(error.message))",
                              en: "CEL \(stage.en) in \(what.en): \(error.message)")
            return nil
        }
    }

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

/// Chinese renderings of the CEL module's (English) messages, for the
/// common cases a rule author meets.
enum CELMessages {
    static func chinese(_ message: String) -> String {
        if message.hasPrefix("expression has type "), let but = message.range(of: " but "), message.hasSuffix(" is expected") {
            let got = message[message.index(message.startIndex, offsetBy: 20)..<but.lowerBound]
            let want = message[but.upperBound..<message.index(message.endIndex, offsetBy: -12)]
            return "表达式的类型为 \(got)，应为 \(want)"
        }
        let table: [(String, String)] = [
            ("undeclared reference to ", "未声明的名称 "),
            ("found no matching overload for ", "没有适用的运算或函数 "),
            (" applied to ", "，参数类型为 "),
            ("unexpected end of expression", "表达式意外结束"),
            ("unexpected ", "意外的 "),
            ("expected ", "应为 "),
            (" but found ", "，实为 "),
            ("unterminated string literal", "字符串缺少结束引号"),
            ("has no field ", "没有字段 "),
            ("expression has type ", "表达式的类型为 "),
            (" is expected", "，应为该类型"),
            ("the condition of ", "条件 "),
            (" must be bool, not ", " 应为 bool，实为 "),
        ]
        var out = message
        for (en, zh) in table { out = out.replacingOccurrences(of: en, with: zh) }
        return out
    }
}

import Foundation
