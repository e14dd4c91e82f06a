import Foundation
import Messages
import Yams

/// A YAML document read through Yams (libyaml) with every node's position
/// kept. A syntax error becomes a diagnostic with libyaml's line and column.
public struct YAMLFile: @unchecked Sendable {   // Yams.Node is an immutable value tree
    public let path: String
    public let text: String
    let root: Node?
    let source: YAMLSource
    /// SHA-256 of the file's bytes, recorded with evaluations and draws.
    public let sha256: String

    public static func read(path: String, diagnostics: inout Diagnostics) -> YAMLFile? {
        guard let text = readText(path: path, diagnostics: &diagnostics) else { return nil }
        return parse(text, path: path, diagnostics: &diagnostics)
    }

    /// A file's text, or nil with a diagnostic when it cannot be read or is not UTF-8.
    static func readText(path: String, diagnostics: inout Diagnostics) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(Diagnostic(path: path, line: 1, column: 1,
                                          LocalizedText(zh: "无法读取文件", en: "cannot read the file")))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(path: path, line: 1, column: 1,
                                          LocalizedText(zh: "文件不是 UTF-8 编码", en: "the file is not UTF-8")))
            return nil
        }
        return text
    }

    /// Parses `text`; nil, with a diagnostic, for a syntax error or for a
    /// document whose aliases expand beyond `YAMLBudget.maxExpandedNodes`
    /// (checked first, so no bomb ever reaches Yams or a loader).
    public static func parse(_ text: String, path: String, diagnostics: inout Diagnostics) -> YAMLFile? {
        if let overrun = YAMLBudget.overrun(in: text) {
            diagnostics.append(overrun.diagnostic(path: path))
            return nil
        }
        // Full-width punctuation where YAML needs ASCII: said where it is,
        // rather than as whatever libyaml makes of it a line later.
        let fullWidth = FullWidthScan.problems(in: text, path: path)
        if !fullWidth.isEmpty {
            diagnostics.append(contentsOf: fullWidth)
            return nil
        }
        do {
            let node = try Yams.compose(yaml: text, .basic)   // scalars are typed by YAMLValue, without regexes
            return YAMLFile(path: path, text: text, root: node, source: YAMLSource(path: path, text: text),
                            sha256: Hash.sha256Hex(Array(text.utf8)))
        } catch let error as YamlError {
            // A missing space after a key's colon (`unit:天`) fails a line
            // later in libyaml's words: said where it is instead.
            let found = FullWidthScan.problems(in: text, path: path, always: true)
            diagnostics.append(contentsOf: found.isEmpty ? [YAMLFile.diagnostic(for: error, path: path, text: text)] : found)
            return nil
        } catch {
            // Never a raw Swift error description: it would be English, or
            // neither language, in a message of the user's language.
            diagnostics.append(Diagnostic(path: path, line: 1, column: 1, unreadable))
            return nil
        }
    }

    static let unreadable = LocalizedText(zh: "YAML 无法解析", en: "the YAML cannot be parsed")

    static func diagnostic(for error: YamlError, path: String, text: String = "") -> Diagnostic {
        func make(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> Diagnostic {
            let ctx = context.map { " (\($0.text))" } ?? ""
            let at = YAMLErrors.mark(problem: mark, context: context)
            return Diagnostic(path: path, line: at.line, column: at.column,
                              LocalizedText(zh: "YAML 语法错误：\(chinese(problem, context?.text))", en: "YAML syntax error: \(problem)\(ctx)"))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return make(mark, problem, context)
        case .parser(let context, let problem, let mark, _): return make(mark, problem, context)
        case .composer(let context, let problem, let mark, _): return make(mark, problem, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let at = YAMLErrors.repeatedKey(key, first: context.mark, in: text)
            return Diagnostic(path: path, line: at.line, column: at.column,
                              LocalizedText(zh: "映射中有重复的键：\(key)", en: "duplicate keys in a mapping: \(key)"))
        case .reader(let problem, let offset, _, _):
            // libyaml's reader refuses control characters (a NUL byte, say);
            // `offset` counts characters from the start of the text.
            let at = offset.map { place(ofCharacterOffset: $0, in: text) } ?? (line: 1, column: 1)
            let zh = problem.hasPrefix("control characters") ? "文件中有不允许的控制字符（如 NUL）" : "文件中有无法读取的字符"
            let en = problem.hasPrefix("control characters") ? "the file holds a control character that is not allowed (such as NUL)" : "the file holds a character that cannot be read"
            return Diagnostic(path: path, line: at.line, column: at.column, LocalizedText(zh: "YAML 无法读取：\(zh)", en: "YAML cannot be read: \(en)"))
        default:
            return Diagnostic(path: path, line: 1, column: 1, unreadable)
        }
    }

    /// libyaml problems that `YAMLErrors` does not translate, which hostile
    /// input reaches; anything else unknown gets a plain Chinese sentence
    /// rather than libyaml's English inside a Chinese message.
    static let moreProblems: [(String, String)] = [
        ("found undefined alias", "别名（*）引用了未定义的锚点（&）"),
        ("Maximum nesting level reached", "嵌套层数过多"),
        ("did not find expected alphabetic or numeric character", "锚点或别名的名称应由字母或数字组成"),
        ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）"),
        ("mapping keys are not allowed in this context", "此处不能出现映射的键"),
    ]

    static func chinese(_ problem: String, _ context: String?) -> String {
        if YAMLErrors.problems.contains(where: { problem.hasPrefix($0.0) }) { return YAMLErrors.chinese(problem, context) }
        return moreProblems.first { problem.hasPrefix($0.0) }?.1 ?? "此处的内容无法解析"
    }

    /// 1-based line and column (in Unicode scalars) of the character at `offset`.
    static func place(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        let end = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        var line = 1, column = 1
        for scalar in text.unicodeScalars[..<end] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
