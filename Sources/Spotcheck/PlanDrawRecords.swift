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
}
