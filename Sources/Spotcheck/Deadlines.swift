import Rulebook
import Store
import WorkingDays

/// A deadline of the lifecycle and where it stands on a given day.
public struct Deadline: Sendable {
    public enum Kind: String, Sendable { case confirmList = "confirm_list", enterResults = "enter_results", disclose, referral }
    public enum State: String, Sendable { case due, overdue, done, lateDone = "done_late" }
    public var kind: Kind
    public var subject: String
    public var due: CivilDate
    public var state: State
    public var detail: String
}

extension CountyOffice {
    /// Every deadline of every plan on `day` (SPEC.md §9): results entry
    /// (working days after the inspection), disclosure (after results
    /// entry), referral handling (per route).
    public func deadlines(on day: CivilDate) throws -> [Deadline] {
        guard let calendar = rulebook.calendar else { return [] }
        var out: [Deadline] = []
        func state(_ due: CivilDate, doneOn: CivilDate?) -> Deadline.State {
            if let doneOn { return doneOn <= due ? .done : .lateDone }
            return day > due ? .overdue : .due
        }
        let disclosed = Set(try store.disclosures(plan: nil).map(\.taskID))
        var confirmed: [String: CivilDate] = [:]
        for c in try store.confirmations(plan: nil) { confirmed["\(c.taskID)|\(c.department)"] = CivilDate(c.confirmedOn) }
        for plan in rulebook.plans {
            for task in try store.tasks(plan: plan.id) {
                if let due = CivilDate(task.confirmedDue) {
                    for department in teams(of: task).keys.sorted() {
                        let on = confirmed["\(task.id)|\(department)"]
                        out.append(Deadline(kind: .confirmList, subject: "\(task.id) \(department)", due: due,
                                            state: state(due, doneOn: on), detail: on.map { "confirmed \($0)" } ?? "not confirmed"))
                    }
                }
                for e in try store.latestEvaluations(plan: plan.id) where e.taskID == task.id {
                    guard let sub = try store.submission(e.submissionID), let inspected = CivilDate(sub.inspectedOn),
                          let entered = CivilDate(e.enteredOn) else { continue }
                    if let due = try? calendar.addingWorkingDays(plan.resultsWithinWorkingDays, to: inspected) {
                        out.append(Deadline(kind: .enterResults, subject: "\(task.id) \(e.checklist)", due: due,
                                            state: state(due, doneOn: entered), detail: "inspected \(inspected)"))
                    }
                    if let due = try? calendar.addingWorkingDays(plan.discloseWithinWorkingDays, to: entered) {
                        out.append(Deadline(kind: .disclose, subject: task.id, due: due,
                                            state: disclosed.contains(task.id) ? .done : state(due, doneOn: nil), detail: "results entered \(entered)"))
                    }
                }
            }
        }
        for r in try store.referrals(status: nil) {
            guard let dueText = r.due, let due = CivilDate(dueText) else { continue }
            let handledOn = r.status == .handled ? (r.statusOn.flatMap(CivilDate.init) ?? day) : nil
            out.append(Deadline(kind: .referral, subject: "\(r.id) → \(r.to) (\(r.kind))", due: due,
                                state: state(due, doneOn: handledOn), detail: r.items.joined(separator: ", ")))
        }
        return out
    }
}
