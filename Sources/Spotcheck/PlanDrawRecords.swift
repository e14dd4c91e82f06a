import CEL
import Compliance
import Directories
import Draw
import Foundation
import Messages
import Rulebook
import WorkingDays

/// How directory rows and the plan look to a plan's CEL expressions.
extension PlanDraw {
    // MARK: - Records

    /// A directory row as the CEL map plan rules read (see the type's doc).
    public static func celRecord(_ row: DirectoryRow, schema: DirectorySchema) -> CELValue {
        var record = DirectoryData.record(row)
        for column in schema.columns where column.type == .list && record[column.name] == nil {
            record[column.name] = .list([])
        }
        if record["id"] == nil { record["id"] = .string(row.key) }
        return Values.record(record)
    }

    /// The `plan` variable: id, title, lead, departments and the window.
    public static func planRecord(_ plan: Plan) -> CELValue {
        .map(CELMap(strings: [
            "id": .string(plan.id),
            "title": .string(plan.title),
            "lead": .string(plan.lead),
            "departments": .list(plan.departments.map { .string($0) }),
            "window": .map(CELMap(strings: [
                "from": Values.timestamp(plan.window.lowerBound),
                "to": Values.timestamp(plan.window.upperBound),
            ])),
        ]))
    }

    /// A stratum value as its label: strings as they are, integers and
    /// booleans in decimal / `true` `false`; anything else is not a label.
    static func stratumText(_ value: CELValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    static func describe(_ value: CELValue) -> String {
        if case .error(let e) = value { return e.message }
        return "\(value.typeName) \(value)"
    }

    static func importDirectory(_ path: String, schema: DirectorySchema,
                                problems: inout [Diagnostic], warnings: inout [Diagnostic]) -> DirectoryImport? {
        let imported: DirectoryImport
        do { imported = try DirectoryImporter(schema: schema).importFile(atPath: path) } catch {
            problems.append(Diagnostic(path: path, line: 1, column: 1,
                                       LocalizedText(zh: "无法读取名录文件", en: "cannot read the directory file")))
            return nil
        }
        for d in imported.diagnostics {
            let diagnostic = Diagnostic(path: d.path, line: d.line, column: d.column,
                                        severity: d.severity == .error ? .error : .warning,
                                        LocalizedText(zh: d.messageZH, en: d.messageEN))
            if d.severity == .error { problems.append(diagnostic) } else { warnings.append(diagnostic) }
        }
        return imported
    }
}
