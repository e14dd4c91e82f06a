/// What is wrong with a directory file, at a precise place. Every rejected
/// row has at least one; nothing is dropped without one.
public struct DirectoryDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public enum Problem: Sendable, Hashable {
        case emptyFile
        /// A header and no data row: a directory that selects nothing.
        case noRows
        case missingHeaderColumn(String)
        case unknownHeaderColumn(String)
        case duplicateHeaderColumn(String, firstColumn: Int)
        case wrongCellCount(expected: Int, found: Int)
        case missingValue(column: String)
        case wrongType(column: String, expected: ColumnType, value: String)
        case duplicateKey(String, column: String, firstLine: Int)
        /// A key already read from an earlier file of the same import.
        case keyInEarlierFile(String, column: String, path: String, line: Int)
        /// White space before or after a key (position: the first such character).
        case keyHasSurroundingSpace(column: String)
        /// A zero-width, bidi-control, other format or control character in
        /// a key (position: that character).
        case keyHasInvisibleCharacter(column: String, scalar: UInt32)
        case unterminatedQuote
        case textAfterClosingQuote
        case invalidUTF8
        /// A NUL byte (position: the byte).
        case nulByte
        /// More data rows than `DirectoryLimits.maxRows` (position: the first
        /// row beyond); the whole file is refused.
        case tooManyRows(limit: Int)
        /// More bytes than `DirectoryLimits.maxBytes`; the file is not read.
        case fileTooLarge(bytes: Int, limit: Int)
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
}
