import Messages
import Rulebook

/// The evaluation as a document with SPEC.md §7's names: what `check
/// --format json` prints, what the service returns, and what the store
/// keeps with each submission and publication and reports read back typed.
///
/// Texts are in one language (`language`). A document built for keeping
/// (`forStore: true`) is Chinese and also carries the English of the texts
/// that are published (`finding_en`, `label_en`, `to_name_en`).
public struct EvaluationDocument: Codable, Sendable, Equatable {
    public var plan: String?
    public var task: String?
    public var jurisdiction: String?
    public var entity: String
    public var entityName: String
    public var checklist: String
    public var checklistVersion: String
    public var checklistSHA256: String
    public var department: String
    public var departmentName: String
    public var inspectedOn: String
    public var inspectors: [String]
    public var methods: [InspectionMethod]
    public var cooperation: Findings.Cooperation
    public var signature: Findings.Signature
    public var refusalNote: String?
    public var items: [Item]
    /// The ids of the failed items and rules, in file order.
    public var violations: [String]
    /// The violations on key items (重点检查事项), counted apart in reports.
    public var keyItemViolations: [String]
    public var result: Result?
    public var referrals: [ReferralEntry]
    public var unrouted: [Unrouted]?

    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var status: ItemStatus
        public var severity: Severity?
        public var basis: String?
        public var keyItem: Bool?
        public var internetPlusCode: String?
        public var methods: [InspectionMethod]?
        public var value: JSONValue?
        public var message: String?
        public var finding: String?
        public var findingEN: String?
        public var explain: Explain?
        public var evidenceMissing: Bool?

        enum CodingKeys: String, CodingKey {
            case id, title, status, severity, basis, value, message, finding, explain
            case keyItem = "key_item", internetPlusCode = "internet_plus_code", methods
            case findingEN = "finding_en", evidenceMissing = "evidence_missing"
        }
    }

    public struct Explain: Codable, Sendable, Equatable {
        public var rule: String
        public var values: JSONValue

        enum CodingKeys: String, CodingKey { case rule, values }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var code: String
        public var label: String
        public var labelEN: String?
        public var rank: Int
        public var tone: ResultCategory.Tone

        enum CodingKeys: String, CodingKey { case code, label, labelEN = "label_en", rank, tone }
    }

    public struct ReferralEntry: Codable, Sendable, Equatable {
        public var to: String
        public var toName: String
        public var toNameEN: String?
        public var kind: RouteKind
        public var items: [String]
        public var due: String?
        public var route: String

        enum CodingKeys: String, CodingKey { case to, toName = "to_name", toNameEN = "to_name_en", kind, items, due, route }
    }

    public struct Unrouted: Codable, Sendable, Equatable {
        public var item: String
        public var reason: String

        enum CodingKeys: String, CodingKey { case item, reason }
    }

    enum CodingKeys: String, CodingKey {
        case plan, task, jurisdiction, entity, checklist, department, inspectors, methods, cooperation, signature, items
        case violations, result, referrals, unrouted
        case entityName = "entity_name", checklistVersion = "checklist_version", checklistSHA256 = "checklist_sha256"
        case departmentName = "department_name", inspectedOn = "inspected_on", refusalNote = "refusal_note"
        case keyItemViolations = "key_item_violations"
    }
}

extension EvaluationDocument {
    /// Reads a stored document. Members that SPEC.md §7 leaves out when
    /// empty (`methods`) read as empty; every other member is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        plan = try c.decodeIfPresent(String.self, forKey: .plan)
        task = try c.decodeIfPresent(String.self, forKey: .task)
        jurisdiction = try c.decodeIfPresent(String.self, forKey: .jurisdiction)
        entity = try c.decode(String.self, forKey: .entity)
        entityName = try c.decode(String.self, forKey: .entityName)
        checklist = try c.decode(String.self, forKey: .checklist)
        checklistVersion = try c.decode(String.self, forKey: .checklistVersion)
        checklistSHA256 = try c.decode(String.self, forKey: .checklistSHA256)
        department = try c.decode(String.self, forKey: .department)
        departmentName = try c.decode(String.self, forKey: .departmentName)
        inspectedOn = try c.decode(String.self, forKey: .inspectedOn)
        inspectors = try c.decode([String].self, forKey: .inspectors)
        methods = try c.decodeIfPresent([InspectionMethod].self, forKey: .methods) ?? []
        cooperation = try c.decode(Findings.Cooperation.self, forKey: .cooperation)
        signature = try c.decode(Findings.Signature.self, forKey: .signature)
        refusalNote = try c.decodeIfPresent(String.self, forKey: .refusalNote)
        items = try c.decode([Item].self, forKey: .items)
        violations = try c.decode([String].self, forKey: .violations)
        keyItemViolations = try c.decode([String].self, forKey: .keyItemViolations)
        result = try c.decodeIfPresent(Result.self, forKey: .result)
        referrals = try c.decode([ReferralEntry].self, forKey: .referrals)
        unrouted = try c.decodeIfPresent([Unrouted].self, forKey: .unrouted)
    }
}

