import Foundation

/// The public record of one inspected entity's spot-check result (SPEC §9).
///
/// Plain data: the lifecycle fills it from the plan, the evaluation and the
/// directories; this module knows nothing of checklists or rules. Dates are
/// `YYYY-MM-DD` strings. JSON keys are snake_case, as in the rest of the
/// project's JSON (`entity_name`, `credit_code`, …).
public struct PublicationRecord: Codable, Sendable, Hashable {
    public var entityName: String
    /// Unified social credit code (统一社会信用代码) of the entity.
    public var creditCode: String
    public var planID: String
    public var planTitle: String
    /// Display names of the inspecting departments.
    public var departments: [String]
    public var inspectedOn: String
    public var resultCode: String
    public var resultLabel: String
    /// What was found, as human-readable text, one entry per problem.
    public var findings: [String]
    /// Where problems were handed over (移送/转办), as display text.
    public var referrals: [String]?
    public var publishedOn: String
    /// The last day the record may be published (20 working days, §9).
    public var disclosureDue: String?

    public init(entityName: String, creditCode: String, planID: String, planTitle: String,
                departments: [String], inspectedOn: String, resultCode: String, resultLabel: String,
                findings: [String], referrals: [String]? = nil, publishedOn: String,
                disclosureDue: String? = nil) {
        self.entityName = entityName
        self.creditCode = creditCode
        self.planID = planID
        self.planTitle = planTitle
        self.departments = departments
        self.inspectedOn = inspectedOn
        self.resultCode = resultCode
        self.resultLabel = resultLabel
        self.findings = findings
        self.referrals = referrals
        self.publishedOn = publishedOn
        self.disclosureDue = disclosureDue
    }

    enum CodingKeys: String, CodingKey {
        case entityName = "entity_name"
        case creditCode = "credit_code"
        case planID = "plan_id"
        case planTitle = "plan_title"
        case departments
        case inspectedOn = "inspected_on"
        case resultCode = "result_code"
        case resultLabel = "result_label"
        case findings
        case referrals
        case publishedOn = "published_on"
        case disclosureDue = "disclosure_due"
    }

    /// Applies `transform` to every text value of the record.
    public func mapText(_ transform: (String) -> String) -> PublicationRecord {
        PublicationRecord(
            entityName: transform(entityName), creditCode: transform(creditCode),
            planID: transform(planID), planTitle: transform(planTitle),
            departments: departments.map(transform), inspectedOn: transform(inspectedOn),
            resultCode: transform(resultCode), resultLabel: transform(resultLabel),
            findings: findings.map(transform), referrals: referrals?.map(transform),
            publishedOn: transform(publishedOn), disclosureDue: disclosureDue.map(transform))
    }
}
