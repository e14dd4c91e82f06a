import Disclosure
import Foundation
import Rulebook

/// The demo's front page, linking every page it wrote.
enum DemoIndex {
    static func write(out: String, summary: Demo.Summary, rulebook: Rulebook) throws -> [String] {
        let e = DisclosureRenderer.escapeHTML
        var links: [(String, String)] = [("disclosure/index.html", "抽查结果公示"), ("report/report.txt", "统计报告（文本）")]
        for year in Set(rulebook.plans.map { $0.window.lowerBound.year }).sorted() {
            links.append(("report/\(year).html", "\(year)年度统计"))
        }
        for d in summary.draws {
            let title = rulebook.plan(d.plan)?.title ?? d.plan
            links.append(("plans/\(d.plan)/index.html", "\(title)：一校（企）一表"))
            links.append(("plans/\(d.plan)/certificate.json", "\(title)：抽取证书"))
        }
        let items = links.filter { FileManager.default.fileExists(atPath: out + "/" + $0.0) }
            .map { "<li><a href=\"\(e($0.0))\">\(e($0.1))</a></li>" }.joined(separator: "\n")
        let html = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>Spotcheck 演示</title></head><body>
        <h1>\(e(rulebook.jurisdictions.first?.name.zh ?? ""))“双随机、一公开”抽查演示</h1>
        <p>检查对象 \(summary.entities) 户，执法检查人员 \(summary.inspectors) 名；抽取任务 \(summary.tasks) 项，提交检查记录 \(summary.submissions) 份，
        发现问题 \(summary.violations) 项，移送 \(summary.referrals) 起，公示 \(summary.disclosed) 条。</p>
        <ul>
        \(items)
        </ul></body></html>
        """
        try html.write(toFile: out + "/index.html", atomically: true, encoding: .utf8)
        return ["index.html"] + links.map(\.0).filter { FileManager.default.fileExists(atPath: out + "/" + $0) }
    }
}
