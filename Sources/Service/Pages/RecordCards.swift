import Disclosure
import Foundation
import Messages
import Rulebook
import Spotcheck
import Store

/// A published record as a page shows it: the record as published, with
/// the names the rule files hold (result, departments, plan, jurisdiction)
/// in the page's language; the findings stay as published.
struct RecordCard {
    var entityName: String
    var creditCode: String
    var jurisdiction: String
    var planTitle: String
    var planID: String
    var departments: String
    var resultLabel: String
    var tone: String
    var inspectedOn: String
    var publishedOn: String
    var findings: [String]
    var hasFindings: Bool
    var referrals: [String]
    var hasReferrals: Bool
    var decisions: [String]
    var hasDecisions: Bool
    var auditHead: String

    init?(_ stored: DisclosureRecord, rulebook: Rulebook, language l: Language) {
        guard let r = CountyOffice.publicRecord(stored) else { return nil }
        entityName = r.entityName
        creditCode = r.creditCode
        jurisdiction = rulebook.jurisdiction(stored.jurisdiction).map { $0.name.text(l) } ?? r.jurisdiction
        planID = r.planID
        planTitle = rulebook.plan(r.planID).map { l == .en ? ($0.titleEN ?? $0.title) : $0.title } ?? r.planTitle
        let names = r.departmentResults.map { rulebook.name(of: $0.department, in: stored.jurisdiction, l) }
        departments = (names.isEmpty ? r.departments : names).joined(separator: l == .zh ? "、" : ", ")
        resultLabel = rulebook.result(r.resultCode)?.labelText(l) ?? r.resultLabel
        tone = r.resultTone.isEmpty ? "notice" : r.resultTone
        inspectedOn = r.inspectedOn
        publishedOn = r.publishedOn
        findings = r.findings
        hasFindings = !r.findings.isEmpty
        referrals = r.referrals ?? []
        hasReferrals = !referrals.isEmpty
        decisions = r.decisions ?? []
        hasDecisions = !decisions.isEmpty
        auditHead = r.auditSeq.map { "#\($0) \(r.auditHash ?? "")" } ?? ""
    }
}
