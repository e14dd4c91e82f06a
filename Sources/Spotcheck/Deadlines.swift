import Messages
import Rulebook
import Store
import WorkingDays

/// A deadline of the lifecycle, who must meet it, and where it stands on a given day.
public struct Deadline: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case confirmList = "confirm_list", enterResults = "enter_results", disclose, referral

        public var label: LocalizedText {
            switch self {
            case .confirmList: return LocalizedText(zh: "名单确认", en: "list confirmation")
            case .enterResults: return LocalizedText(zh: "结果录入", en: "results entry")
            case .disclose: return LocalizedText(zh: "结果公示", en: "disclosure")
            case .referral: return LocalizedText(zh: "移送处理", en: "referral handling")
            }
        }
    }

    public enum State: String, Sendable, CaseIterable {
        case due, overdue, done, lateDone = "done_late"

        public var label: LocalizedText {
            switch self {
            case .due: return LocalizedText(zh: "待办", en: "due")
            case .overdue: return LocalizedText(zh: "逾期", en: "OVERDUE")
            case .done: return LocalizedText(zh: "已按期完成", en: "done")
            case .lateDone: return LocalizedText(zh: "逾期完成", en: "done late")
            }
        }
    }

    public var kind: Kind
    /// The task, task and checklist, or referral concerned.
    public var subject: String
    public var plan: String
    /// The department or authority (or the lead office, `lead_office`) that must act.
    public var responsible: String
    public var due: CivilDate
    public var state: State
    public var detail: LocalizedText
}

extension CountyOffice {
    /// The id used for the leading group office as the one responsible.
    public static let leadOffice = "lead_office"

    /// Every deadline of every plan of the jurisdiction on `day` (SPEC.md §9):
    /// list confirmation (after the draw), results entry (after the
    /// inspection; a task never inspected is due after the plan window),
    /// disclosure (after the results are in), referral handling (per route).
    /// Nothing drawn disappears: a task nobody inspects stays overdue.
    public func deadlines(on day: CivilDate) throws(LifecycleError) -> [Deadline] {
        var out: [Deadline] = []
        func state(_ due: CivilDate, doneOn: CivilDate?) -> Deadline.State {
            if let doneOn { return doneOn <= due ? .done : .lateDone }
            return day > due ? .overdue : .due
        }
        let disclosed = Dictionary(try storeCall({ () throws(StoreError) in try store.disclosures(jurisdiction: id) })
            .map { ($0.taskID, CivilDate($0.publishedOn)) }, uniquingKeysWith: { a, _ in a })
        for plan in plans {
            let confirmations = try latestConfirmations(plan: plan.id)
            let evaluations = Dictionary(grouping: try storeCall({ () throws(StoreError) in
                try store.latestEvaluations(jurisdiction: id, plan: plan.id)
            }), by: \.taskID)
            let windowEnd = try addingWorkingDays(plan.resultsWithinWorkingDays, to: plan.window.upperBound, at: plan.place)
            for task in try storeCall({ () throws(StoreError) in try store.tasks(jurisdiction: id, plan: plan.id) }) {
                if let due = CivilDate(task.confirmDue) {
                    for department in teams(of: task).keys.sorted() {
                        let c = confirmations[task.id + "|" + department]
                        let detail = c.map { c in
                            c.decision == .rejected
                                ? LocalizedText(zh: "已退回：\(c.reason ?? "")", en: "rejected: \(c.reason ?? "")")
                                : LocalizedText(zh: "已确认 \(c.decidedOn)", en: "confirmed \(c.decidedOn)")
                        } ?? LocalizedText(zh: "未确认", en: "not confirmed")
                        out.append(Deadline(kind: .confirmList, subject: "\(task.id) \(department)", plan: plan.id, responsible: department,
                                            due: due, state: state(due, doneOn: c.flatMap { CivilDate($0.decidedOn) }), detail: detail))
                    }
                }
                let evals = evaluations[task.id] ?? []
                var lastEntry: CivilDate?
                for (department, lists) in checklists(of: task).sorted(by: { $0.key < $1.key }) {
                    if confirmations[task.id + "|" + department]?.decision == .rejected { continue }
                    for checklist in lists {
                        if let e = evals.first(where: { $0.checklist == checklist }), let entered = CivilDate(e.enteredOn),
                           let inspected = CivilDate(try document(of: e).inspectedOn) {
                            let due = try addingWorkingDays(plan.resultsWithinWorkingDays, to: inspected, at: plan.place)
                            out.append(Deadline(kind: .enterResults, subject: "\(task.id) \(checklist)", plan: plan.id, responsible: department,
                                                due: due, state: state(due, doneOn: entered),
                                                detail: LocalizedText(zh: "检查于 \(inspected)，录入于 \(entered)", en: "inspected \(inspected), entered \(entered)")))
                            lastEntry = max(lastEntry ?? entered, entered)
                        } else {
                            out.append(Deadline(kind: .enterResults, subject: "\(task.id) \(checklist)", plan: plan.id, responsible: department,
                                                due: windowEnd, state: state(windowEnd, doneOn: nil),
                                                detail: LocalizedText(zh: "尚未检查或未录入（抽查时间至 \(plan.window.upperBound)）",
                                                                      en: "not inspected or not entered yet (window ends \(plan.window.upperBound))")))
                        }
                    }
                }
                let expected = expectedChecklists(task, confirmations: confirmations)
                if !expected.isEmpty, expected.allSatisfy({ c in evals.contains { $0.checklist == c } }), let lastEntry {
                    let due = try addingWorkingDays(plan.discloseWithinWorkingDays, to: lastEntry, at: plan.place)
                    out.append(Deadline(kind: .disclose, subject: task.id, plan: plan.id, responsible: Self.leadOffice, due: due,
                                        state: state(due, doneOn: disclosed[task.id] ?? nil),
                                        detail: LocalizedText(zh: "结果录齐于 \(lastEntry)", en: "all results entered \(lastEntry)")))
                }
            }
        }
        for r in try referrals() where r.status != .superseded {
            guard let dueText = r.referral.due, let due = CivilDate(dueText) else { continue }
            let doneOn = r.status == .handled || r.status == .closed ? CivilDate(r.statusOn) : nil
            let task = r.referral.taskID
            let planID = task.split(separator: "/").first.map(String.init) ?? ""
            out.append(Deadline(kind: .referral, subject: r.referral.id, plan: planID, responsible: r.referral.recipient, due: due,
                                state: state(due, doneOn: doneOn),
                                detail: LocalizedText(zh: "\(r.referral.kind) \(r.referral.items.joined(separator: "、"))（\(r.status.label.zh)）",
                                                      en: "\(r.referral.kind) \(r.referral.items.joined(separator: ", ")) (\(r.status.label.en))")))
        }
        return out
    }
}
