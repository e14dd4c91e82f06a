import Directories
import Draw
import Foundation
import Messages
import Rulebook

/// The draw report for people: per stratum N, rate and k, the achieved
/// overall rate and its gap to the plan's declared rate, the teams of every
/// department with inspector ids and names, and the matching.
public enum PlanDrawReport {
    public static func text(_ outcome: PlanDrawOutcome, rulebook: Rulebook, language: Language = .zh) -> String {
        let zh = language == .zh
        let plan = outcome.plan
        let c = outcome.certificate
        var out: [String] = []
        func line(_ zhText: String, _ enText: String) { out.append(zh ? zhText : enText) }

        let title = zh ? plan.title : (plan.titleEN ?? plan.title)
        line("抽查计划：\(plan.id)  \(title)", "Plan: \(plan.id)  \(title)")
        line("抽查时间：\(plan.window.lowerBound) 至 \(plan.window.upperBound)",
             "Window: \(plan.window.lowerBound) – \(plan.window.upperBound)")
        line("牵头部门：\(rulebook.name(of: plan.lead, in: plan.jurisdiction, language))", "Lead: \(rulebook.name(of: plan.lead, in: plan.jurisdiction, language))")
        line("算法：\(c.algorithm)", "Algorithm: \(c.algorithm)")
        line("随机种子：\(c.seed)", "Seed: \(c.seed)")
        line("密钥：\(c.key)", "Key: \(c.key)")
        for name in ["plan", "entities", "inspectors"] {
            guard let hash = c.hashes[name] else { continue }
            let label: (String, String) = name == "plan" ? ("计划文件", "plan file")
                : name == "entities" ? ("检查对象名录库（规范形式）", "entity directory (canonical form)")
                : ("执法检查人员名录库（规范形式）", "inspector directory (canonical form)")
            let rows = outcome.file.directories[name].map { zh ? "，\($0.rows) 行" : ", \($0.rows) rows" } ?? ""
            line("\(label.0) SHA-256：\(hash)\(rows)", "\(label.1) SHA-256: \(hash)\(rows)")
        }
        out.append("")

        // Strata.
        let rounding: (String, String)
        switch plan.rounding {
        case .ceil: rounding = ("向上取整（不少于）", "rounded up (at least the rate)")
        case .round: rounding = ("四舍五入", "rounded to nearest")
        case .floor: rounding = ("向下取整", "rounded down")
        }
        line("对象抽取（k = \(plan.rounding.rawValue)(比例 × N)，\(rounding.0)）：",
             "Entities drawn (k = \(plan.rounding.rawValue)(rate × N), \(rounding.1)):")
        var table: [[String]] = [[zh ? "层级" : "stratum", "N", zh ? "比例" : "rate", "k", zh ? "实际比例" : "achieved"]]
        for s in c.sample.strata {
            let name = s.name == PlanDraw.wholePopulation ? (zh ? "全部" : "all") : s.name
            table.append([name, String(s.population), s.rate.map(percent) ?? "—", String(s.count),
                          s.population == 0 ? "—" : percent(Double(s.count) / Double(s.population))])
        }
        table.append([zh ? "合计" : "total", String(c.sample.population), "", String(c.sample.count), percent(c.sample.achievedRate)])
        out += columns(table).map { "  " + $0 }
        if let declared = c.sample.declaredRate, let gap = c.sample.gap {
            let points = signed(gap * 100)
            line("  实际抽取比例 \(percent(c.sample.achievedRate))，计划总体比例 \(percent(declared))，差 \(points) 个百分点",
                 "  achieved rate \(percent(c.sample.achievedRate)), declared rate \(percent(declared)), gap \(points) percentage points")
        } else {
            line("  实际抽取比例 \(percent(c.sample.achievedRate))", "  achieved rate \(percent(c.sample.achievedRate))")
        }
        out.append("")

        // Teams.
        line("检查人员（每个部门每组 \(plan.inspectorsPerTeam) 人）：", "Inspectors (\(plan.inspectorsPerTeam) per team and department):")
        for d in c.teams {
            let name = rulebook.name(of: d.department, in: plan.jurisdiction, language)
            line("  \(name)（\(d.department)）：符合条件 \(d.eligible) 人，\(d.teams.count) 组",
                 "  \(name) (\(d.department)): \(d.eligible) eligible, \(d.teams.count) teams")
            for t in d.teams {
                let members = t.inspectors.map { inspectorLabel($0, outcome) }.joined(separator: zh ? "、" : ", ")
                line("    第\(t.number)组：\(members)", "    team \(t.number): \(members)")
            }
        }
        out.append("")

        // Matching.
        line("匹配结果（每个被抽中对象一张联合检查记录表）：", "Matching (one joint record form per drawn entity):")
        for task in outcome.tasks {
            let entityName = outcome.entities[task.entity]?["name"]?.canonicalText ?? ""
            let stratum = task.stratum == PlanDraw.wholePopulation ? "" : " [\(task.stratum)]"
            out.append("  \(task.id)  \(task.entity)  \(entityName)\(stratum)")
            for team in task.teams {
                let members = team.inspectors.map { inspectorLabel($0, outcome) }.joined(separator: zh ? "、" : ", ")
                line("    \(rulebook.name(of: team.department, in: plan.jurisdiction, language))：第\(team.team)组（\(members)）",
                     "    \(rulebook.name(of: team.department, in: plan.jurisdiction, language)): team \(team.team) (\(members))")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func inspectorLabel(_ id: String, _ outcome: PlanDrawOutcome) -> String {
        guard let name = outcome.inspectors[id]?["name"]?.canonicalText else { return id }
        return "\(id) \(name)"
    }

    /// A rate as a percentage with at most four decimals: 0.005 → "0.5%".
    public static func percent(_ rate: Double) -> String { number(rate * 100) + "%" }

    static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "−") + number(abs(x)) }

    static func number(_ x: Double) -> String {
        var text = String(format: "%.4f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Left-aligned columns padded by display width (CJK characters count two).
    static func columns(_ rows: [[String]]) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], width(cell)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - width(cell) + 2)
            }.joined()
        }
    }

    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value != 0x2212 ? 2 : 1) }
    }
}
