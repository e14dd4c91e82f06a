import Foundation
import Rulebook
@testable import Spotcheck
import Testing

// Task forms (一校一表) and findings templates.

@Suite("Task forms and findings templates")
struct TaskFormTests {
    typealias F = PlanDrawFixture

    static func draw(_ planID: String, seed: DrawSeed = .announced("forms"), entities: String? = nil) throws -> (F.Loaded, PlanDrawOutcome) {
        let loaded = try F.load(planID)
        let path = entities ?? (planID == F.halalPlan ? F.foodBusinesses : F.schools)
        let outcome = try PlanDraw.run(PlanDrawRequest(entitiesPath: path, inspectorsPath: F.inspectors, seed: seed),
                                       plan: loaded.plan, in: loaded.workspace)
        return (loaded, outcome)
    }

    @Test("every form has every joining department's checklist items, inspectors, signature lines and the refusal box",
          arguments: [F.halalPlan, F.schoolPlan])
    func formsAreComplete(planID: String) throws {
        let (loaded, outcome) = try Self.draw(planID)
        let book = loaded.workspace.rulebook
        let inspectors = Dictionary(uniqueKeysWithValues: try F.readCSV(F.inspectors).rows.map { ($0["id"]!, $0) })
        #expect(!outcome.tasks.isEmpty)
        for task in outcome.tasks {
            let html = TaskForm.html(task, outcome: outcome, rulebook: book)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains("size: A4"))
            #expect(html.contains("拒绝签字的如实记录"), "task \(task.id)")
            #expect(html.contains("法定代表人（负责人）签字（盖章）"))
            #expect(html.contains(TaskForm.esc(outcome.entities[task.entity]!["name"]!.canonicalText)))
            #expect(html.components(separatedBy: "<section class=\"department\"").count - 1 == loaded.plan.departments.count)
            for department in loaded.plan.departments {
                #expect(html.contains("data-department=\"\(department)\""), "task \(task.id): \(department)")
                #expect(html.contains(TaskForm.esc(book.name(of: department, in: loaded.plan.jurisdiction))))
                #expect(html.contains(TaskForm.esc(book.name(of: department, in: loaded.plan.jurisdiction)) + "检查人员签字"))
                let team = try #require(task.teams.first { $0.department == department })
                for id in team.inspectors {
                    let row = try #require(inspectors[id])
                    #expect(html.contains(TaskForm.esc(row["name"]!)), "\(id)")
                    #expect(html.contains(row["cert_no"]!), "cert no. of \(id)")
                }
                for checklistID in loaded.plan.checklists[department] ?? [] {
                    let checklist = try #require(book.checklist(checklistID))
                    #expect(html.contains("data-checklist=\"\(checklistID)\""))
                    for item in checklist.items {
                        #expect(html.contains("data-item=\"\(item.id)\""), "task \(task.id): \(checklistID).\(item.id)")
                        #expect(html.contains(TaskForm.esc(item.title)), "\(checklistID).\(item.id) title")
                        if let basis = item.basis { #expect(html.contains(TaskForm.esc(basis))) }
                    }
                }
            }
        }
    }

    @Test("answer space follows the answer type")
    func answerSpaces() throws {
        let (loaded, _) = try Self.draw(F.halalPlan)
        let book = loaded.workspace.rulebook
        let halal = try #require(book.checklist("ethnic_religious.halal_food"))
        #expect(TaskForm.answerSpace(try #require(halal.item("dedicated_premises"))) == "□ 是　□ 否")
        let choice = TaskForm.answerSpace(try #require(halal.item("operator_type")))
        #expect(choice == "□ 单位<br>□ 单位内设清真食堂或专柜<br>□ 个体经营者")
        let staff = TaskForm.answerSpace(try #require(halal.item("staff_total")))
        #expect(staff.contains("class=\"blank\"") && staff.contains(" 人") && staff.contains("范围 1–100000"))
        #expect(TaskForm.answerSpace(try #require(halal.item("minority_share_pct"))).contains("无需填写"))
    }

    @Test("everything from the directories is HTML-escaped")
    func escaping() throws {
        let csv = try F.readCSV(F.foodBusinesses)
        let nameColumn = try #require(csv.header.firstIndex(of: "name"))
        let addressColumn = try #require(csv.header.firstIndex(of: "address"))
        let rows = csv.order.map { cells -> [String] in
            var cells = cells
            cells[nameColumn] += "<script>alert(\"x\")</script> & '甲'"
            cells[addressColumn] = "<b>1号</b>"
            return cells
        }
        let dir = try F.temporaryDirectory("escape")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.writeCSV(dir + "/e.csv", header: csv.header, rows: rows)
        let (loaded, outcome) = try Self.draw(F.halalPlan, entities: dir + "/e.csv")
        for task in outcome.tasks {
            let html = TaskForm.html(task, outcome: outcome, rulebook: loaded.workspace.rulebook)
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<b>"))
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;甲&#39;"))
            #expect(html.contains("&lt;b&gt;1号&lt;/b&gt;"))
        }
        let index = PlanDrawOutput.indexHTML(outcome, index: outcome.tasks.map { ($0, []) }, rulebook: loaded.workspace.rulebook)
        #expect(!index.contains("<script>"))
    }

    /// Fills a template's `inspected_on` and every `answers:` entry with a
    /// valid answer for the item's type.
    static func fill(_ template: String, checklist: Checklist, date: String) throws -> (text: String, answered: [String]) {
        var lines: [String] = []
        var inAnswers = false
        var answered: [String] = []
        for line in template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("inspected_on: null") { lines.append("inspected_on: \(date)"); continue }
            if line == "answers:" { inAnswers = true; lines.append(line); continue }
            if inAnswers && !line.hasPrefix("  ") { inAnswers = false }
            guard inAnswers, line.hasPrefix("  "), !line.hasPrefix("  #"), line.hasSuffix(": null") else { lines.append(line); continue }
            let id = String(line.dropFirst(2).dropLast(": null".count))
            let item = try #require(checklist.item(id), "template asks for unknown item \(id)")
            let value: String
            switch try #require(item.answer) {
            case .yesNo: value = "true"
            case .number: value = String(item.range?.lowerBound ?? 1.5)
            case .integer: value = String(Int(item.range?.lowerBound ?? 1))
            case .text: value = "\"现场记录\""
            case .choice: value = "\"\(try #require(item.options.first))\""
            case .date: value = date
            case .photo: value = "[photos/1.jpg]"
            }
            lines.append("  \(id): \(value)")
            answered.append(id)
        }
        return (lines.joined(separator: "\n"), answered)
    }

