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
        return parse(text, path: path, diagnostics: &diagnostics)
    }

    public static func parse(_ text: String, path: String, diagnostics: inout Diagnostics) -> YAMLFile? {
        do {
            let node = try Yams.compose(yaml: text, .basic)   // scalars are typed by YAMLValue, without regexes
            return YAMLFile(path: path, text: text, root: node, source: YAMLSource(path: path, text: text),
                            sha256: Hash.sha256Hex(Array(text.utf8)))
        } catch let error as YamlError {
            diagnostics.append(YAMLFile.diagnostic(for: error, path: path, text: text))
            return nil
        } catch {
            diagnostics.append(Diagnostic(path: path, line: 1, column: 1,
                                          LocalizedText(zh: "YAML 无法解析：\(error)", en: "YAML cannot be parsed: \(error)")))
            return nil
        }
    }

    static func diagnostic(for error: YamlError, path: String, text: String = "") -> Diagnostic {
        func make(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> Diagnostic {
            let ctx = context.map { " (\($0.text))" } ?? ""
            let at = YAMLErrors.mark(problem: mark, context: context)
            return Diagnostic(path: path, line: at.line, column: at.column,
                              LocalizedText(zh: "YAML 语法错误：\(YAMLErrors.chinese(problem, context?.text))", en: "YAML syntax error: \(problem)\(ctx)"))
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
        default:
            return Diagnostic(path: path, line: 1, column: 1,
                              LocalizedText(zh: "YAML 无法解析：\(error)", en: "YAML cannot be parsed: \(error)"))
        }
    }
}
