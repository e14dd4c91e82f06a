import CEL
import Rulebook
import WorkingDays

/// Applies `results.yaml` and `routing.yaml` to an evaluation: the result
/// category (first match wins) and a referral for every violation, with due
/// dates on the working-day calendar.
enum OutcomeRules {
    static func apply(_ book: Rulebook, checklist c: Checklist, findings f: Findings, entity: CELValue, evaluation e: inout Evaluation) {
        let rectified = Set(f.rectifiedOnSite.map(\.value))
        let notChecked = e.items.filter { $0.status == .notChecked }.count
        let inspection = InspectionRecord.make(f, notChecked: notChecked)
        var violationRecords: [(id: String, record: CELValue)] = []
        for id in e.violations {
            guard let item = c.item(id) else { continue }
            let competent = item.domain.flatMap { book.competentDepartment(for: $0)?.id } ?? c.department
            violationRecords.append((id, .map(CELMap(strings: [
                "id": .string(id),
                "title": .string(item.title),
                "severity": .string(item.severity?.rawValue ?? "general"),
                "domain": .string(item.domain ?? ""),
                "competent": .string(competent),
                "suspected_crime": .bool(item.suspectedCrime),
                "credit_penalty": .bool(item.creditPenalty),
                "rectified": .bool(rectified.contains(id)),
                "found_by": .string(c.department),
            ]))))
        }
        var env = Activation(Contexts.outcome)
        env.bind("violations", .list(violationRecords.map(\.record)))
        env.bind("inspection", inspection)
        env.bind("entity", entity)
        for r in book.results {
            if case .bool(true) = r.when.program.evaluate(&env) {
                e.result = (r.code, r.label, r.labelEN)
                break
            }
        }
        if e.result == nil {
            e.warnings.append(Diagnostic(Place(path: f.path, line: 1, column: 1), severity: .warning,
                                         zh: "没有适用的抽查结果类别（results.yaml）", en: "no result category applies (results.yaml)"))
        }
        var referrals: [Referral] = []
        for (id, record) in violationRecords {
            env.bind("violation", record)
            var matched = false
            for route in book.routes {
                guard case .bool(true) = route.when.program.evaluate(&env) else { continue }
                matched = true
                var to = route.to
                if to == Route.competent, case .map(let m) = record, case .string(let dep)? = m[string: "competent"] { to = dep }
                let due = dueDate(book, f.inspectedOn, route.withinWorkingDays, e: &e, path: f.path)
                if let k = referrals.firstIndex(where: { $0.to == to && $0.kind == route.kind && $0.due == due }) {
                    referrals[k].items.append(id)
                } else {
                    referrals.append(Referral(to: to, kind: route.kind, items: [id], due: due, route: route.id))
                }
            }
            if !matched {
                e.unrouted.append((id, LocalizedText(zh: "没有适用的路由规则：问题留在检查部门，请检查 routing.yaml",
                                                     en: "no route applies: the problem stays with the inspecting department; check routing.yaml")))
            }
        }
        e.referrals = referrals
    }

    static func dueDate(_ book: Rulebook, _ event: CivilDate, _ days: Int, e: inout Evaluation, path: String) -> CivilDate? {
        guard let calendar = book.calendar else { return nil }
        do {
            return try calendar.addingWorkingDays(days, to: event)
        } catch {
            let w = Diagnostic(Place(path: path, line: 1, column: 1), severity: .warning,
                               zh: "无法计算期限：\(error)", en: "cannot compute the deadline: \(error)")
            if !e.warnings.contains(w) { e.warnings.append(w) }
            return nil
        }
    }
}
