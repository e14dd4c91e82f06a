/// One accepted row of a directory: every value already of its declared type.
/// An empty cell of an optional column is absent (not an empty string), so
/// rules can ask `has(entity.x)`.
///
/// A row keeps its values in an array in the order of `DirectoryColumns`,
/// which all rows of an import share, rather than in a dictionary of its
/// own: a dictionary per row was most of the memory of a million-row import.
/// `values` builds the dictionary when asked.
public struct DirectoryRow: Sendable, Hashable {
    /// 1-based line of the row in its file, to point back at the source.
    public let line: Int
    /// The key column's value as text (e.g. the unified social credit code).
    public let key: String
    let columns: DirectoryColumns
    let storedCells: [DirectoryValue?]

    public init(line: Int, key: String, values: [String: DirectoryValue]) {
        let names = values.keys.sorted()
        self.init(line: line, key: key, columns: DirectoryColumns(names: names), cells: names.map { values[$0] })
    }

    /// A row of `schema`'s columns: `cells` holds one value or nil per
    /// declared column, in declared order (the form a reader of stored
    /// rows builds without a dictionary per row).
    public init(line: Int, key: String, layout: DirectoryLayout, cells: [DirectoryValue?]) {
        precondition(cells.count == layout.columns.names.count, "one cell per declared column")
        self.init(line: line, key: key, columns: layout.columns, cells: cells)
    }

    /// The column names, in the order of `cells` (shared by the rows of one import).
    public var columnNames: [String] { columns.names }

    /// One value or nil per column of `columnNames`.
    public var cells: [DirectoryValue?] { storedCells }

    init(line: Int, key: String, columns: DirectoryColumns, cells: [DirectoryValue?]) {
        self.line = line
        self.key = key
        self.columns = columns
        self.storedCells = cells
    }

    /// The row's values by column name; empty optional cells are absent.
    public var values: [String: DirectoryValue] {
        var out: [String: DirectoryValue] = Dictionary(minimumCapacity: cells.count)
        for (name, value) in zip(columns.names, storedCells) { out[name] = value }
        return out
    }

    public subscript(column: String) -> DirectoryValue? {
        guard let i = columns.index[column] else { return nil }
        return storedCells[i]
    }

    public static func == (a: DirectoryRow, b: DirectoryRow) -> Bool {
        a.line == b.line && a.key == b.key && (a.columns === b.columns ? a.storedCells == b.storedCells : a.values == b.values)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(key)
        hasher.combine(values)
    }
}

/// The column names of the rows of one import, in one order, shared by
/// every row (a class, so that a row holds one reference, not a copy).
final class DirectoryColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        self.index = index
    }

    convenience init(schema: DirectorySchema) {
        self.init(names: schema.columns.map(\.name))
    }
}

/// The columns of a schema, in declared order, as rows built from stored
/// data share them (`DirectoryRow(line:key:layout:cells:)`).
public final class DirectoryLayout: Sendable {
    let columns: DirectoryColumns

    public init(schema: DirectorySchema) { columns = DirectoryColumns(schema: schema) }
}
