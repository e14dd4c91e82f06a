import CEL

/// How an item is answered on the record form.
public enum AnswerType: String, Sendable, CaseIterable {
    case yesNo = "yes_no", number, integer, text, choice, date, photo

    /// The CEL type an answer of this kind has in expressions.
    var celType: CELType {
        switch self {
        case .yesNo: return .bool
        case .number: return .double
        case .integer: return .int
        case .text, .choice: return .string
        case .date: return .timestamp
        case .photo: return .list(.string)
        }
    }
}

public enum Severity: String, Sendable, CaseIterable, Comparable {
    case minor, general, serious
    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One check item, or one cross-item rule (`isRule`), of a checklist.
public struct ChecklistItem: Sendable {
    public var id: String
    public var isRule: Bool
    public var title: String
    public var titleEN: String?
    public var basis: String?
    public var answer: AnswerType?
    public var options: [String]
    public var unit: String?
    public var range: ClosedRange<Double>?
    public var expect: Datum?
    public var violation: RuleExpression?
    public var message: String?
    public var messageEN: String?
    public var severity: Severity?
    public var domain: String?
    public var relevant: RuleExpression?
    /// Whether a relevant item must be answered.
    public var required: Bool
    public var compute: RuleExpression?
    public var evidence: String?
    public var suspectedCrime: Bool
    public var creditPenalty: Bool
    public var place: Place
    /// The item's slot in the checklist's CEL environment.
    public var slot: Int

    /// Whether the item can be violated at all (informational items cannot).
    public var canFail: Bool { expect != nil || violation != nil }
}

/// A checklist's own test: answers and the violations they must produce.
public struct ChecklistExample: Sendable {
    public var name: String
    public var answers: [(key: Located<String>, value: Located<Datum>)]
    public var entity: Datum?
    public var inspection: Datum?
    public var expectViolations: [Located<String>]
    public var expectStatus: [(key: Located<String>, value: Located<String>)]
    public var place: Place
}

/// A department's checklist (随机抽查事项清单), loaded and compiled.
public struct Checklist: Sendable {
    public var id: String
    public var version: String
    public var department: String
    public var title: String
    public var titleEN: String?
    public var appliesTo: RuleExpression?
    /// Items, then rules, in file order.
    public var items: [ChecklistItem]
    public var examples: [ChecklistExample]
    /// The CEL environment all of this checklist's expressions were compiled in.
    public var environment: Environment
    public var valueSlot: Int
    public var entitySlot: Int
    public var inspectionSlot: Int
    public var path: String
    public var sha256: String
    public var place: Place
    var index: [String: Int]

    public func item(_ id: String) -> ChecklistItem? { index[id].map { items[$0] } }
}
