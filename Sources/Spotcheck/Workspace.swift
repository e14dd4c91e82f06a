import Compliance
import Directories
import Foundation
import Messages
import Rulebook
import WorkingDays

/// A loaded rulebook and its interpreter: the starting point of every
/// command (validate, test, check, draw, demo).
public struct Workspace: Sendable {
    public let root: String
    public let rulebook: Rulebook
    public let interpreter: Interpreter
    /// Load problems (errors make the workspace unusable; warnings do not).
    public let diagnostics: [Diagnostic]

    /// Loads `Rules/` and `Checklists/` under `root`, plus any extra paths
    /// (which replace same-id files, for validating drafts).
    public static func load(root: String, extra: [String] = []) -> (Workspace?, [Diagnostic]) {
        make(root: root, Rulebook.load(paths: [root + "/Rules", root + "/Checklists"] + extra))
    }

    /// Loads `Rules/` and `Checklists/` under `root`, some files given as
    /// text instead (relative path → text): a draft, or published versions.
    public static func load(root: String, replacing texts: [String: String]) -> (Workspace?, [Diagnostic]) {
        make(root: root, Rulebook.load(root: root, replacing: texts))
    }

    /// A workspace over a loaded rulebook, unless its load has errors.
    private static func make(root: String, _ loaded: (Rulebook, [Diagnostic])) -> (Workspace?, [Diagnostic]) {
        let (book, diags) = loaded
        if diags.contains(where: { $0.severity == .error }) { return (nil, diags) }
        do {
            let interpreter = try Interpreter(rulebook: book)
            return (Workspace(root: root, rulebook: book, interpreter: interpreter, diagnostics: diags), diags)
        } catch {
            return (nil, diags + [error])
        }
    }

    /// Evaluates findings files in order; a file that does not fit its
    /// checklist yields diagnostics instead of an evaluation.
    public func check(_ paths: [String], entities: FindingsLoader.EntityLookup?) -> [(path: String, evaluation: Evaluation?, diagnostics: [Diagnostic])] {
        paths.map { path in
            let (e, d) = check(path, entities: entities)
            return (path, e, d)
        }
    }

    /// Evaluates one findings file. Safe to call from several threads at
    /// once: the rulebook and the interpreter are immutable.
    public func check(_ path: String, entities: FindingsLoader.EntityLookup?) -> (evaluation: Evaluation?, diagnostics: [Diagnostic]) {
        var d = Diagnostics()
        guard let f = FindingsLoader.read(path: path, entities: entities, diagnostics: &d) else { return (nil, d.all) }
        let e = interpreter.evaluate(f, diagnostics: &d)
        return (e, d.all)
    }

    /// Runs every checklist's examples.
    public func runExamples() -> [ExampleRunner.Outcome] { ExampleRunner.run(interpreter) }

    /// Reads an entity directory typed by `Rules/directories.yaml`.
    public func importEntities(_ path: String) throws -> DirectoryImport {
        guard let schema = rulebook.entitySchema else { throw WorkspaceError.noSchema("entities") }
        return try DirectoryImporter(schema: schema).importFile(atPath: path)
    }

    public func importInspectors(_ path: String) throws -> DirectoryImport {
        guard let schema = rulebook.inspectorSchema else { throw WorkspaceError.noSchema("inspectors") }
        return try DirectoryImporter(schema: schema).importFile(atPath: path)
    }
}

public enum WorkspaceError: Error, CustomStringConvertible {
    case noSchema(String)
    public var description: String {
        switch self {
        case .noSchema(let s): return "Rules/directories.yaml declares no '\(s)' directory / 名录库定义缺少“\(s)”"
        }
    }
}

/// Directory rows as plain data, the form findings and CEL read them in.
public enum DirectoryData {
    public static func datum(_ v: DirectoryValue) -> Datum {
        switch v {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .date(let c): return .date(year: c.year, month: c.month, day: c.day)
        case .list(let l): return .list(l.map { .string($0) })
        }
    }

    public static func record(_ row: DirectoryRow) -> [String: Datum] {
        row.values.mapValues(datum)
    }

    /// A row kept in a store (`DatumJSON` of `record`) back as a typed row.
    public static func row(key: String, json: String, schema: DirectorySchema, line: Int) -> DirectoryRow? {
        guard case .map(let m) = DatumJSON.decode(json) else { return nil }
        var values: [String: DirectoryValue] = [:]
        for column in schema.columns {
            guard let d = m[column.name] else { continue }
            switch (column.type, d) {
            case (.string, .string(let s)): values[column.name] = .string(s)
            case (.int, .int(let i)): values[column.name] = .int(i)
            case (.double, .double(let x)): values[column.name] = .double(x)
            case (.double, .int(let i)): values[column.name] = .double(Double(i))
            case (.bool, .bool(let b)): values[column.name] = .bool(b)
            case (.date, .date(let y, let mo, let da)):
                if let c = CivilDate(year: y, month: mo, day: da) { values[column.name] = .date(c) }
            case (.list, .list(let l)): values[column.name] = .list(l.map(\.display))
            default: continue
            }
        }
        return DirectoryRow(line: line, key: key, values: values)
    }

    /// An id → record lookup over imported rows.
    public static func lookup(_ rows: [DirectoryRow]) -> FindingsLoader.EntityLookup {
        var byID: [String: [String: Datum]] = [:]
        for r in rows { byID[r.key] = record(r) }
        let table = byID
        return { table[$0] }
    }
}
