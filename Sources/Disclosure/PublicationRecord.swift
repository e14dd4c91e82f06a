import Foundation

/// The public record of one inspected entity's spot-check result (SPEC §9).
///
/// Plain data: the lifecycle fills it from the plan, the evaluations and the
/// directories; this module knows nothing of checklists or rules (the
/// result's `tone` comes from the rule files with it). Dates are
/// `YYYY-MM-DD` strings. JSON keys are snake_case, as in the rest of the
/// project's JSON (`entity_name`, `credit_code`, …).
public struct PublicationRecord: Codable, Sendable, Hashable {
    /// One inspecting department's own result.
    public struct DepartmentResult: Codable, Sendable, Hashable {
        public var department: String
        public var departmentName: String
        public var resultCode: String
        public var resultLabel: String

        public init(department: String, departmentName: String, resultCode: String, resultLabel: String) {
            self.department = department
            self.departmentName = departmentName
            self.resultCode = resultCode
            self.resultLabel = resultLabel
        }

        enum CodingKeys: String, CodingKey {
            case department, departmentName = "department_name", resultCode = "result_code", resultLabel = "result_label"
        }
    }

    public var entityName: String
    /// Unified social credit code (统一社会信用代码) of the entity.
    public var creditCode: String
    public var planID: String
    public var planTitle: String
    /// The jurisdiction's name (宽城满族自治县).
    public var jurisdiction: String
    /// Names of the inspecting bodies.
    public var departments: [String]
    public var inspectedOn: String
    /// The department result of highest rank.
    public var resultCode: String
    public var resultLabel: String
    /// How renderers show the result: clear, notice or serious (from the rule files).
    public var resultTone: String
    public var departmentResults: [DepartmentResult]
    /// What was found, as published (one entry per problem).
    public var findings: [String]
    /// Where problems were handed over (移送/转办), as display text.
    public var referrals: [String]?
    /// Handling decisions that are public (行政处罚决定), as display text.
    public var decisions: [String]?
    public var publishedOn: String
    /// The last day the record may be published (20 working days, §9).
    public var disclosureDue: String?
    /// The head of the jurisdiction's audit chain when the record was published.
    public var auditSeq: Int?
    public var auditHash: String?

    public init(entityName: String, creditCode: String, planID: String, planTitle: String, jurisdiction: String,
                departments: [String], inspectedOn: String, resultCode: String, resultLabel: String, resultTone: String,
                departmentResults: [DepartmentResult], findings: [String], referrals: [String]? = nil,
                decisions: [String]? = nil, publishedOn: String, disclosureDue: String? = nil) {
        self.entityName = entityName
        self.creditCode = creditCode
        self.planID = planID
        self.planTitle = planTitle
        self.jurisdiction = jurisdiction
        self.departments = departments
        self.inspectedOn = inspectedOn
        self.resultCode = resultCode
        self.resultLabel = resultLabel
        self.resultTone = resultTone
        self.departmentResults = departmentResults
        self.findings = findings
        self.referrals = referrals
        self.decisions = decisions
        self.publishedOn = publishedOn
        self.disclosureDue = disclosureDue
    }

    /// A record of a single department's inspection: its result is the
    /// department's, shown with `tone` (clear, notice or serious).
    public init(entityName: String, creditCode: String, planID: String, planTitle: String, departments: [String],
                inspectedOn: String, resultCode: String, resultLabel: String, findings: [String], referrals: [String]? = nil,
                publishedOn: String, disclosureDue: String? = nil, tone: String = "notice") {
        self.init(entityName: entityName, creditCode: creditCode, planID: planID, planTitle: planTitle, jurisdiction: "",
                  departments: departments, inspectedOn: inspectedOn, resultCode: resultCode, resultLabel: resultLabel,
                  resultTone: tone, departmentResults: [], findings: findings, referrals: referrals, publishedOn: publishedOn,
                  disclosureDue: disclosureDue)
    }

    /// The record's JSON keys (public: the service adds the audit head to stored records by these names).
    public enum CodingKeys: String, CodingKey {
        case entityName = "entity_name"
        case creditCode = "credit_code"
        case planID = "plan_id"
        case planTitle = "plan_title"
        case jurisdiction
        case departments
        case inspectedOn = "inspected_on"
        case resultCode = "result_code"
        case resultLabel = "result_label"
        case resultTone = "result_tone"
        case departmentResults = "department_results"
        case findings
        case referrals
        case decisions
        case publishedOn = "published_on"
        case disclosureDue = "disclosure_due"
        case auditSeq = "audit_seq"
        case auditHash = "audit_hash"
    }

    /// Applies `transform` to every free text of the record (not to codes,
    /// ids, dates or hashes).
    public func mapText(_ transform: (String) -> String) -> PublicationRecord {
        var r = self
        r.entityName = transform(entityName)
        r.planTitle = transform(planTitle)
        r.jurisdiction = transform(jurisdiction)
        r.departments = departments.map(transform)
        r.resultLabel = transform(resultLabel)
        r.departmentResults = departmentResults.map { d in
            var d = d
            d.departmentName = transform(d.departmentName)
            d.resultLabel = transform(d.resultLabel)
            return d
        }
        r.findings = findings.map(transform)
        r.referrals = referrals?.map(transform)
        r.decisions = decisions?.map(transform)
        return r
    }
}
