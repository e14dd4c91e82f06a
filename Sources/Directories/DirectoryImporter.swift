/// Imports a CSV directory against its schema.
///
/// The header names the columns, in any order. Header problems (a required
/// column missing, an undeclared or repeated column, an empty file) make the
/// whole file unusable: they are reported and no rows are returned, because
/// every row would otherwise repeat the same complaint. Row problems are
/// reported per cell, all of them, and reject just that row. Keys are unique:
/// the first row with a key holds it, later ones are rejected as duplicates.
public struct DirectoryImporter: Sendable {
    public let schema: DirectorySchema

    public init(schema: DirectorySchema) { self.schema = schema }

    public func importCSV(_ bytes: [UInt8], path: String) -> DirectoryImport {
        let records = CSVParser.parse(bytes)
        var result = DirectoryImport(path: path, rows: [], diagnostics: [], rejectedRowCount: 0)
        guard let header = records.first else {
            result.diagnostics.append(.init(path: path, line: 1, column: 1, problem: .emptyFile))
            return result
        }
        let (columnAt, headerDiagnostics) = readHeader(header, path: path)
        guard headerDiagnostics.isEmpty else {
            result.diagnostics = headerDiagnostics
            result.rejectedRowCount = records.count - 1
            return result
        }
        result.rows.reserveCapacity(records.count - 1)
        var firstLineOfKey: [String: Int] = [:]
        for record in records.dropFirst() {
            let before = result.diagnostics.count
            if let row = readRow(record, columnAt: columnAt, path: path,
                                 firstLineOfKey: &firstLineOfKey, into: &result.diagnostics) {
                result.rows.append(row)
            } else {
                result.rejectedRowCount += 1
                assert(result.diagnostics.count > before, "a rejected row must have a diagnostic")
            }
        }
        return result
    }

    /// Maps each header position to its declared column; reports header problems.
    private func readHeader(_ header: CSVRecord, path: String) -> ([DirectoryColumn], [DirectoryDiagnostic]) {
        var diagnostics: [DirectoryDiagnostic] = []
        if let p = header.problem {
            diagnostics.append(.init(path: path, line: p.line, column: p.column, problem: p.kind.directoryProblem))
        }
        var columns: [DirectoryColumn] = []
        var seen: [String: Int] = [:]
        for cell in header.cells {
            let name = trimmed(cell.text)
            if let first = seen[name] {
                diagnostics.append(.init(path: path, line: cell.line, column: cell.column,
                                         problem: .duplicateHeaderColumn(name, firstColumn: first)))
            }
            seen[name] = seen[name] ?? cell.column
            if let column = schema.column(named: name) {
                columns.append(column)
            } else {
                diagnostics.append(.init(path: path, line: cell.line, column: cell.column,
                                         problem: .unknownHeaderColumn(name)))
                columns.append(DirectoryColumn(name: name))
            }
        }
        for column in schema.columns where column.required && seen[column.name] == nil {
            diagnostics.append(.init(path: path, line: header.endLine, column: header.endColumn,
                                     problem: .missingHeaderColumn(column.name)))
        }
        return (columns, diagnostics)
    }

    /// Types every cell of one record; nil (with diagnostics) if anything is wrong.
    private func readRow(_ record: CSVRecord, columnAt: [DirectoryColumn], path: String,
                         firstLineOfKey: inout [String: Int],
                         into diagnostics: inout [DirectoryDiagnostic]) -> DirectoryRow? {
        func report(_ line: Int, _ column: Int, _ problem: DirectoryDiagnostic.Problem) {
            diagnostics.append(.init(path: path, line: line, column: column, problem: problem))
        }
        if let p = record.problem {
            report(p.line, p.column, p.kind.directoryProblem)
            return nil
        }
        guard record.cells.count == columnAt.count else {
            let at = record.cells.count > columnAt.count
                ? (record.cells[columnAt.count].line, record.cells[columnAt.count].column)
                : (record.endLine, record.endColumn)
            report(at.0, at.1, .wrongCellCount(expected: columnAt.count, found: record.cells.count))
            return nil
        }
        var values: [String: DirectoryValue] = Dictionary(minimumCapacity: columnAt.count)
        var key: String?
        var ok = true
        for (cell, column) in zip(record.cells, columnAt) {
            let text = column.type == .string ? cell.text : trimmed(cell.text)
            if text.isEmpty {
                if column.required {
                    report(cell.line, cell.column, .missingValue(column: column.name))
                    ok = false
                }
                continue
            }
            guard let value = DirectoryValue.parse(text, as: column.type) else {
                report(cell.line, cell.column, .wrongType(column: column.name, expected: column.type, value: cell.text))
                ok = false
                continue
            }
            if case .list([]) = value {  // only separators, e.g. ";": nothing listed
                if column.required {
                    report(cell.line, cell.column, .missingValue(column: column.name))
                    ok = false
                }
                continue
            }
            values[column.name] = value
            if column.name == schema.key { key = value.canonicalText }
        }
        // A key is taken by the first row that has it, even if that row is
        // rejected for another reason: two rows with one id is a defect in itself.
        guard let key else { return nil }
        if let first = firstLineOfKey[key] {
            let cell = zip(record.cells, columnAt).first { $0.1.name == schema.key }!.0
            report(cell.line, cell.column, .duplicateKey(key, column: schema.key, firstLine: first))
            return nil
        }
        firstLineOfKey[key] = record.line
        guard ok else { return nil }
        return DirectoryRow(line: record.line, key: key, values: values)
    }
}

extension CSVProblem.Kind {
    var directoryProblem: DirectoryDiagnostic.Problem {
        switch self {
        case .unterminatedQuote: return .unterminatedQuote
        case .textAfterClosingQuote: return .textAfterClosingQuote
        case .invalidUTF8: return .invalidUTF8
        }
    }
}