    @Test("each findings template, once filled in, is accepted by the interpreter (spotcheck check)",
          arguments: [F.halalPlan, F.schoolPlan])
    func templatesAreAccepted(planID: String) throws {
        let (loaded, outcome) = try Self.draw(planID)
        let book = loaded.workspace.rulebook
        let dir = try F.temporaryDirectory("templates")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var checked = 0
        for task in outcome.tasks.prefix(3) {
            for team in task.teams {
                for section in TaskForm.sections(plan: loaded.plan, department: team.department,
                                                 entity: outcome.entities[task.entity], rulebook: book) {
                    let checklist = section.checklist
                    let template = FindingsTemplate.yaml(task, team: team, checklist: checklist, applies: section.applies,
                                                         outcome: outcome, rulebook: book)
                    // Unfilled, the template is not accepted: it has no inspection date.
                    let blank = dir + "/\(task.id)-\(checklist.id)-blank.yaml"
                    try template.write(toFile: blank, atomically: true, encoding: .utf8)
                    let rejected = loaded.workspace.check([blank], entities: nil)
                    #expect(rejected.first?.evaluation == nil)

                    let (filled, answered) = try Self.fill(template, checklist: checklist,
                                                           date: loaded.plan.window.lowerBound.description)
                    // Exactly the asked items are in the template.
                    let asked = checklist.items.filter { !$0.isRule && $0.compute == nil }.map(\.id)
                    #expect(answered == asked, "\(checklist.id)")
                    let path = dir + "/\(task.id)-\(checklist.id).yaml"
                    try filled.write(toFile: path, atomically: true, encoding: .utf8)
                    let result = try #require(loaded.workspace.check([path], entities: nil).first)
                    let errors = result.diagnostics.filter { $0.severity == .error }
                    #expect(errors.isEmpty, "\(errors.map { $0.formatted(.en) })")
                    let evaluation = try #require(result.evaluation, "\(result.diagnostics.map { $0.formatted(.en) })")
                    #expect(evaluation.checklist == checklist.id)
                    #expect(evaluation.entityID == task.entity)
                    #expect(evaluation.department == team.department)
                    #expect(evaluation.items.count == checklist.items.count)
                    #expect(!evaluation.items.contains { $0.status == .error }, "\(checklist.id)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 3 * loaded.plan.departments.count)
    }

    @Test("the output folder holds the certificate, report, index and every task's form and templates")
    func outputFolder() throws {
        let (loaded, outcome) = try Self.draw(F.schoolPlan)
        let dir = try F.temporaryDirectory("output")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try PlanDrawOutput.write(outcome, rulebook: loaded.workspace.rulebook, to: dir)
        let fm = FileManager.default
        #expect(written.first == dir + "/certificate.json")
        let index = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
        for task in outcome.tasks {
            #expect(fm.fileExists(atPath: dir + "/tasks/\(task.id)/form.html"))
            #expect(index.contains("href=\"tasks/\(task.id)/form.html\""))
            for department in loaded.plan.departments {
                for checklist in loaded.plan.checklists[department] ?? [] {
                    #expect(fm.fileExists(atPath: dir + "/tasks/\(task.id)/\(checklist).yaml"), "\(task.id) \(checklist)")
                }
            }
        }
        let certificate = try DrawCertificateFile.decode(from: Data(contentsOf: URL(fileURLWithPath: dir + "/certificate.json")))
        #expect(certificate == outcome.file)
    }
}
