/// The declared type of a directory column (`Rules/directories.yaml`).
public enum ColumnType: String, Sendable, Hashable, Codable, CaseIterable {
    case string, int, double, bool, date, list
}

/// One declared column. `personal` marks data about natural persons (names,
/// phone numbers, ID numbers) that disclosure must redact.
public struct DirectoryColumn: Sendable, Hashable, Codable {
    public var name: String
    public var type: ColumnType
    /// An empty cell is an error; the header must have the column.
    public var required: Bool
    public var personal: Bool

    public init(name: String, type: ColumnType = .string, required: Bool = false, personal: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
        self.personal = personal
    }

    enum CodingKeys: String, CodingKey { case name, type, required, personal }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decodeIfPresent(ColumnType.self, forKey: .type) ?? .string
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        personal = try c.decodeIfPresent(Bool.self, forKey: .personal) ?? false
    }
}

/// What a directory file must look like: its columns and the key column
/// whose values identify rows (the unified social credit code, an inspector
/// id). The key column is always required and its values must be unique.
public struct DirectorySchema: Sendable, Hashable {
    public let key: String
    public let columns: [DirectoryColumn]
    private let indexByName: [String: Int]

    public init(key: String, columns: [DirectoryColumn]) throws(DirectorySchemaError) {
        var index: [String: Int] = [:]
        var columns = columns
        for (i, column) in columns.enumerated() {
            guard !column.name.isEmpty else { throw .emptyColumnName }
            guard index.updateValue(i, forKey: column.name) == nil else { throw .duplicateColumn(column.name) }
        }
        guard let keyIndex = index[key] else { throw .keyColumnNotDeclared(key) }
        columns[keyIndex].required = true
        self.key = key
        self.columns = columns
        self.indexByName = index
    }

    public func column(named name: String) -> DirectoryColumn? {
        indexByName[name].map { columns[$0] }
    }

    /// Names of the columns to redact on disclosure, in declaration order.
    public var personalColumns: [String] { columns.filter(\.personal).map(\.name) }
}

/// A schema that cannot describe a directory. Messages in one language each.
public enum DirectorySchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    case keyColumnNotDeclared(String)
    case duplicateColumn(String)
    case emptyColumnName

    public var zh: String {
        switch self {
        case let .keyColumnNotDeclared(name): return "主键列“\(shown(name))”未在列定义中声明"
        case let .duplicateColumn(name): return "列“\(shown(name))”重复声明"
        case .emptyColumnName: return "存在名称为空的列"
        }
    }

    public var en: String {
        switch self {
        case let .keyColumnNotDeclared(name): return "key column '\(shown(name))' is not among the declared columns"
        case let .duplicateColumn(name): return "column '\(shown(name))' is declared twice"
        case .emptyColumnName: return "a column has an empty name"
        }
    }

    public func message(chinese: Bool) -> String { chinese ? zh : en }

    /// Chinese, the project's default language (one language per message).
    public var description: String { zh }
}
