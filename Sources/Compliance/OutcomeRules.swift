import CEL
import Messages
import Rulebook
import WorkingDays

/// Applies `results.yaml` and `routing.yaml` to an evaluation: the result
/// category (first match wins) and a referral for every violation, with due
/// dates on the working-day calendar.
struct OutcomeRules: Sendable {
    /// A route or result rule as evaluation reads it: in a reference, so the
    /// per-violation loop does not copy every field of the rule.
    final class Rule: Sendable {
        let id: String
        let when: Program
        let to: String
        let kind: RouteKind
        let days: Int
        let category: ResultCategory?
        init(id: String, when: Program, to: String = "", kind: RouteKind = .transfer, days: Int = 0, category: ResultCategory? = nil) {
            self.id = id; self.when = when; self.to = to; self.kind = kind; self.days = days; self.category = category
        }
    }

    static let violationSlot = Contexts.outcome.slot(of: "violation")!
    static let violationsSlot = Contexts.outcome.slot(of: "violations")!
    static let inspectionSlot = Contexts.outcome.slot(of: "inspection")!
    static let entitySlot = Contexts.outcome.slot(of: "entity")!

    let book: Rulebook
    let routes: [Rule]
    let results: [Rule]

    init(_ book: Rulebook) {
        self.book = book
        routes = book.routes.map { Rule(id: $0.id, when: $0.when.program, to: $0.to, kind: $0.kind, days: $0.withinWorkingDays) }
        results = book.results.map { Rule(id: $0.code, when: $0.when.program, category: $0) }
    }

    func apply(checklist c: Checklist, findings f: Findings, entity: CELValue, evaluation e: inout Evaluation) {
        let rectified = Set(f.rectifiedOnSite.map(\.value))
        var notChecked = 0
        for k in e.items.indices where e.items[k].status == .notChecked { notChecked += 1 }
        let inspection = InspectionRecord.make(f, notChecked: notChecked)
        var violationRecords: [(id: String, record: CELValue)] = []
        for id in e.violations {
            guard let item = c.item(id) else { continue }
            let competent = item.domain.flatMap { book.competentDepartment(for: $0)?.id } ?? c.department
            violationRecords.append((id, .map(CELMap(orderedStrings: [
                ("id", .string(id)),
                ("title", .string(item.title)),
                ("severity", .string(item.severity?.rawValue ?? "general")),
                ("domain", .string(item.domain ?? "")),
                ("competent", .string(competent)),
                ("suspected_crime", .bool(item.suspectedCrime)),
                ("credit_penalty", .bool(item.creditPenalty)),
                ("rectified", .bool(rectified.contains(id))),
                ("found_by", .string(c.department)),
            ]))))
        }
        var env = Activation(Contexts.outcome)
        env[OutcomeRules.violationsSlot] = .list(violationRecords.map(\.record))
        env[OutcomeRules.inspectionSlot] = inspection
        env[OutcomeRules.entitySlot] = entity
        for r in results {
            if case .bool(true) = r.when.evaluate(&env), let category = r.category {
                e.result = ResultVerdict(category)
                break
            }
        }
        if e.result == nil {
            e.warnings.append(Diagnostic(f.entityPlace, severity: .warning,
                                         zh: "没有适用的抽查结果类别（results.yaml）", en: "no result category applies (results.yaml)"))
        }
        var referrals: [Referral] = []
        var dueCache: [Int: CivilDate?] = [:]
        for (id, record) in violationRecords {
            env[OutcomeRules.violationSlot] = record
            var matched = false
            for route in routes {
                guard case .bool(true) = route.when.evaluate(&env) else { continue }
                matched = true
                var to = route.to
                if to == Route.competent, case .map(let m) = record, case .string(let dep)? = m[string: "competent"] { to = dep }
                let due: CivilDate?
                if let cached = dueCache[route.days] { due = cached } else {
                    due = OutcomeRules.dueDate(book, f.inspectedOn, route.days, e: &e, at: f.inspectedOnPlace)
                    dueCache[route.days] = due
                }
                if let k = referrals.firstIndex(where: { $0.to == to && $0.kind == route.kind && $0.due == due }) {
                    referrals[k].items.append(id)
                } else {
                    referrals.append(Referral(to: to, kind: route.kind, items: [id], due: due, route: route.id))
                }
            }
            if !matched {
                let reason = rectified.contains(id)
                    ? LocalizedText(zh: "已当场责令改正并改正，且无须移交其他部门或机关", en: "corrected on site as ordered; no other body needs to act")
                    : LocalizedText(zh: "没有适用的路由规则：问题留在检查部门，请检查 routing.yaml",
                                    en: "no route applies: the problem stays with the inspecting department; check routing.yaml")
                e.unrouted.append((id, reason))
            }
        }
        e.referrals = referrals
    }

    static func dueDate(_ book: Rulebook, _ event: CivilDate, _ days: Int, e: inout Evaluation, at place: Place) -> CivilDate? {
        guard let calendar = book.calendar else { return nil }
        do {
            return try calendar.addingWorkingDays(days, to: event)
        } catch {
            let w = Diagnostic(place, severity: .warning,
                               zh: "无法计算期限：\(error.message.zh)", en: "cannot compute the deadline: \(error.message.en)")
            if !e.warnings.contains(w) { e.warnings.append(w) }
            return nil
        }
    }
}
