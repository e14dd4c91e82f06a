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
    /// How the problem reads when published, as found (冷藏温度高于8℃).
    public let finding: String?
    public let findingEN: String?
    public let severity: Severity?
    public let domain: String?
    public let relevant: RuleExpression?
    /// When the item applies, in words, for forms (never the raw CEL).
    public let relevantNote: String?
    public let relevantNoteEN: String?
    /// Whether a relevant item must be answered.
    public let required: Bool
    public let compute: RuleExpression?
    public let evidence: String?
    public let suspectedCrime: Bool
    public let creditPenalty: Bool
    /// 重点检查事项 (true) or 一般检查事项.
    public let keyItem: Bool
    /// The item's code in the 互联网+监管 catalogue of supervision matters.
    public let internetPlusCode: String?
    /// The methods the item may be checked by.
    public let methods: [InspectionMethod]
    public let place: Place
    /// Where `domain:` was written, for cross-reference errors.
    public let domainPlace: Place
    /// The item's slot in the checklist's CEL environment.
    public let slot: Int

    init(_ d: Draft, violation: RuleExpression?, relevant: RuleExpression?, compute: RuleExpression?, slot: Int) {
        id = d.id.value; isRule = d.isRule; title = d.title; titleEN = d.titleEN; basis = d.basis
        answer = d.answer; options = d.options; unit = d.unit; range = d.range; expect = d.expect
        self.violation = violation; message = d.message?.value; messageEN = d.messageEN?.value
        finding = d.finding; findingEN = d.findingEN; severity = d.severity; domain = d.domain
        self.relevant = relevant; relevantNote = d.relevantNote; relevantNoteEN = d.relevantNoteEN
        required = d.required; self.compute = compute; evidence = d.evidence
        suspectedCrime = d.suspectedCrime; creditPenalty = d.creditPenalty; keyItem = d.keyItem
        internetPlusCode = d.internetPlusCode; methods = d.methods
        place = d.id.place; domainPlace = d.domainPlace ?? d.id.place; self.slot = slot
    }

    /// Whether the item can be violated at all (informational items cannot).
    public var canFail: Bool { expect != nil || violation != nil }

    /// The published wording of the problem, in one language.
    public func findingText(_ language: Language) -> String {
        switch language {
        case .zh: return finding ?? title
        case .en: return findingEN ?? ("Not met: " + (titleEN ?? title))
        }
    }

    public func titleText(_ language: Language) -> String {
        language == .en ? (titleEN ?? title) : title
    }

    public func relevantNoteText(_ language: Language) -> String? {
        language == .en ? (relevantNoteEN ?? relevantNote) : relevantNote
    }
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
    /// The `entity` and `inspection` keys as written, for load-time checks.
    var entityFields: [(key: Located<String>, value: Located<Datum>)] = []
    var inspectionFields: [(key: Located<String>, value: Located<Datum>)] = []
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
