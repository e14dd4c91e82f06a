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
    public func importDirectories(entities: [String], inspectors: String?, by actor: String) throws(LifecycleError) -> DirectoryImportSummary {
        var summary = DirectoryImportSummary(warnings: [])
        if !entities.isEmpty {
            var rows: [DirectoryRow] = []
            var firstFile: [String: String] = [:]
            var hashes: [String] = []
            var problems: [Diagnostic] = []
            for path in entities {
                let imported = try read(path, .entities)
                summary.warnings += imported.warnings
                for row in imported.rows {
                    if let other = firstFile[row.key] {
                        problems.append(Diagnostic(Place(path: path, line: row.line, column: 1),
                                                   zh: "对象“\(row.key)”已在 \(other) 中出现", en: "entity '\(row.key)' is also in \(other)"))
                        continue
                    }
                    firstFile[row.key] = path
                    rows.append(row)
                }
                hashes.append(Self.fileSHA256(path))
            }
            guard problems.isEmpty else { throw LifecycleError(problems) }
            let records = rows.map(Self.record)
            let hash = hashes.joined(separator: "+")
            _ = try storeCall({ () throws(StoreError) in
                try store.importDirectory(.entities, jurisdiction: id, rows: records, sourceSHA256: hash, by: actor)
            }, at: Place(path: entities[0], line: 1, column: 1))
            summary.entities = rows.count
        }
        if let inspectors {
            let imported = try read(inspectors, .inspectors)
            summary.warnings += imported.warnings
            let records = imported.rows.map(Self.record)
            let hash = Self.fileSHA256(inspectors)
            _ = try storeCall({ () throws(StoreError) in
                try store.importDirectory(.inspectors, jurisdiction: id, rows: records, sourceSHA256: hash, by: actor)
            }, at: Place(path: inspectors, line: 1, column: 1))
            summary.inspectors = imported.rows.count
        }
        return summary
    }

    private func read(_ path: String, _ kind: DirectoryKind) throws(LifecycleError) -> (rows: [DirectoryRow], warnings: [Diagnostic]) {
        let imported: DirectoryImport
        do {
            imported = kind == .entities ? try workspace.importEntities(path) : try workspace.importInspectors(path)
        } catch {
            throw LifecycleError(Place(path: path, line: 1, column: 1), zh: "无法读取名录文件", en: "cannot read the directory file")
        }
        let diagnostics = imported.diagnostics.map {
            Diagnostic(path: $0.path, line: $0.line, column: $0.column, severity: $0.severity == .error ? .error : .warning,
                       LocalizedText(zh: $0.messageZH, en: $0.messageEN))
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw LifecycleError(errors) }
        return (imported.rows, diagnostics.filter { $0.severity == .warning })
    }

    static func record(_ row: DirectoryRow) -> DirectoryRowRecord {
        DirectoryRowRecord(key: row.key, json: DatumJSON.encode(.map(DirectoryData.record(row))))
    }

    static func fileSHA256(_ path: String) -> String {
        sha256Hex(FileManager.default.contents(atPath: path) ?? Data())
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
