import Disclosure
import Foundation
import Messages
import Rulebook
import Store

/// Statistics per plan and per year from the store (SPEC.md §9).
extension CountyOffice {
    /// Every department's latest evaluation of every task, as facts.
    public func inspectionFacts(year: Int? = nil) throws -> [InspectionFact] {
        var facts: [InspectionFact] = []
        for plan in rulebook.plans {
            let y = plan.window.lowerBound.year
            if let year, year != y { continue }
            let graded: Bool
            if case .stratified(let strata, _) = plan.sample { graded = strata.text.contains("credit_grade") } else { graded = false }
            let tasks = Dictionary(uniqueKeysWithValues: try store.tasks(plan: plan.id).map { ($0.id, $0) })
            for e in try store.latestEvaluations(plan: plan.id) {
                guard let task = tasks[e.taskID] else { continue }
                let entity = try self.entity(task.entityKey) ?? [:]
                let department = rulebook.checklist(e.checklist)?.department ?? ""
                facts.append(InspectionFact(plan: plan.id, year: y, joint: plan.departments.count > 1, creditGraded: graded,
                                            entity: task.entityKey, creditGrade: entity["credit_grade"]?.display,
                                            department: department, resultCode: e.resultCode))
            }
        }
        return facts
    }

    public func statistics(year: Int? = nil, plan: String? = nil) throws -> Statistics {
        let facts = try inspectionFacts(year: year).filter { plan == nil || $0.plan == plan }
        return Statistics(facts, targets: rulebook.targets, resultOrder: rulebook.results.map(\.code))
    }
}

/// The report as text and as a static HTML page.
public enum ReportOutput {
    public static func text(_ s: Statistics, title: String, rulebook: Rulebook, language l: Language) -> String {
        let zh = l == .zh
        var lines = [title]
        lines.append(zh ? "抽查任务 \(s.tasks) 项，检查 \(s.inspections) 次（部门×对象），涉及主体 \(s.entities) 户"
                        : "\(s.tasks) spot-check tasks, \(s.inspections) inspections (department × entity), \(s.entities) entities")
        lines.append(zh ? "指标完成情况：" : "Targets:")
        for t in s.targets {
            let share = t.share.map { percent($0) } ?? "—"
            let verdict = t.met.map { $0 ? (zh ? "达标" : "met") : (zh ? "未达标" : "not met") } ?? (zh ? "无数据" : "no data")
            lines.append(zh ? "  \(t.target.title)：\(share)（\(t.numerator)/\(t.denominator)，目标 ≥ \((t.target.atLeast.map(percent) ?? "—"))）\(verdict)"
                            : "  \(t.target.titleEN ?? t.target.title): \(share) (\(t.numerator)/\(t.denominator), target ≥ \((t.target.atLeast.map(percent) ?? "—"))) \(verdict)")
        }
        lines.append(zh ? "抽查结果：" : "Results:")
        for (code, n) in s.byResult {
            let label = rulebook.results.first { $0.code == code }.map { zh ? $0.label : ($0.labelEN ?? $0.label) } ?? code
            lines.append("  \(label)\(zh ? "：" : ": ")\(n)")
        }
        lines.append(zh ? "按部门：" : "By department:")
        for (d, n) in s.byDepartment { lines.append("  \(rulebook.name(of: d, l))\(zh ? "：" : ": ")\(n)") }
        lines.append(zh ? "按信用风险分类（主体数）：" : "By credit-risk grade (entities):")
        for (g, n) in s.byCreditGrade { lines.append("  \(g)\(zh ? "：" : ": ")\(n)") }
        return lines.joined(separator: "\n")
    }

    public static func html(_ s: Statistics, title: String, rulebook: Rulebook) -> String {
        let e = DisclosureRenderer.escapeHTML
        func table(_ head: [String], _ rows: [[String]]) -> String {
            "<table><thead><tr>" + head.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
                + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
        }
        let targets = s.targets.map { t -> [String] in
            [t.target.title, t.share.map(percent) ?? "—", "\(t.numerator)/\(t.denominator)", "≥ " + (t.target.atLeast.map(percent) ?? "—"),
             t.met.map { $0 ? "达标" : "未达标" } ?? "无数据"]
        }
        let results = s.byResult.map { r in [rulebook.results.first { $0.code == r.code }?.label ?? r.code, String(r.count)] }
        return """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(e(title))</title>
        <style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;max-width:60em}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.3em .8em;text-align:left}
        th{background:#eef}</style></head><body>
        <h1>\(e(title))</h1>
        <p>抽查任务 \(s.tasks) 项，检查 \(s.inspections) 次，涉及主体 \(s.entities) 户。</p>
        <h2>年度指标</h2>\(table(["指标", "完成", "计数", "目标", "结论"], targets))
        <h2>抽查结果</h2>\(table(["结果类别", "次数"], results))
        <h2>按部门</h2>\(table(["部门", "次数"], s.byDepartment.map { [rulebook.name(of: $0.department), String($0.count)] }))
        <h2>按信用风险分类</h2>\(table(["分类", "主体数"], s.byCreditGrade.map { [$0.grade, String($0.count)] }))
        </body></html>
        """
    }

    public static func percent(_ x: Double) -> String {
        let v = (x * 1000).rounded() / 10
        return (v == v.rounded() ? String(Int(v)) : String(v)) + "%"
    }
}
