import Messages
import Disclosure
import CEL
import Compliance
import Directories
import Foundation
import Rulebook

/// The joint record form of one task (一校一表 / 一企一表): a printable A4
/// HTML page with the entity, the plan, every joining department's section
/// (its matched inspectors with certificate numbers, its checklist items
/// with their legal basis and room for the answer), signature lines for the
/// inspectors and for the entity's legal representative, and a box to record
/// a refusal to sign as it happened (拒绝签字的如实记录). Chinese, since the
/// form is filled in on site; every text from files is HTML-escaped.
public enum TaskForm {
    /// A checklist of the plan for one department, and whether its
    /// `applies_to` holds for the entity (nil when it cannot be evaluated).
    public struct Section: Sendable {
        public var checklist: Checklist
        public var applies: Bool?
    }

    /// The plan's checklists for `department`, in plan order, with whether
    /// each applies to the entity.
    public static func sections(plan: Plan, department: String, entity: DirectoryRow?, rulebook: Rulebook) -> [Section] {
        let record = entity.map { Values.record(DirectoryData.record($0)) } ?? .map(CELMap())
        return (plan.checklists[department] ?? []).compactMap { id in
            guard let checklist = rulebook.checklist(id) else { return nil }
            guard let appliesTo = checklist.appliesTo else { return Section(checklist: checklist, applies: true) }
            var activation = Activation(checklist.environment)
            activation[checklist.entitySlot] = record
            activation[checklist.inspectionSlot] = .map(CELMap())
            switch appliesTo.program.evaluate(&activation) {
            case .bool(let b): return Section(checklist: checklist, applies: b)
            default: return Section(checklist: checklist, applies: nil)
            }
        }
    }

    /// The form of `task` as a complete HTML document.
    public static func html(_ task: DrawTask, outcome: PlanDrawOutcome, rulebook: Rulebook) -> String {
        let plan = outcome.plan
        let row = outcome.entities[task.entity]
        let entityName = row?["name"]?.canonicalText ?? ""
        let place = rulebook.jurisdiction(plan.jurisdiction)?.name.zh ?? ""
        var h = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(task.id)) \(esc(entityName)) 联合检查记录表</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            <h1>\(esc(place))“双随机、一公开”跨部门联合检查记录表</h1>
            <p class="subtitle">\(esc(plan.title))　任务编号：\(esc(task.id))</p>
            <table class="info">
            <tr><th>被检查对象</th><td>\(esc(entityName))</td><th>统一社会信用代码</th><td class="code">\(esc(task.entity))</td></tr>
            \(directoryRows(row, schema: rulebook.entitySchema, rulebook: rulebook, skip: ["id", "name"]))
            <tr><th>抽查计划</th><td colspan="3">\(esc(plan.title))（\(esc(plan.id))）</td></tr>
            <tr><th>抽查时间</th><td>\(esc(plan.window.lowerBound.description)) 至 \(esc(plan.window.upperBound.description))</td><th>牵头部门</th><td>\(esc(rulebook.name(of: plan.lead, in: plan.jurisdiction)))</td></tr>
            <tr><th>检查日期</th><td>\(dateBlank)</td><th>抽取分层</th><td>\(esc(task.stratum == PlanDraw.wholePopulation ? "—" : task.stratum))</td></tr>
            <tr><th>配合情况</th><td colspan="3">□ 配合检查　□ 拒绝、逃避、阻碍检查　□ 通过登记的住所（经营场所）无法联系　□ 未开展本次抽查涉及的经营活动</td></tr>
            </table>

            """
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        for (index, team) in task.teams.enumerated() {
            let number = index < numerals.count ? numerals[index] : String(index + 1)
            h += department(team, number: number, task: task, outcome: outcome, rulebook: rulebook)
        }
        h += """
            <section class="confirm">
            <h2>被检查对象确认</h2>
            <table class="confirm">
            <tr><th>被检查对象意见</th><td class="box"></td></tr>
            <tr><th>法定代表人（负责人）签字（盖章）</th><td class="signline">签字：<span class="blank wide"></span>　盖章：<span class="blank wide"></span>　日期：\(dateBlank)</td></tr>
            <tr><th>拒绝签字的如实记录</th><td class="box refusal">
            <p>□ 被检查对象拒绝签字（盖章）。</p>
            <p>拒绝签字的时间、地点、经过及理由（如实记录）：</p>
            <div class="lines"></div>
            <p>见证人（签字）：<span class="blank wide"></span>　检查人员（签字）：<span class="blank wide"></span>　日期：\(dateBlank)</p>
            </td></tr>
            </table>
            <p class="note">说明：实地核查时检查人员不少于\(plan.minOnSite)人，并应当出示执法证件；本表由检查人员填写，由被检查对象法定代表人（负责人）签字盖章确认；被检查对象拒绝签字的，应在本表如实记录。标“★重点”的为重点检查事项。检查结果应自检查完成后 \(plan.resultsWithinWorkingDays) 个工作日内录入。</p>
            </section>
            </body>
            </html>

