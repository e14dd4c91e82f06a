/// What is wrong with a directory file, at a precise place. Every rejected
/// row has at least one; nothing is dropped without one.
public struct DirectoryDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public enum Problem: Sendable, Hashable {
        case emptyFile
        case missingHeaderColumn(String)
        case unknownHeaderColumn(String)
        case duplicateHeaderColumn(String, firstColumn: Int)
        case wrongCellCount(expected: Int, found: Int)
        case missingValue(column: String)
        case wrongType(column: String, expected: ColumnType, value: String)
        case duplicateKey(String, column: String, firstLine: Int)
        case unterminatedQuote
        case textAfterClosingQuote
        case invalidUTF8
    }

    public var path: String
    /// 1-based line and character column (Unicode scalars, BOM not counted).
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var problem: Problem

    public init(path: String, line: Int, column: Int, severity: Severity = .error, problem: Problem) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.problem = problem
    }

    /// `path:line:column: error: message`, the form compilers and editors understand.
    public func formatted(chinese: Bool) -> String {
        "\(path):\(line):\(column): \(severity.rawValue): \(chinese ? messageZH : messageEN)"
    }

    public var description: String { formatted(chinese: false) }

    public var messageZH: String {
        switch problem {
        case .emptyFile: return "文件为空，缺少表头行"
        case let .missingHeaderColumn(c): return "表头缺少必需的列“\(c)”"
        case let .unknownHeaderColumn(c): return "表头中的列“\(c)”未在名录定义中声明"
        case let .duplicateHeaderColumn(c, first): return "表头中的列“\(c)”重复（首次出现在第\(first)列）"
        case let .wrongCellCount(expected, found): return "该行有\(found)个单元格，应为\(expected)个（与表头列数一致）"
        case let .missingValue(c): return "必填列“\(c)”的值为空"
        case let .wrongType(c, type, value): return "列“\(c)”应为\(type.nameZH)，实际为“\(value)”"
        case let .duplicateKey(key, c, first): return "“\(c)”值“\(key)”重复（首次出现在第\(first)行）"
        case .unterminatedQuote: return "引号未闭合：从此处开始的带引号字段直到文件末尾仍未结束"
        case .textAfterClosingQuote: return "闭合引号之后出现多余字符"
        case .invalidUTF8: return "单元格不是有效的 UTF-8 文本"
        }
    }

    public var messageEN: String {
        switch problem {
        case .emptyFile: return "the file is empty: no header row"
        case let .missingHeaderColumn(c): return "the header lacks the required column '\(c)'"
        case let .unknownHeaderColumn(c): return "the header column '\(c)' is not declared for this directory"
        case let .duplicateHeaderColumn(c, first): return "the header column '\(c)' appears twice (first at column \(first))"
        case let .wrongCellCount(expected, found): return "the row has \(found) cells, expected \(expected) (as in the header)"
        case let .missingValue(c): return "the required column '\(c)' is empty"
        case let .wrongType(c, type, value): return "column '\(c)' expects \(type.nameEN), found '\(value)'"
        case let .duplicateKey(key, c, first): return "duplicate \(c) '\(key)' (first on line \(first))"
        case .unterminatedQuote: return "unterminated quoted field: it starts here and runs to the end of the file"
        case .textAfterClosingQuote: return "unexpected text after the closing quote"
        case .invalidUTF8: return "the cell is not valid UTF-8"
        }
    }
}

extension ColumnType {
    var nameZH: String {
        switch self {
        case .string: return "文本"
        case .int: return "整数"
        case .double: return "数值"
        case .bool: return "是/否（true/false、是/否、1/0、yes/no）"
        case .date: return "日期（YYYY-MM-DD）"
        case .list: return "列表（以;分隔）"
        }
    }

    var nameEN: String {
        switch self {
        case .string: return "text"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean (true/false, 是/否, 1/0, yes/no)"
        case .date: return "a date (YYYY-MM-DD)"
        case .list: return "a list (separated by ;)"
        }
    }
}
