/// Imports a CSV directory against its schema.
///
/// The header names the columns, in any order. Header problems (a required
/// column missing, an undeclared or repeated column, an empty file, a file
/// with a header and no rows) make the whole file unusable: they are
/// reported and no rows are returned, because every row would otherwise
/// repeat the same complaint. So does a file beyond `limits`. Row problems
/// are reported per cell, all of them, and reject just that row. Keys are
/// unique and taken exactly as written: the first row with a key holds it,
/// later ones are rejected as duplicates, and a key with white space around
/// it or an invisible character in it is an error, never trimmed.
///
/// Records are read one at a time and typed at once, so a million-row file
/// never exists as parsed text and typed rows together.
public struct DirectoryImporter: Sendable {
    public let schema: DirectorySchema
    public let limits: DirectoryLimits

    public init(schema: DirectorySchema, limits: DirectoryLimits = .standard) {
        self.schema = schema
        self.limits = limits
    }

    public func importCSV(_ bytes: [UInt8], path: String) -> DirectoryImport {
        bytes.withUnsafeBufferPointer { importCSV($0, path: path) }
    }

    /// Imports from bytes held elsewhere (a mapped file, an upload): every
    /// valid row, and a diagnostic for every problem.
    public func importCSV(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> DirectoryImport {
        guard bytes.count <= limits.maxBytes else {
            return DirectoryImport(path: path, rows: [], diagnostics: [tooLarge(bytes.count, path: path)], rejectedRowCount: 0)
        }
        var rows: [DirectoryRow] = []
        // Growing a million-entry array step by step copies it again and
        // again; one pass over the bytes is cheaper.
        let expected = min(CSVParser.estimatedRecordCount(bytes), limits.maxRows + 1)
        rows.reserveCapacity(expected)
        let scan = scan(bytes, path: path, keys: DirectoryKeyIndex(expected: expected)) { rows.append($0) }
        return DirectoryImport(scan, rows: rows)
    }

    /// Reads the records one at a time, types each, and hands every valid
    /// row to `each` as soon as it is read; nothing is kept but the keys
    /// (in `keys`, which may be shared by the files of one import so that a
    /// key in two of them is found). With `rowsAfterErrors` false, rows
    /// stop flowing at the first error (the caller will refuse the import
    /// anyway) while reading goes on to report every problem. `progress`
    /// hears how many bytes have been read, after each record.
    ///
    /// When the scan reports errors, the rows already handed over must be
    /// discarded by the caller: the file is refused (a broken header or too
    /// many rows refuse it whole, after the rows before were handed over).
    ///
    /// A part of a file (read by another thread) is scanned with its
    /// `header`, the file's bytes up to the end of the header record, and
    /// `firstLine`, the line `bytes` starts on (at a record's start); its
    /// rows are then numbered as in the whole file.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String, keys: DirectoryKeyIndex,
                     header: UnsafeBufferPointer<UInt8>? = nil, firstLine: Int = 1,
                     rowsAfterErrors: Bool = true, progress: (Int) -> Void = { _ in },
                     each: (DirectoryRow) throws -> Void) rethrows -> DirectoryScan {
        var scan = DirectoryScan(path: path)
        guard bytes.count + (header?.count ?? 0) <= limits.maxBytes else {
            scan.diagnostics = [tooLarge(bytes.count, path: path)]
            scan.refusedWhole = true
            return scan
        }
        var reading = Reading(columns: DirectoryColumns(schema: schema), keys: keys, source: keys.beginSource(path: path))
        if let header {
            CSVParser.forEachRecord(in: header) { record in
                readHeader(record, path: path, into: &reading)
                return false
            }
        }
        let end = try CSVParser.forEachRecord(in: bytes, firstLine: firstLine) { record in
            progress(record.byteEnd)
            guard reading.columnAt != nil else {
                readHeader(record, path: path, into: &reading)
                return true
            }
            reading.records += 1
            if reading.records > limits.maxRows {
                reading.tooMany = .init(path: path, line: record.line, column: 1, problem: .tooManyRows(limit: limits.maxRows))
                return false
            }
            // Against a broken header no row can be typed: they are only counted.
            guard reading.headerDiagnostics.isEmpty else { return true }
            let before = scan.diagnostics.count
            let row = readRow(record, path: path, into: &reading, scan: &scan)
            if scan.diagnostics[before...].contains(where: { $0.severity == .error }) { reading.failed = true }
            if let row, rowsAfterErrors || !reading.failed {
                scan.rowCount += 1
                try each(row)
            } else if row != nil {
                scan.rowCount += 1
            }
            return true
        }
        if reading.columnAt == nil {
            scan.diagnostics = [.init(path: path, line: 1, column: 1, problem: .emptyFile)]
            scan.refusedWhole = true
        } else if !reading.headerDiagnostics.isEmpty || reading.tooMany != nil {
            // The file is refused whole; the rows read are all left out.
            scan.diagnostics = reading.headerDiagnostics + (reading.tooMany.map { [$0] } ?? [])
            scan.rejectedRowCount = reading.records
            scan.rowCount = 0
            scan.refusedWhole = true
        } else if reading.records == 0 {
            scan.diagnostics = [.init(path: path, line: end.line, column: end.column, problem: .noRows)]
        }
        return scan
    }

