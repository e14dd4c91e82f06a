import CEL
import Messages
import Rulebook
import WorkingDays

/// The verdict on one item or rule.
public enum ItemStatus: String, Sendable, Codable {
    case pass, fail
    case notApplicable = "not_applicable"
    case notChecked = "not_checked"
    case error
}

public struct ItemVerdict: Sendable {
    public var id: String
    public var status: ItemStatus
    public var value: CELValue?
    /// Why it failed or could not be evaluated, in both languages.
    public var message: LocalizedText?
    /// The rule that decided, and the values it read.
    public var rule: String?
    public var values: [(String, CELValue)]
    public var evidenceMissing: Bool
}

/// A referral of problems to the competent body, with its due date.
public struct Referral: Sendable {
    public var to: String
    public var kind: RouteKind
    public var items: [String]
    public var due: CivilDate?
    public var route: String
}

/// The result category one department's findings fall in.
public struct ResultVerdict: Sendable {
    public var code: String
    public var label: LocalizedText
    public var rank: Int
    public var tone: ResultCategory.Tone

    public init(_ category: ResultCategory) {
        code = category.code
        label = LocalizedText(zh: category.label, en: category.labelEN ?? category.label)
        rank = category.rank
        tone = category.tone
    }
}

/// The full evaluation of one findings file (SPEC.md §7).
public struct Evaluation: Sendable {
    public var findingsPath: String
    public var plan: String?
    public var task: String?
    /// The plan's jurisdiction, whose bodies referrals and reports name.
    public var jurisdiction: String?
    public var entityID: String
    public var entityName: String
    public var checklist: String
    public var checklistVersion: String
    public var checklistSHA256: String
    public var department: String
    public var inspectedOn: CivilDate
    public var inspectors: [String]
    public var methods: [InspectionMethod]
    public var items: [ItemVerdict]
    public var violations: [String]
    public var result: ResultVerdict?
    public var referrals: [Referral]
    /// Violations no route matched, with why.
    public var unrouted: [(item: String, reason: LocalizedText)]
    public var warnings: [Diagnostic]
    public var signature: Findings.Signature
    public var refusalNote: String?
    public var cooperation: Findings.Cooperation
    public var applies: Bool
}
