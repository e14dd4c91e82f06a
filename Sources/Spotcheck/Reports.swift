import Disclosure
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// Statistics per plan and per year from the store (SPEC.md §9).
extension CountyOffice {
    /// The plans a report covers: one plan, or those of a year, or all.
    func reportPlans(year: Int?, plan: String?) throws(LifecycleError) -> [Plan] {
        if let plan { return [try self.plan(plan)] }
        return plans.filter { year == nil || $0.window.lowerBound.year == year }
    }

    /// Every inspected task of the plans, from its departments' latest
    /// evaluations; with `department`, that department's inspections only
    /// (its result, its problems).
    public func inspectionFacts(year: Int? = nil, plan: String? = nil, department: String? = nil) throws(LifecycleError) -> [InspectionFact] {
        var facts: [InspectionFact] = []
        for plan in try reportPlans(year: year, plan: plan) {
            let tasks = Dictionary(uniqueKeysWithValues: try storeCall({ () throws(StoreError) in
                try store.tasks(jurisdiction: id, plan: plan.id)
            }).map { ($0.id, $0) })
            let evaluations = try storeCall({ () throws(StoreError) in try store.latestEvaluations(jurisdiction: id, plan: plan.id) })
            for (taskID, evals) in Dictionary(grouping: evaluations, by: \.taskID).sorted(by: { $0.key < $1.key }) {
                guard let task = tasks[taskID] else { continue }
                let documents = try evals.filter { department == nil || $0.department == department }.map { e throws(LifecycleError) in try document(of: e) }
                if documents.isEmpty { continue }
                var results: [String: (rank: Int, code: String)] = [:]
                for d in documents {
                    guard let r = d.result else { continue }
                    if let known = results[d.department], known.rank >= r.rank { continue }
                    results[d.department] = (r.rank, r.code)
                }
                let combined = results.values.max { $0.rank < $1.rank }?.code ?? ""
                let entity = try self.entity(task.entityKey) ?? [:]
                facts.append(InspectionFact(plan: plan.id, year: plan.window.lowerBound.year, joint: plan.departments.count > 1,
                                            creditGraded: plan.creditGraded, entity: task.entityKey,
                                            creditGrade: CreditGrades.grade(of: entity, key: task.entityKey, plan: plan), departmentResults: results.mapValues(\.code),
                                            resultCode: combined, problemFound: documents.contains { !$0.violations.isEmpty },
                                            keyItemViolations: documents.reduce(0) { $0 + $1.keyItemViolations.count }))
            }
        }
        return facts
    }

    /// Drawn and disclosed tasks, referrals due and closed by `day`; with
    /// `department`, the tasks it has a part in and the referrals sent to it.
    public func progress(year: Int? = nil, plan: String? = nil, department: String? = nil, on day: CivilDate) throws(LifecycleError) -> ProgressCounts {
        var p = ProgressCounts()
        let plans = try reportPlans(year: year, plan: plan)
        let disclosed = Set(try storeCall({ () throws(StoreError) in try store.disclosures(jurisdiction: id) }).map(\.taskID))
        var taskIDs = Set<String>()
        for plan in plans {
            let confirmations = try latestConfirmations(plan: plan.id)
            for task in try storeCall({ () throws(StoreError) in try store.tasks(jurisdiction: id, plan: plan.id) }) {
                taskIDs.insert(task.id)
                if let department {
                    guard checklists(of: task)[department] != nil,
                          confirmations[task.id + "|" + department]?.decision != .rejected else { continue }
                }
                guard !expectedChecklists(task, confirmations: confirmations).isEmpty else { continue }
                p.drawnTasks += 1
                if disclosed.contains(task.id) { p.disclosedTasks += 1 }
            }
        }
        for r in try referrals(to: department) where taskIDs.contains(r.referral.taskID) && r.status != .superseded {
            guard let due = r.referral.due.flatMap(CivilDate.init), due <= day else { continue }
            p.referralsDue += 1
            if r.status == .closed { p.referralsClosed += 1 }
        }
        return p
    }

    /// The statistics against the targets; with `department`, of that department's part only.
    public func statistics(year: Int? = nil, plan: String? = nil, department: String? = nil, on day: CivilDate) throws(LifecycleError) -> Statistics {
        var s = Statistics(try inspectionFacts(year: year, plan: plan, department: department),
                           progress: try progress(year: year, plan: plan, department: department, on: day),
                           targets: rulebook.targets, resultOrder: rulebook.results.sorted { $0.rank < $1.rank }.map(\.code))
        s.creditGradeColumn = CreditGrades.column(of: try reportPlans(year: year, plan: plan))
        return s
    }
}

