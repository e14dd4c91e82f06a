import Yams

/// libyaml's problem texts in Chinese, and where to point for each: an
/// unclosed bracket is reported where libyaml gives up, but the place to
/// fix is the bracket that was opened.
enum YAMLErrors {
    static let problems: [(String, String)] = [
        ("did not find expected '-' indicator", "未找到预期的列表项标记“-”（缩进是否一致？）"),
        ("did not find expected key", "未找到预期的键（缩进是否一致？）"),
        ("did not find expected ',' or ']'", "方括号“[”没有闭合：未找到预期的“,”或“]”"),
        ("did not find expected ',' or '}'", "花括号“{”没有闭合：未找到预期的“,”或“}”"),
        ("did not find expected node content", "未找到预期的内容"),
        ("mapping values are not allowed in this context", "此处不能出现“键: 值”（文字中含“: ”时整段要加引号；或缩进有误？）"),
        ("found character that cannot start any token", "出现不能作为开头的字符（例如制表符；YAML 只能用空格缩进）"),
        ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）"),
        ("could not find expected ':'", "未找到预期的冒号“:”"),
        ("found unknown escape character", "双引号字符串中有未知的转义字符"),
        ("found a tab character that violates indentation", "缩进中有制表符；YAML 只能用空格缩进"),
        ("found undefined tag handle", "未定义的标签"),
        ("block sequence entries are not allowed in this context", "此处不能出现列表项“-”（缩进有误？）"),
    ]
    static let contexts: [(String, String)] = [
        ("while parsing a block collection", "解析列表时"),
        ("while parsing a block mapping", "解析映射时"),
        ("while parsing a flow sequence", "解析方括号列表时"),
        ("while parsing a flow mapping", "解析花括号映射时"),
        ("while scanning a simple key", "读取键时"),
        ("while scanning a quoted scalar", "读取带引号的字符串时"),
        ("while scanning a block scalar", "读取块文本时"),
        ("while parsing a block node", "解析内容时"),
        ("while parsing a flow node", "解析内容时"),
    ]

    static func chinese(_ problem: String, _ context: String?) -> String {
        let p = problems.first { problem.hasPrefix($0.0) }?.1 ?? "无法解析（\(problem)）"
        guard let context, let c = contexts.first(where: { context.hasPrefix($0.0) })?.1 else { return p }
        return "\(c)\(p)"
    }

    /// Unclosed brackets and quotes: point at the opening, which the
    /// context mark holds; otherwise at the problem.
    static func mark(problem: Mark, context: YamlError.Context?) -> Mark {
        guard let context else { return problem }
        let opening = ["while parsing a flow sequence", "while parsing a flow mapping", "while scanning a quoted scalar"]
        return opening.contains { context.text.hasPrefix($0) } ? context.mark : problem
    }

    /// Yams reports a repeated key at its first use; the one to remove is the
    /// repeat, found as the next line that starts with the same key at the
    /// same indentation.
    static func repeatedKey(_ key: String, first: Mark, in text: String) -> (line: Int, column: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        let indent = first.column - 1
        var l = first.line   // 0-based index of the next line
        while l < lines.count {
            let chars = lines[l]
            let lead = chars.prefix { $0 == " " }.count
            if lead == indent, String(chars[lead...]).hasPrefix(key + ":") {
                return (l + 1, first.column)
            }
            if lead < indent, chars.contains(where: { $0 != " " }), !(lead == indent - 2 && chars.dropFirst(lead).first == "-") {
                break
            }
            l += 1
        }
        return (first.line, first.column)
    }
}
