import CEL
import Messages

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
/// A class, because items are read on the evaluation hot path and a struct
/// of this many fields would be copied field by field at every read.
public final class ChecklistItem: Sendable {
    public let id: String
    public let isRule: Bool
    public let title: String
    public let titleEN: String?
    public let basis: String?
    public let answer: AnswerType?
    public let options: [String]
    public let unit: String?
    public let range: ClosedRange<Double>?
    public let expect: Datum?
    public let violation: RuleExpression?
    public let message: String?
    public let messageEN: String?
    public let severity: Severity?
    public let domain: String?
    public let relevant: RuleExpression?
    /// Whether a relevant item must be answered.
    public let required: Bool
    public let compute: RuleExpression?
    public let evidence: String?
    public let suspectedCrime: Bool
    public let creditPenalty: Bool
    public let place: Place
    /// Where `domain:` was written, for cross-reference errors.
    public let domainPlace: Place
    /// The item's slot in the checklist's CEL environment.
    public let slot: Int

    init(id: String, isRule: Bool, title: String, titleEN: String?, basis: String?, answer: AnswerType?, options: [String],
         unit: String?, range: ClosedRange<Double>?, expect: Datum?, violation: RuleExpression?, message: String?,
         messageEN: String?, severity: Severity?, domain: String?, relevant: RuleExpression?, required: Bool,
         compute: RuleExpression?, evidence: String?, suspectedCrime: Bool, creditPenalty: Bool, place: Place,
         domainPlace: Place, slot: Int) {
        self.id = id; self.isRule = isRule; self.title = title; self.titleEN = titleEN; self.basis = basis
        self.answer = answer; self.options = options; self.unit = unit; self.range = range; self.expect = expect
        self.violation = violation; self.message = message; self.messageEN = messageEN; self.severity = severity
        self.domain = domain; self.relevant = relevant; self.required = required; self.compute = compute
        self.evidence = evidence; self.suspectedCrime = suspectedCrime; self.creditPenalty = creditPenalty
        self.place = place; self.domainPlace = domainPlace; self.slot = slot
    }

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
    /// Where `department:` was written.
    public var departmentPlace: Place
    var index: [String: Int]

    public func item(_ id: String) -> ChecklistItem? { index[id].map { items[$0] } }
    /// The position of an item in `items`.
    public func indexOf(_ id: String) -> Int? { index[id] }
}
