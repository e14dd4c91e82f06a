import Compliance
import Draw
import Foundation
import Messages
import Rulebook
import Testing
import WorkingDays
@testable import Spotcheck

/// What forms and publications say: the jurisdiction's own bodies, problems
/// worded as found, conditions in words, codes by their labels.
@Suite("Publication wording", .serialized)
struct PublicationWordingTests {
    typealias World = LifecycleWorld

    @Test func changliNamesChangliBodiesOnItsFormReferralAndDisclosure() throws {
        let w = try World()
        // The form of the halal plan's task.
        let outcome = try PlanDraw.run(PlanDrawRequest(entities: try w.changli.directoryRows(.entities),
                                                       inspectors: try w.changli.directoryRows(.inspectors), origin: "store",
                                                       seed: .announced("test")), plan: try w.changli.plan(World.halal), in: w.workspace)
        let form = TaskForm.html(try #require(outcome.tasks.first), outcome: outcome, rulebook: w.book)
        #expect(form.contains("昌黎县民族宗教事务局") && form.contains("昌黎县市场监督管理局"))
        #expect(!form.contains("宽城"))
        // A problem found by ethnic and religious affairs that is market supervision's: transferred to Changli's bureau.
        let text = try w.findings(w.changli, plan: World.halal, department: "ethnic_religious", checklist: "ethnic_religious.halal_food",
                                  on: "2023-11-07", changes: ["halal_sign_displayed": .bool(false)])
        let ethnic = try w.submit(w.changli, text, on: "2023-11-08", path: "ethnic.yaml")
        #expect(ethnic.document.departmentName == "昌黎县民族宗教事务局")
        #expect(ethnic.document.referrals.allSatisfy { $0.toName.hasPrefix("昌黎县") }, "\(ethnic.document.referrals)")
        let market = try w.findings(w.changli, plan: World.halal, department: "market_supervision", checklist: "market_supervision.registration",
                                    on: "2023-11-07", changes: ["unreported_annual_reports": .int(1)])
        let m = try w.submit(w.changli, market, on: "2023-11-08", path: "market.yaml")
        #expect(m.document.referrals.map(\.toName).contains("昌黎县市场监督管理局"))
        #expect(m.document.referrals.map(\.toName).contains("国家企业信用信息公示系统（河北）"))
        let run = try w.changli.publish(on: CivilDate(year: 2023, month: 11, day: 10)!, by: World.actor)
        let record = try #require(run.records.first)
        #expect(record.jurisdiction == "昌黎县")
        #expect(record.departments == ["昌黎县民族宗教事务局", "昌黎县市场监督管理局"])
        #expect(record.findings.allSatisfy { $0.hasPrefix("昌黎县") })
        #expect(record.referrals?.allSatisfy { !$0.contains("宽城") } ?? true)
        // And Kuancheng's store rows are untouched by all this.
        #expect(try w.kuancheng.referrals().isEmpty)
    }

    /// Every item or rule that can be violated has a finding worded as found.
    @Test func everyProblemThatCanBePublishedReadsAsFound() throws {
        let (ws, _) = Workspace.load(root: World.root)
        let book = try #require(ws).rulebook
        var count = 0
        for c in book.checklists {
            for item in c.items where item.canFail {
                count += 1
                let zh = try #require(item.finding, "\(c.id).\(item.id) has no finding")
                #expect(!zh.hasSuffix("不符合要求") && !zh.hasPrefix("未发现"), "\(c.id).\(item.id): \(zh)")
                if case .bool(true)? = item.expect {
                    #expect(zh != item.title, "\(c.id).\(item.id): the finding repeats the requirement")
                }
                #expect(item.findingEN != nil, "\(c.id).\(item.id) has no finding_en")
            }
        }
        #expect(count > 100)
    }

    @Test func formsAndTemplatesShowConditionsInWordsAndCodesByTheirLabels() throws {
        let w = try World()
        let outcome = try PlanDraw.run(PlanDrawRequest(entities: try w.kuancheng.directoryRows(.entities),
                                                       inspectors: try w.kuancheng.directoryRows(.inspectors), origin: "store",
                                                       seed: .announced("test")), plan: try w.kuancheng.plan(World.canteens), in: w.workspace)
        let task = try #require(outcome.tasks.first)
        let form = TaskForm.html(task, outcome: outcome, rulebook: w.book)
        #expect(form.contains("仅当食堂承包或委托经营时填写"))
        #expect(form.contains("★重点"))
        #expect(form.contains("中小学"))
        #expect(!form.contains(">school<") && !form.contains("kindergarten"))
        /// A condition that is an expression, not a single item id.
        func isExpression(_ text: String) -> Bool { ["==", "&&", "||", "!", ">", "<", " in "].contains { text.contains($0) } }
        for c in w.book.checklists {
            for item in c.items {
                if let relevant = item.relevant, isExpression(relevant.text) {
                    #expect(!form.contains(TaskForm.esc(relevant.text)), "CEL on the form: \(relevant.text)")
                }
            }
        }
        for team in task.teams {
            for id in outcome.plan.checklists[team.department] ?? [] {
                let c = try #require(w.book.checklist(id))
                let template = FindingsTemplate.yaml(task, team: team, checklist: c, applies: true, outcome: outcome, rulebook: w.book)
                for item in c.items {
                    if let relevant = item.relevant, isExpression(relevant.text) { #expect(!template.contains(relevant.text)) }
                }
                #expect(template.contains("methods:") && template.contains("assistants:"))
            }
        }
    }
}