extension RouteKind: Codable {}
extension Severity: Codable {}

extension EvaluationDocument {
    /// The document of `e`, its texts in `language`; `forStore` adds the
    /// English of published texts to a Chinese document.
    public init(_ e: Evaluation, rulebook book: Rulebook, language l: Language = .zh, forStore: Bool = false) {
        let c = book.checklist(e.checklist)
        let english = forStore && l == .zh
        plan = e.plan
        task = e.task
        jurisdiction = e.jurisdiction
        entity = e.entityID
        entityName = e.entityName
        checklist = e.checklist
        checklistVersion = e.checklistVersion
        checklistSHA256 = e.checklistSHA256
        department = e.department
        departmentName = book.name(of: e.department, in: e.jurisdiction, l)
        inspectedOn = e.inspectedOn.description
        inspectors = e.inspectors
        methods = e.methods
        cooperation = e.cooperation
        signature = e.signature
        refusalNote = e.refusalNote.flatMap { $0.isEmpty ? nil : $0 }
        // Verdicts come in checklist order: look an item up by place, by id only if that fails.
        let checklistItems = c?.items ?? []
        items = e.items.enumerated().map { i, v in
            let item = i < checklistItems.count && checklistItems[i].id == v.id ? checklistItems[i] : c?.item(v.id)
            var out = Item(id: v.id, title: item?.titleText(l) ?? v.id, status: v.status, severity: item?.severity,
                           basis: item?.basis, keyItem: item?.keyItem == true ? true : nil,
                           internetPlusCode: item?.internetPlusCode, methods: nil, value: v.value.map(JSONValue.from),
                           message: nil, finding: nil, findingEN: nil, explain: nil,
                           evidenceMissing: v.evidenceMissing ? true : nil)
            if let methods = item?.methods, methods != InspectionMethod.defaults { out.methods = methods }
            if v.status == .fail || v.status == .error { out.message = v.message?.text(l) }
            if v.status == .fail, let item {
                out.finding = item.findingText(l)
                if english { out.findingEN = item.findingText(.en) }
            }
            if let rule = v.rule {
                out.explain = Explain(rule: rule, values: .object(v.values.map { ($0.0, JSONValue.from($0.1)) }))
            }
            return out
        }
        violations = e.violations
        keyItemViolations = e.violations.filter { c?.item($0)?.keyItem == true }
        result = e.result.map { r in
            Result(code: r.code, label: r.label.text(l), labelEN: english ? r.label.en : nil, rank: r.rank, tone: r.tone)
        }
        referrals = e.referrals.map { r in
            ReferralEntry(to: r.to, toName: book.name(of: r.to, in: e.jurisdiction, l),
                          toNameEN: english ? book.name(of: r.to, in: e.jurisdiction, .en) : nil,
                          kind: r.kind, items: r.items, due: r.due?.description, route: r.route)
        }
        unrouted = e.unrouted.isEmpty ? nil : e.unrouted.map { Unrouted(item: $0.item, reason: $0.reason.text(l)) }
    }

    /// The failed items, in file order.
    public var failedItems: [Item] { items.filter { $0.status == .fail } }

    /// The document without the English a stored one carries: what
    /// `init(_:rulebook:language: .zh)` gives, without building it again.
    public var withoutEnglish: EvaluationDocument {
        var d = self
        if d.items.contains(where: { $0.findingEN != nil }) {
            for i in d.items.indices { d.items[i].findingEN = nil }
        }
        d.result?.labelEN = nil
        for i in d.referrals.indices { d.referrals[i].toNameEN = nil }
        return d
    }
}
