import Disclosure
import Foundation
import Messages
import Rulebook

/// The demo's front page, linking every page it wrote, county by county.
enum DemoIndex {
    static func write(out: String, summary: Demo.Summary, rulebook: Rulebook, language: Language) throws -> [String] {
        let e = DisclosureRenderer.escapeHTML
        let zh = language == .zh
        var sections = ""
        var pages: [String] = []
        for j in rulebook.jurisdictions.sorted(by: { $0.id < $1.id }) {
            var links: [(String, String)] = [("\(j.id)/disclosure/index.html", zh ? "抽查结果公示" : "Published results"),
                                             ("\(j.id)/report/report.txt", zh ? "统计报告（文本）" : "Statistics (text)")]
            let plans = rulebook.plans.filter { $0.jurisdiction == j.id }
            for year in Set(plans.map { $0.window.lowerBound.year }).sorted() {
                links.append(("\(j.id)/report/\(year).html", zh ? "\(year)年度统计" : "\(year) statistics"))
            }
            for d in summary.draws where d.jurisdiction == j.id {
                let title = rulebook.plan(d.plan).map { zh ? $0.title : ($0.titleEN ?? $0.title) } ?? d.plan
                links.append(("\(j.id)/plans/\(d.plan)/index.html", zh ? "\(title)：联合检查记录表" : "\(title): joint record forms"))
                links.append(("\(j.id)/plans/\(d.plan)/certificate.json", zh ? "\(title)：抽取证书" : "\(title): draw certificate"))
            }
            let present = links.filter { FileManager.default.fileExists(atPath: out + "/" + $0.0) }
            guard !present.isEmpty else { continue }
            pages += present.map(\.0)
            sections += "<h2>\(e(j.name.text(language)))</h2>\n<ul>\n"
                + present.map { "<li><a href=\"\(e($0.0))\">\(e($0.1))</a></li>" }.joined(separator: "\n") + "\n</ul>\n"
        }
        let heads = summary.heads.map { "\(e($0.jurisdiction)) #\($0.seq) \(e($0.hash))" }.joined(separator: "<br>")
        let html = """
        <!DOCTYPE html>
        <html lang="\(zh ? "zh-CN" : "en")"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(zh ? "Spotcheck 演示" : "Spotcheck demo")</title></head><body>
        <h1>\(zh ? "“双随机、一公开”抽查演示" : "Random inspection demo")</h1>
        <p>\(zh ? "检查对象 \(summary.entities) 户，执法检查人员 \(summary.inspectors) 名；抽取任务 \(summary.tasks) 项，提交检查记录 \(summary.submissions) 份，发现问题 \(summary.violations) 项，移送 \(summary.referrals) 起，公示 \(summary.disclosed) 条。"
                 : "\(summary.entities) entities, \(summary.inspectors) inspectors; \(summary.tasks) tasks drawn, \(summary.submissions) findings submitted, \(summary.violations) problems found, \(summary.referrals) referrals, \(summary.disclosed) records published.")</p>
        \(sections)
        <p style="font-family:monospace;font-size:.85em;color:#555">\(zh ? "审计链头" : "Audit chain heads")：<br>\(heads)</p>
        </body></html>
        """
        try html.write(toFile: out + "/index.html", atomically: true, encoding: .utf8)
        return ["index.html"] + pages
    }
}
