import Directories
import Draw
import Foundation
import Messages
import Rulebook
import Store

/// What an import put into the store.
public struct DirectoryImportSummary: Sendable {
    public var entities: Int?
    public var inspectors: Int?
    public var warnings: [Diagnostic]
}

extension CountyOffice {
    /// Imports entity CSV files (merged into one directory version) and the
    /// inspector CSV, each typed by `Rules/directories.yaml`. A bad row, or
    /// an id in two entity files, refuses that directory whole; nothing is
    /// overwritten: each import is a new version.
    ///
    /// The rows stream from the files into the store as they are read and
    /// typed (`Store.importDirectory(…, rows:)`): memory holds the keys
    /// seen (for duplicates) and a few megabytes of text in flight, not the
    /// directory, and the files are hashed in the same pass.
    public func importDirectories(entities: [String], inspectors: String?, by actor: String) throws(LifecycleError) -> DirectoryImportSummary {
        var summary = DirectoryImportSummary(warnings: [])
        if !entities.isEmpty {
            let imported = try stream(entities, .entities, by: actor)
            summary.warnings += imported.warnings
            summary.entities = imported.rows
        }
        if let inspectors {
            let imported = try stream([inspectors], .inspectors, by: actor)
            summary.warnings += imported.warnings
            summary.inspectors = imported.rows
        }
        return summary
    }

    /// Streams the files of one directory into one new version.
    private func stream(_ paths: [String], _ kind: DirectoryKind, by actor: String) throws(LifecycleError) -> (rows: Int, warnings: [Diagnostic]) {
        guard let schema = kind == .entities ? rulebook.entitySchema : rulebook.inspectorSchema else {
            throw LifecycleError(Place(path: workspace.root + "/Rules/directories.yaml", line: 1, column: 1),
                                 zh: "Rules/directories.yaml 未声明 \(kind.rawValue) 名录库", en: "Rules/directories.yaml declares no \(kind.rawValue) directory")
        }
        let importer = DirectoryImporter(schema: schema)
        var sources: [DirectorySource] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            do {
                switch try DirectorySource.open(path, limits: importer.limits) {
                case .source(let s): sources.append(s)
                case .tooLarge(let bytes):
                    diagnostics.append(Diagnostic(directory: DirectoryDiagnostic(
                        path: path, line: 1, column: 1, problem: .fileTooLarge(bytes: bytes, limit: importer.limits.maxBytes))))
                }
            } catch {
                throw LifecycleError(Place(path: path, line: 1, column: 1), zh: "无法读取名录文件", en: "cannot read the directory file")
            }
        }
        guard diagnostics.isEmpty else { throw LifecycleError(diagnostics) }
        // Rows there will be if every record is one (no blank lines, no line
        // breaks inside quotes): lets the store hash the rows as they pass.
        let expected = sources.reduce(0) { $0 + Self.expectedRows($1) }
        let keys = DirectoryKeyIndex(expected: expected)
        var encoder = DirectoryRowEncoder()
        let record = try storeCall({ () throws(StoreError) in
            try store.importDirectory(kind, jurisdiction: id, expectedRows: expected, by: actor) { sink in
                var hashes: [String] = []
                for source in sources {
                    var file = SHA256Stream()
                    let scan = try importer.scan(source, keys: keys, rowsAfterErrors: false, passing: { file.update($0) }) { row in
                        try sink.append(key: row.key, json: encoder.encode(row))
                    }
                    diagnostics += scan.diagnostics.map(Diagnostic.init(directory:))
                    hashes.append(file.hexDigest())
                }
                if diagnostics.contains(where: { $0.severity == .error }) { sink.abandon() }
                sink.sourceSHA256 = hashes.joined(separator: "+")
            }
        }, at: Place(path: paths[0], line: 1, column: 1))
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let record else { throw LifecycleError(errors) }
        return (record.rowCount, diagnostics.filter { $0.severity == .warning })
    }

    /// The data rows of a file whose every line is one record.
    static func expectedRows(_ source: DirectorySource) -> Int {
        guard source.byteCount > 0 else { return 0 }
        let last = source.bytes[source.byteCount - 1]
        let endsWithBreak = last == 0x0A || last == 0x0D
        // The estimate counts the header and, after a final line break, one more.
        return max(0, source.estimatedRecordCount() - (endsWithBreak ? 2 : 1))
    }

    /// The current directory of this jurisdiction as typed rows, for a draw
    /// (line numbers count as if the rows were a CSV file under a header).
    public func directoryRows(_ kind: DirectoryKind) throws(LifecycleError) -> [DirectoryRow] {
        let schema = kind == .entities ? rulebook.entitySchema : rulebook.inspectorSchema
        guard let schema else {
            throw LifecycleError(Place(path: workspace.root + "/Rules/directories.yaml", line: 1, column: 1),
                                 zh: "Rules/directories.yaml 未声明 \(kind.rawValue) 名录库", en: "Rules/directories.yaml declares no \(kind.rawValue) directory")
        }
        let records = try storeCall({ () throws(StoreError) in try store.directoryRows(kind, jurisdiction: id) })
        return records.enumerated().compactMap { n, r in DirectoryData.row(key: r.key, json: r.json, schema: schema, line: n + 2) }
    }
}