    func tooLarge(_ bytes: Int, path: String) -> DirectoryDiagnostic {
        .init(path: path, line: 1, column: 1, problem: .fileTooLarge(bytes: bytes, limit: limits.maxBytes))
    }

    /// What an import has learnt so far.
    private struct Reading {
        let columns: DirectoryColumns
        /// Every key seen so far, in this file and the earlier files of the import.
        let keys: DirectoryKeyIndex
        /// This file's number in `keys`.
        let source: Int
        /// The declared column of each header position; nil until the header is read.
        var columnAt: [DirectoryColumn]?
        /// Each header position's index in `columns`.
        var indexAt: [Int] = []
        var keyPosition = 0
        var headerDiagnostics: [DirectoryDiagnostic] = []
        /// Data records seen (up to the first one beyond the limit).
        var records = 0
        /// Set when there are more rows than `limits.maxRows`.
        var tooMany: DirectoryDiagnostic?
        /// Set at the first error diagnostic.
        var failed = false
    }

    /// Maps each header position to its declared column; records header problems.
    private func readHeader(_ header: CSVRecord, path: String, into reading: inout Reading) {
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
        reading.columnAt = columns
        reading.indexAt = columns.map { reading.columns.index[$0.name] ?? -1 }
        reading.keyPosition = columns.firstIndex { $0.name == schema.key } ?? -1
        reading.headerDiagnostics = diagnostics
    }

    /// Types every cell of one record: the row, or nil and diagnostics.
    private func readRow(_ record: CSVRecord, path: String, into reading: inout Reading,
                         scan result: inout DirectoryScan) -> DirectoryRow? {
        let columnAt = reading.columnAt!
        let before = result.diagnostics.count
        func report(_ line: Int, _ column: Int, _ problem: DirectoryDiagnostic.Problem) {
            result.diagnostics.append(.init(path: path, line: line, column: column, problem: problem))
        }
        func reject() -> DirectoryRow? {
            result.rejectedRowCount += 1
            assert(result.diagnostics.count > before, "a rejected row must have a diagnostic")
            return nil
        }
        if let p = record.problem {
            report(p.line, p.column, p.kind.directoryProblem)
            return reject()
        }
        guard record.cells.count == columnAt.count else {
            let at = record.cells.count > columnAt.count
                ? (record.cells[columnAt.count].line, record.cells[columnAt.count].column)
                : (record.endLine, record.endColumn)
            report(at.0, at.1, .wrongCellCount(expected: columnAt.count, found: record.cells.count))
            return reject()
        }
        var cells = [DirectoryValue?](repeating: nil, count: reading.columns.names.count)
        var key: String?
        var ok = true
        for (position, cell) in record.cells.enumerated() {
            let column = columnAt[position]
            let isKey = position == reading.keyPosition
            if isKey, let problem = KeyText.problem(in: cell.text) {
                let at = cell.place(ofScalarOffset: problem.offset)
                switch problem {
                case .surroundingSpace: report(at.line, at.column, .keyHasSurroundingSpace(column: column.name))
                case let .invisible(_, scalar): report(at.line, at.column, .keyHasInvisibleCharacter(column: column.name, scalar: scalar))
                }
                ok = false
                continue
            }
            let text = column.type == .string || isKey ? cell.text : trimmed(cell.text)
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
            cells[reading.indexAt[position]] = value
            if isKey { key = value.canonicalText }
        }
        // A key is taken by the first row that has it, even if that row is
        // rejected for another reason: two rows with one id is a defect in itself.
        guard let key else { return reject() }
        if let first = reading.keys.insert(key, line: record.line) {
            let cell = record.cells[reading.keyPosition]
            if first.source == reading.source {
                report(cell.line, cell.column, .duplicateKey(key, column: schema.key, firstLine: first.line))
            } else {
                report(cell.line, cell.column, .keyInEarlierFile(key, column: schema.key, path: reading.keys.path(of: first.source),
                                                                 line: first.line))
            }
            return reject()
        }
        guard ok else { return reject() }
        return DirectoryRow(line: record.line, key: key, columns: reading.columns, cells: cells)
    }
}

extension CSVProblem.Kind {
    var directoryProblem: DirectoryDiagnostic.Problem {
        switch self {
        case .unterminatedQuote: return .unterminatedQuote
        case .textAfterClosingQuote: return .textAfterClosingQuote
        case .invalidUTF8: return .invalidUTF8
        case .nulByte: return .nulByte
        }
    }
}