            """
        return h
    }

    /// The directory columns that declare a title (`Rules/directories.yaml`),
    /// two to a row, coded values by their labels.
    static func directoryRows(_ row: DirectoryRow?, schema: DirectorySchema?, rulebook: Rulebook, skip: Set<String>) -> String {
        let cells = (schema?.columns ?? []).compactMap { column -> (String, String)? in
            guard !skip.contains(column.name), let shown = rulebook.columnDisplay[column.name] else { return nil }
            let value = row?[column.name]?.canonicalText ?? ""
            return (shown.title.zh, rulebook.displayValue(value, column: column.name))
        }
        var out: [String] = []
        var k = 0
        while k < cells.count {
            let a = cells[k]
            if k + 1 < cells.count {
                let b = cells[k + 1]
                out.append("<tr><th>\(esc(a.0))</th><td>\(esc(a.1))</td><th>\(esc(b.0))</th><td>\(esc(b.1))</td></tr>")
            } else {
                out.append("<tr><th>\(esc(a.0))</th><td colspan=\"3\">\(esc(a.1))</td></tr>")
            }
            k += 2
        }
        return out.joined(separator: "\n")
    }

    static func department(_ team: DrawTaskTeam, number: String, task: DrawTask, outcome: PlanDrawOutcome, rulebook: Rulebook) -> String {
        let name = rulebook.name(of: team.department, in: outcome.plan.jurisdiction)
        let columns = (rulebook.inspectorSchema?.columns ?? []).filter { !["id", "name"].contains($0.name) && !$0.personal && rulebook.columnDisplay[$0.name] != nil }
        var h = """
            <section class="department" data-department="\(esc(team.department))">
            <h2>\(number)、\(esc(name))</h2>
            <table class="inspectors">
            <tr><th>检查组</th><th>检查人员</th><th>人员编号</th>\(columns.map { "<th>\(esc(rulebook.columnDisplay[$0.name]!.title.zh))</th>" }.joined())<th>签字</th></tr>

            """
        for (i, id) in team.inspectors.enumerated() {
            let row = outcome.inspectors[id]
            let teamCell = i == 0 ? "<td rowspan=\"\(team.inspectors.count)\">第\(team.team)组</td>" : ""
            h += "<tr>\(teamCell)<td>\(esc(row?["name"]?.canonicalText ?? ""))</td><td class=\"code\">\(esc(id))</td>"
                + columns.map { "<td class=\"code\">\(esc(row?[$0.name]?.canonicalText ?? ""))</td>" }.joined() + "<td class=\"sign\"></td></tr>\n"
        }
        h += "</table>\n"
        let sections = sections(plan: outcome.plan, department: team.department, entity: outcome.entities[task.entity], rulebook: rulebook)
        if sections.isEmpty {
            h += "<p class=\"note\">本计划未为该部门列出检查清单。</p>\n"
        }
        for section in sections {
            h += checklist(section)
        }
        h += """
            <p class="methods">检查方式：\(InspectionMethod.allCases.map { "□ " + esc($0.label.zh) }.joined(separator: "　"))</p>
            <p class="assist">选派专业人员协助（姓名、单位）：<span class="blank wide"></span>　<span class="blank wide"></span></p>
            <p class="signline">\(esc(name))检查人员签字：<span class="blank wide"></span>　<span class="blank wide"></span>　日期：\(dateBlank)</p>
            </section>

            """
        return h
    }

    static func checklist(_ section: Section) -> String {
        let c = section.checklist
        var h = "<h3 data-checklist=\"\(esc(c.id))\">\(esc(c.title))<span class=\"meta\">（\(esc(c.id))，版本 \(esc(c.version))）</span></h3>\n"
        if section.applies == false {
            h += "<p class=\"note\">按该清单的适用范围，本对象不在检查之列，本次不检查。</p>\n"
            return h
        }
        if section.applies == nil {
            h += "<p class=\"note\">无法根据名录判断该清单是否适用于本对象，请现场核实。</p>\n"
        }
        h += """
            <table class="items">
            <thead><tr><th class="no">序号</th><th>检查事项</th><th class="basis">检查依据</th><th class="answer">检查结果</th><th class="remark">备注</th></tr></thead>
            <tbody>

