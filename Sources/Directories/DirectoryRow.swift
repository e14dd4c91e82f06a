/// One accepted row of a directory: every value already of its declared type.
/// An empty cell of an optional column is absent (not an empty string), so
/// rules can ask `has(entity.x)`.
public struct DirectoryRow: Sendable, Hashable {
    /// 1-based line of the row in its file, to point back at the source.
    public let line: Int
    /// The key column's value as text (e.g. the unified social credit code).
    public let key: String
    public let values: [String: DirectoryValue]

    public init(line: Int, key: String, values: [String: DirectoryValue]) {
        self.line = line
        self.key = key
        self.values = values
    }

    public subscript(column: String) -> DirectoryValue? { values[column] }
}
