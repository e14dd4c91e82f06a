import CEL
import Directories
import Messages

/// The types rule expressions are checked against, taken from the rule
/// files: `entity` and `inspector` are objects whose fields are the columns
/// of `Rules/directories.yaml` (a `date` column a timestamp, a `list` a list
/// of text; an optional column still `has()`-testable), `inspection`,
/// `violation` and `plan` have the fields the program gives them. A
/// misspelt field is then a load error with the nearest column suggested,
/// and `entity.students > '3'` a type error. The variables keep the order
/// of `Contexts`, so programs compiled here run on `Contexts`' slots.
public struct ExpressionContexts: Sendable {
    public let entity: CELType
    public let inspector: CELType
    /// For each directory (`entity`, `inspector`): the coded values of each
    /// labelled column (`kind` → school, kindergarten …), for checking the
    /// text an expression compares a column with.
    let codes: [String: [String: [String]]]

    /// A directory column as declared; `type` nil when the declaration was
    /// wrong (reported already): the field is then `dyn`, not missing.
    struct Column: Sendable {
        var name: String
        var type: ColumnType?
        var codes: [String]
    }

    /// Without `Rules/directories.yaml`: rows are maps, any field allowed.
    public static let untyped = ExpressionContexts(entity: Contexts.record, inspector: Contexts.record, codes: [:])

    init(entity: CELType, inspector: CELType, codes: [String: [String: [String]]]) {
        self.entity = entity
        self.inspector = inspector
        self.codes = codes
    }

    /// Typed from the declared columns (and `id`, which every row has).
    init(entities: [Column], inspectors: [Column]) {
        func object(_ name: String, _ columns: [Column]) -> CELType {
            var fields = columns.map { ObjectType.Field($0.name, ExpressionContexts.celType($0.type)) }
            if !fields.contains(where: { $0.name == "id" }) { fields.append(ObjectType.Field("id", .string)) }
            return .object(ObjectType(name: name, fields: fields))
        }
        func codes(_ columns: [Column]) -> [String: [String]] {
            Dictionary(columns.filter { !$0.codes.isEmpty }.map { ($0.name, $0.codes) }, uniquingKeysWith: { a, _ in a })
        }
        self.init(entity: object("entity", entities), inspector: object("inspector", inspectors),
                  codes: ["entity": codes(entities), "inspector": codes(inspectors)])
    }

    static func celType(_ t: ColumnType?) -> CELType {
        switch t {
        case .string: return .string
        case .int: return .int
        case .double: return .double
        case .bool: return .bool
        case .date: return .timestamp
        case .list: return .list(.string)
        case nil: return .dyn
        }
    }

    /// `inspection`: what the interpreter binds (SPEC.md §3, §6).
    public static let inspection = ObjectType(name: "inspection", fields: [
        .init("department", .string), .init("checklist", .string), .init("date", .timestamp),
        .init("cooperation", .string), .init("signature", .string), .init("plan", .string),
        .init("inspectors", .list(.string)), .init("not_checked", .int),
    ])

    /// `violation` (and the elements of `violations`) in routing and results.
    public static let violation = ObjectType(name: "violation", fields: [
        .init("id", .string), .init("title", .string), .init("severity", .string), .init("domain", .string),
        .init("competent", .string), .init("suspected_crime", .bool), .init("credit_penalty", .bool),
        .init("rectified", .bool), .init("found_by", .string),
    ])

    /// `plan` in plan expressions: `{id, title, lead, departments, window: {from, to}}`.
    public static let plan = ObjectType(name: "plan", fields: [
        .init("id", .string), .init("title", .string), .init("lead", .string), .init("departments", .list(.string)),
        .init("window", .object(ObjectType(name: "plan.window", fields: [.init("from", .timestamp), .init("to", .timestamp)]))),
    ])

    /// The words findings may give for `inspection.cooperation` and
    /// `inspection.signature` (SPEC.md §6).
    static let inspectionCodes: [String: [String]] = [
        "cooperation": ["cooperated", "obstructed", "unreachable", "not_operating"],
        "signature": ["signed", "refused"],
    ]

    /// Routing and result rules: `violation`, `violations`, `inspection`, `entity`.
    public var outcome: Environment {
        Environment([("violation", .object(Self.violation)), ("violations", .list(.object(Self.violation))),
                     ("inspection", .object(Self.inspection)), ("entity", entity)])
    }

    /// Plans: `entity`, `inspector`, `plan`.
    public var plan: Environment {
        Environment([("entity", entity), ("inspector", inspector), ("plan", .object(Self.plan))])
    }

    /// A checklist's variables before its items are declared.
    var checklist: Environment {
        Environment([("value", .dyn), ("entity", entity), ("inspection", .object(Self.inspection))])
    }
}