            """
        var number = 0
        for item in c.items where !item.isRule {
            number += 1
            var title = (item.keyItem ? "<span class=\"key\">★重点</span>" : "") + esc(item.title)
            var hints: [String] = []
            if let note = item.relevantNote { hints.append(esc(note)) } else if item.relevant != nil { hints.append("视情况填写") }
            if item.compute == nil && !item.required { hints.append("选填") }
            if item.methods != InspectionMethod.defaults { hints.append("检查方式：" + item.methods.map { esc($0.label.zh) }.joined(separator: "、")) }
            if let evidence = item.evidence { hints.append("发现问题时留存证据：\(esc(evidenceName(evidence)))") }
            if let code = item.internetPlusCode { hints.append("监管事项编码：\(esc(code))") }
            if !hints.isEmpty { title += "<div class=\"hint\">" + hints.joined(separator: "；") + "</div>" }
            h += "<tr data-item=\"\(esc(item.id))\"><td class=\"no\">\(number)</td><td>\(title)</td><td class=\"basis\">\(esc(item.basis ?? ""))</td>"
                + "<td class=\"answer\">\(answerSpace(item))</td><td class=\"remark\"></td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        let rules = c.items.filter(\.isRule)
        if !rules.isEmpty {
            h += "<div class=\"rules\"><p>综合判定（由系统根据以上答案判定，无需填写）：</p><ul>\n"
            for rule in rules {
                let basis = rule.basis.map { "（\(esc($0))）" } ?? ""
                h += "<li data-item=\"\(esc(rule.id))\">\(esc(rule.title))\(basis)</li>\n"
            }
            h += "</ul></div>\n"
        }
        return h
    }

    /// The room for an answer, by answer type.
    static func answerSpace(_ item: ChecklistItem) -> String {
        if item.compute != nil { return "<span class=\"computed\">由系统计算，无需填写</span>" }
        let unit = item.unit.map { " " + esc($0) } ?? ""
        let range = item.range.map { "<div class=\"hint\">范围 \(esc(number($0.lowerBound)))–\(esc(number($0.upperBound)))\(unit)</div>" } ?? ""
        switch item.answer {
        case .yesNo?: return "□ 是　□ 否"
        case .number?, .integer?: return "<span class=\"blank\"></span>\(unit)\(range)"
        case .text?: return "<div class=\"lines short\"></div>"
        case .choice?: return item.options.map { "□ " + esc($0) }.joined(separator: "<br>")
        case .date?: return dateBlank
        case .photo?: return "照片编号：<span class=\"blank\"></span>"
        case nil: return ""
        }
    }

    static func evidenceName(_ kind: String) -> String {
        switch kind {
        case "photo": return "照片"
        case "document": return "书面材料"
        case "video": return "视频"
        default: return kind
        }
    }

    static func number(_ x: Double) -> String { NumberText.plain(x) }

    static let dateBlank = "<span class=\"blank short\"></span>年<span class=\"blank tiny\"></span>月<span class=\"blank tiny\"></span>日"

    /// Escapes text for HTML element content and attribute values.
    public static func esc(_ text: String) -> String { DisclosureRenderer.escapeHTML(text) }

    static let css = """
        @page { size: A4; margin: 15mm 12mm 15mm 12mm; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; font-size: 10.5pt; line-height: 1.45; color: #000; margin: 0; }
        @media screen { body { max-width: 186mm; margin: 8mm auto; } }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; }
        h2 { font-size: 13pt; margin: 5mm 0 2mm; border-bottom: 1.5px solid #000; }
        h3 { font-size: 11pt; margin: 3mm 0 1.5mm; }
        h3 .meta { font-weight: normal; font-size: 9pt; }
        .subtitle { text-align: center; margin: 0 0 3mm; }
        table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; }
        th, td { border: 1px solid #000; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
        th { background: #f2f2f2; font-weight: bold; }
        tr, .rules li, .signline { break-inside: avoid; page-break-inside: avoid; }
        thead { display: table-header-group; }
        table.info th { width: 22%; }
        table.items .no { width: 8mm; text-align: center; }
        table.items .basis { width: 24%; font-size: 9pt; }
        table.items .answer { width: 34mm; }
        table.items .remark { width: 22mm; }
        table.inspectors .sign { width: 30mm; }
        table.confirm th { width: 30%; }
        .code { font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; }
        .hint { font-size: 8.5pt; color: #333; }
        .computed { font-size: 9pt; color: #555; }
        .blank { display: inline-block; min-width: 18mm; border-bottom: 1px solid #000; height: 1.1em; }
        .blank.short { min-width: 12mm; }
        .blank.tiny { min-width: 7mm; }
        .blank.wide { min-width: 32mm; }
        .box { height: 22mm; }
        .box.refusal { height: auto; min-height: 40mm; }
        .lines { height: 14mm; border-bottom: 1px dashed #666; }
        .lines.short { height: 8mm; }
        .note { font-size: 9pt; }
        .rules { font-size: 9pt; }
        .rules ul { margin: 0; padding-left: 5mm; }
        .key { font-weight: bold; margin-right: 1mm; }
        .methods, .assist { font-size: 9.5pt; margin: 1.5mm 0; }
        """
}
