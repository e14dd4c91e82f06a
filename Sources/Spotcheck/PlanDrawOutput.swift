import Foundation
import Messages
import Rulebook

/// Writes a finished draw to a folder:
///
/// ```
/// <out>/certificate.json              the certificate (DrawCertificateFile)
/// <out>/report.txt                    the draw report (PlanDrawReport)
/// <out>/index.html                    the tasks, with links to their files
/// <out>/tasks/<task-id>/form.html     the joint record form (TaskForm)
/// <out>/tasks/<task-id>/<checklist>.yaml   a findings template per department checklist
/// ```
public enum PlanDrawOutput {
    /// Writes every file and returns their paths, certificate first;
    /// without `forms`, no task folders (a draw of thousands of tasks).
    /// `report` is `PlanDrawReport.text` of the outcome when the caller has
    /// made it already (to print it too: for half a million tasks it is a
    /// hundred megabytes).
    @discardableResult
    public static func write(_ outcome: PlanDrawOutcome, rulebook: Rulebook, to directory: String,
                             language: Language = .zh, forms: Bool = true, report: String? = nil) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        func put(_ path: String, _ data: Data) throws {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        try put(directory + "/certificate.json", try outcome.certificateJSON())
        try put(directory + "/report.txt", Data((report ?? PlanDrawReport.text(outcome, rulebook: rulebook, language: language)).utf8))
        var index: [(task: DrawTask, files: [(label: String, path: String)])] = []
        for task in outcome.tasks {
            guard forms else {
                index.append((task, []))
                continue
            }
            let folder = directory + "/tasks/" + task.id
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try put(folder + "/form.html", Data(TaskForm.html(task, outcome: outcome, rulebook: rulebook).utf8))
            var files: [(String, String)] = [("联合检查记录表", "tasks/\(task.id)/form.html")]
            for team in task.teams {
                let sections = TaskForm.sections(plan: outcome.plan, department: team.department,
                                                 entity: outcome.entities[task.entity], rulebook: rulebook)
                for section in sections {
                    let name = section.checklist.id + ".yaml"
                    let text = FindingsTemplate.yaml(task, team: team, checklist: section.checklist, applies: section.applies,
                                                     outcome: outcome, rulebook: rulebook)
                    try put(folder + "/" + name, Data(text.utf8))
                    files.append((section.checklist.title, "tasks/\(task.id)/\(name)"))
                }
            }
            index.append((task, files))
        }
        try put(directory + "/index.html", Data(indexHTML(outcome, index: index, rulebook: rulebook).utf8))
        return written
    }

    static func indexHTML(_ outcome: PlanDrawOutcome, index: [(task: DrawTask, files: [(label: String, path: String)])],
                          rulebook: Rulebook) -> String {
        let esc = TaskForm.esc
        let plan = outcome.plan
        let c = outcome.certificate
        var h = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(esc(plan.title)) 抽取结果</title>
            <style>
            @page { size: A4; margin: 15mm 12mm; }
            body { font-family: "Noto Serif CJK SC", "SimSun", serif; font-size: 10.5pt; }
            @media screen { body { max-width: 186mm; margin: 8mm auto; } }
            table { width: 100%; border-collapse: collapse; }
            th, td { border: 1px solid #000; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
            th { background: #f2f2f2; }
            tr { break-inside: avoid; }
            .code { font-family: monospace; }
            </style>
            </head>
            <body>
            <h1>\(esc(plan.title))：抽取结果</h1>
            <p>计划 \(esc(plan.id))；抽查时间 \(esc(plan.window.lowerBound.description)) 至 \(esc(plan.window.upperBound.description))；
            随机种子 \(esc(c.seed.description))；密钥 <span class="code">\(esc(c.key))</span>；
            抽取 \(c.sample.count) / \(c.sample.population) 户（\(esc(PlanDrawReport.percent(c.sample.achievedRate)))）。</p>
            <p><a href="certificate.json">抽取证书 certificate.json</a>　<a href="report.txt">抽取报告 report.txt</a></p>
            <table>
            <thead><tr><th>任务</th><th>被检查对象</th><th>分层</th><th>检查组</th><th>文件</th></tr></thead>
            <tbody>

            """
        for (task, files) in index {
            let name = outcome.entities[task.entity]?["name"]?.canonicalText ?? ""
            let teams = task.teams.map { team in
                esc(rulebook.name(of: team.department, in: outcome.plan.jurisdiction)) + " 第\(team.team)组："
                    + team.inspectors.map { id in esc(outcome.inspectors[id]?["name"]?.canonicalText ?? id) }.joined(separator: "、")
            }.joined(separator: "<br>")
            let links = files.map { "<a href=\"\(esc($0.path))\">\(esc($0.label))</a>" }.joined(separator: "<br>")
            let stratum = task.stratum == PlanDraw.wholePopulation ? "—" : task.stratum
            h += "<tr><td>\(esc(task.id))</td><td>\(esc(name))<br><span class=\"code\">\(esc(task.entity))</span></td>"
                + "<td>\(esc(stratum))</td><td>\(teams)</td><td>\(links)</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</body>\n</html>\n"
        return h
    }
}