/// The report as text and as a static HTML page, in one language.
public enum ReportOutput {
    public static func text(_ s: Statistics, title: String, office: CountyOffice, head: AuditHead, language l: Language) -> String {
        let zh = l == .zh
        let book = office.rulebook
        var lines = [title]
        lines.append(zh ? "检查任务 \(s.inspections) 项（部门检查 \(s.departmentInspections) 次），涉及主体 \(s.entities) 户；抽中任务 \(s.progress.drawnTasks) 项，已公示 \(s.progress.disclosedTasks) 项；重点检查事项发现问题 \(s.keyItemViolations) 项"
                        : "\(s.inspections) inspected tasks (\(s.departmentInspections) department inspections), \(s.entities) entities; \(s.progress.drawnTasks) drawn tasks, \(s.progress.disclosedTasks) disclosed; \(s.keyItemViolations) problems on key items")
        lines.append(zh ? "指标：" : "Targets:")
        for t in s.targets {
            let share = t.share.map(percent) ?? "—"
            let goal = t.target.atLeast.map { (zh ? "目标 ≥ " : "target ≥ ") + percent($0) } ?? (zh ? "不设目标" : "no target")
            let verdict = t.met.map { $0 ? (zh ? "达标" : "met") : (zh ? "未达标" : "not met") } ?? (t.share == nil ? (zh ? "无数据" : "no data") : "")
            let count = "\(t.numerator)/\(t.denominator)"
            lines.append(zh ? "  \(t.target.titleText(l))：\(share)（\(count)，\(goal)）\(verdict)"
                            : "  \(t.target.titleText(l)): \(share) (\(count), \(goal)) \(verdict)")
        }
        lines.append(zh ? "抽查结果（联合抽查按各部门结果中最严重者）：" : "Results (a joint inspection by its gravest department result):")
        for (code, n) in s.byResult {
            lines.append("  \(book.result(code)?.labelText(l) ?? code)\(zh ? "：" : ": ")\(n)")
        }
        lines.append(zh ? "按部门（检查次数）：" : "By department (inspections):")
        for (d, n) in s.byDepartment { lines.append("  \(office.name(of: d, l))\(zh ? "：" : ": ")\(n)") }
        lines.append(zh ? "按信用风险分类（主体数）：" : "By credit-risk grade (entities):")
        for (g, n) in s.byCreditGrade { lines.append("  \(gradeLabel(g, s, book, l))\(zh ? "：" : ": ")\(n)") }
        lines.append((zh ? "审计链头：" : "Audit chain head: ") + "\(head.seq) \(head.hash)")
        return lines.joined(separator: "\n")
    }

    public static func html(_ s: Statistics, title: String, office: CountyOffice, head: AuditHead, language l: Language) -> String {
        let zh = l == .zh
        let e = DisclosureRenderer.escapeHTML
        let book = office.rulebook
        func table(_ head: [String], _ rows: [[String]]) -> String {
            "<table><thead><tr>" + head.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
                + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
        }
        let targets = s.targets.map { t -> [String] in
            [t.target.titleText(l), t.share.map(percent) ?? "—", "\(t.numerator)/\(t.denominator)",
             t.target.atLeast.map { "≥ " + percent($0) } ?? "—",
             t.met.map { $0 ? (zh ? "达标" : "met") : (zh ? "未达标" : "not met") } ?? "—"]
        }
        let results = s.byResult.map { r in [book.result(r.code)?.labelText(l) ?? r.code, String(r.count)] }
        return """
        <!DOCTYPE html>
        <html lang="\(zh ? "zh-CN" : "en")"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;max-width:60em}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.3em .8em;text-align:left}
        th{background:#eef}.head{font-family:monospace;font-size:.85em;color:#555;word-break:break-all}</style></head><body>
        <h1>\(e(title))</h1>
        <p>\(e(zh ? "检查任务 \(s.inspections) 项（部门检查 \(s.departmentInspections) 次），涉及主体 \(s.entities) 户；抽中任务 \(s.progress.drawnTasks) 项，已公示 \(s.progress.disclosedTasks) 项；重点检查事项发现问题 \(s.keyItemViolations) 项。"
                            : "\(s.inspections) inspected tasks (\(s.departmentInspections) department inspections), \(s.entities) entities; \(s.progress.drawnTasks) drawn tasks, \(s.progress.disclosedTasks) disclosed; \(s.keyItemViolations) problems on key items."))</p>
        <h2>\(zh ? "年度指标" : "Targets")</h2>\(table(zh ? ["指标", "完成", "计数", "目标", "结论"] : ["Measure", "Share", "Count", "Target", "Verdict"], targets))
        <h2>\(zh ? "抽查结果" : "Results")</h2>\(table(zh ? ["结果类别", "次数"] : ["Category", "Count"], results))
        <h2>\(zh ? "按部门" : "By department")</h2>\(table(zh ? ["部门", "次数"] : ["Department", "Inspections"], s.byDepartment.map { [office.name(of: $0.department, l), String($0.count)] }))
        <h2>\(zh ? "按信用风险分类" : "By credit-risk grade")</h2>\(table(zh ? ["分类", "主体数"] : ["Grade", "Entities"], s.byCreditGrade.map { [gradeLabel($0.grade, s, book, l), String($0.count)] }))
        <p class="head">\(zh ? "审计链头" : "Audit chain head")：\(head.seq) \(e(head.hash))</p>
        </body></html>
        """
    }

    /// A grade by its label in the directory's column, when the column is known.
    static func gradeLabel(_ grade: String, _ s: Statistics, _ book: Rulebook, _ l: Language) -> String {
        s.creditGradeColumn.map { book.displayValue(grade, column: $0, l) } ?? grade
    }

    public static func percent(_ x: Double) -> String {
        let v = (x * 1000).rounded() / 10
        return NumberText.plain(v) + "%"
    }
}
