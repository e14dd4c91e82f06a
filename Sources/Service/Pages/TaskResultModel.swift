import Compliance
import Messages
import Rulebook
import Spotcheck

/// The page after a submission: for each checklist, the result category,
/// every violated item (`data-violation`) with its finding and legal
/// basis, and every referral (`data-referral`) with its recipient and due
/// date — the evaluation as stored, in the page's language.
struct TaskResultModel {
    struct Violation {
        var id: String
        var title: String
        var finding: String
        var basis: String
        var message: String
        var evidenceMissing: Bool
    }
    struct ReferralView {
        var to: String
        var name: String
        var kind: String
        var due: String
        var items: String
    }
    struct EvaluationView {
        var checklist: String
        var version: String
        var submissionID: String
        var duplicate: Bool
        var result: String
        var tone: String
        var violations: [Violation]
        var hasViolations: Bool
        var referrals: [ReferralView]
        var hasReferrals: Bool
        var warnings: [String]
    }
    var shell: PageShell
    var entityName: String
    var taskID: String
    var departmentName: String
    var draftKey: String
    var formHref: String
    var evaluations: [EvaluationView]

    init(_ outcomes: [SubmissionOutcome], task: VisibleTask, department: String, office: CountyOffice, caller: Caller,
         language l: Language) {
        let t = UIText.table(l)
        formHref = task.formPath(department)
        shell = PageShell(title: t["evaluation"]!, path: formHref, language: l, caller: caller, scripts: ["/static/form.js"])
        entityName = task.record.entityName
        taskID = task.record.id
        departmentName = office.name(of: department, l)
        draftKey = task.draftKey(department, caller)
        evaluations = outcomes.map { outcome in
            let doc = EvaluationDocument(outcome.evaluation, rulebook: office.rulebook, language: l)
            let checklist = office.rulebook.checklist(doc.checklist)
            let violations = doc.items.filter { $0.status == .fail }.map { item in
                Violation(id: item.id, title: item.title, finding: (l == .zh ? item.finding : item.findingEN ?? item.finding) ?? "",
                          basis: item.basis ?? "", message: item.message ?? "", evidenceMissing: item.evidenceMissing ?? false)
            }
            let referrals = doc.referrals.map { r in
                ReferralView(to: r.to, name: l == .zh ? r.toName : (r.toNameEN ?? r.toName), kind: t["route." + r.kind.rawValue] ?? r.kind.rawValue,
                             due: r.due ?? "—", items: r.items.joined(separator: l == .zh ? "、" : ", "))
            }
            let result = doc.result.map { l == .zh ? $0.label : ($0.labelEN ?? $0.label) } ?? "—"
            return EvaluationView(checklist: checklist.map { l == .zh ? $0.title : ($0.titleEN ?? $0.title) } ?? doc.checklist,
                                  version: doc.checklistVersion, submissionID: outcome.submissionID, duplicate: outcome.duplicate,
                                  result: result, tone: doc.result?.tone.rawValue ?? "neutral",
                                  violations: violations, hasViolations: !violations.isEmpty,
                                  referrals: referrals, hasReferrals: !referrals.isEmpty,
                                  warnings: outcome.warnings.map { $0.message.text(l) })
        }
    }
}
