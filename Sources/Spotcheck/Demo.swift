import Compliance
import Disclosure
import Draw
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// `spotcheck demo`: the whole cycle on the bundled sample counties, into a
/// fresh folder, on one store. It is a user of the product: every step is
/// a `CountyOffice` operation the command line offers too (import, draw,
/// confirm, submit, referral, publish, report, audit) — simulated findings
/// are written as files and submitted like an inspector's.
public struct Demo {
    public var root: String
    public var out: String
    /// The store: a SQLite file in `out` unless given.
    public var storeLocation: String?
    public var language: Language = .zh
    public var log: @Sendable (String) -> Void = { print($0) }
    /// Who the demo's writes are recorded as.
    public static let actor = "spotcheck demo"

    public init(root: String, out: String) {
        self.root = root
        self.out = out
    }

    public struct Summary: Sendable {
        public var entities = 0, inspectors = 0, tasks = 0, submissions = 0, refused = 0, resubmissions = 0
        public var rejectedEntries = 0, violations = 0, referrals = 0, handled = 0, disclosed = 0, overdue = 0
        public var draws: [(jurisdiction: String, plan: String, key: String, selected: [String])] = []
        public var auditOK = false
        /// The last day the demo acted on (its latest publication), per jurisdiction the latest.
        public var lastDay: CivilDate?
        public var heads: [AuditHead] = []
        public var pages: [String] = []
    }

    public func run() throws -> Summary {
        let fm = FileManager.default
        if fm.fileExists(atPath: out), !((try? fm.contentsOfDirectory(atPath: out)) ?? []).isEmpty {
            throw LifecycleError(Place(path: out, line: 1, column: 1), zh: "输出目录不是空的：演示需要一个新目录", en: "the output folder is not empty: the demo needs a fresh folder")
        }
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let (loaded, diags) = Workspace.load(root: root)
        guard let ws = loaded else { throw LifecycleError(diags) }
        let store = try Store.open(storeLocation ?? out + "/spotcheck.sqlite", mode: .create)
        var summary = Summary()
        for jurisdiction in ws.rulebook.jurisdictions.sorted(by: { $0.id < $1.id }) {
            let samples = root + "/Rules/samples/" + jurisdiction.id
            guard fm.fileExists(atPath: samples) else { continue }
            let office = try CountyOffice(workspace: ws, store: store, jurisdiction: jurisdiction.id)
            try DemoCounty(demo: self, office: office, samples: samples, folder: out + "/" + jurisdiction.id).run(&summary)
        }
        let report = try store.verifyAudit()
        summary.auditOK = report.ok
        summary.heads = report.chains
        log(language == .zh ? "审计链：\(report.count) 条，\(report.ok ? "校验通过" : "校验失败")"
                            : "Audit chains: \(report.count) entries, \(report.ok ? "verified" : "FAILED")")
        summary.pages = try DemoIndex.write(out: out, summary: summary, rulebook: ws.rulebook, language: language)
        return summary
    }

    /// FNV-1a: a seed from a name that is the same on every machine and run.
    static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

/// One county's part of the demo.
struct DemoCounty {
    let demo: Demo
    let office: CountyOffice
    let samples: String
    let folder: String
    var zh: Bool { demo.language == .zh }
    var book: Rulebook { office.rulebook }
    var actor: String { Demo.actor }

    func run(_ summary: inout Summary) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = office.jurisdiction.name.text(demo.language)
        // 1. Directories: every sample CSV but the inspectors' is an entity directory.
        let files = try fm.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".csv") }.sorted()
        let entityFiles = files.filter { $0 != "inspectors.csv" }.map { samples + "/" + $0 }
        let imported = try office.importDirectories(entities: entityFiles, inspectors: samples + "/inspectors.csv", by: actor)
        summary.entities += imported.entities ?? 0
        summary.inspectors += imported.inspectors ?? 0
        demo.log(zh ? "【\(name)】名录库：检查对象 \(imported.entities ?? 0) 户，执法检查人员 \(imported.inspectors ?? 0) 名"
                    : "[\(name)] directories: \(imported.entities ?? 0) entities, \(imported.inspectors ?? 0) inspectors")
        guard let calendar = book.calendar else { return }
        var lastEntered: [String: CivilDate] = [:]
        for plan in office.plans {
            try runPlan(plan, calendar: calendar, &summary, &lastEntered)
        }
        try handleReferrals(calendar: calendar, &summary)
        try publishAndReport(calendar: calendar, lastEntered: lastEntered, &summary)
    }

    typealias Summary = Demo.Summary

    private func runPlan(_ plan: Plan, calendar: WorkingDayCalendar, _ summary: inout Summary,
                         _ lastEntered: inout [String: CivilDate]) throws {
        let fm = FileManager.default
        // 2. The draw, with a seed announced in advance, a few working days before the window.
        let drawnOn = try calendar.addingWorkingDays(-3, to: plan.window.lowerBound)
        let outcome = try office.draw(plan: plan.id, seed: .announced("spotcheck-demo/\(plan.id)"), on: drawnOn, by: actor)
        let planFolder = folder + "/plans/" + plan.id
        try PlanDrawOutput.write(outcome, rulebook: book, to: planFolder, language: demo.language)
        summary.draws.append((office.id, plan.id, outcome.certificate.key, outcome.certificate.selected))
        summary.tasks += outcome.tasks.count
        demo.log(zh ? "\(plan.title)：抽取 \(outcome.tasks.count) 户（种子“spotcheck-demo/\(plan.id)”）"
                    : "\(plan.titleEN ?? plan.title): drew \(outcome.tasks.count) (seed 'spotcheck-demo/\(plan.id)')")

        // 3. List confirmation: nearly all on time; the last drawn entity is found closed by one department.
        var confirming = SplitMix64(seed: Demo.stableHash("confirm/" + plan.id))
        var rejected: Set<String> = []
        for (n, task) in outcome.tasks.enumerated() {
            for team in task.teams {
                let taskID = "\(plan.id)/\(task.id)"
                let late = confirming.unit() < 0.04
                let days = late ? plan.confirmWithinWorkingDays + 1 : 1 + Int(confirming.next() % UInt64(max(1, plan.confirmWithinWorkingDays)))
                let on = try calendar.addingWorkingDays(days, to: drawnOn)
                if n == outcome.tasks.count - 1, team.department == plan.lead, outcome.tasks.count > 3 {
                    try office.confirm(task: taskID, department: team.department, decision: .rejected,
                                       reason: "经比对，该单位已停止经营，营业场所已改作他用", on: on, by: actor)
                    rejected.insert(taskID + "|" + team.department)
                    summary.rejectedEntries += 1
                } else {
                    try office.confirm(task: taskID, department: team.department, on: on, by: actor)
                }
            }
        }

        // 4. Inspections: simulated findings written as files and submitted like real ones.
        var sim = FindingsSimulator(seed: Demo.stableHash(plan.id))
        let workingDays = try calendar.workingDays(from: plan.window.lowerBound, to: plan.window.upperBound)
        try fm.createDirectory(atPath: planFolder + "/findings", withIntermediateDirectories: true)
        let personal = book.entitySchema?.personalColumns ?? []
        var firstFindings: (header: FindingsWriter.Header, simulated: FindingsSimulator.Simulated, path: String)?
        for (k, task) in outcome.tasks.enumerated() {
            // One drawn entity is never inspected: it stays overdue in the status.
            if k == outcome.tasks.count - 2, outcome.tasks.count > 3 { continue }
            let entity = try office.entity(task.entity) ?? [:]
            let inspected = try calendar.addingWorkingDays(1 + k % max(1, workingDays - 1), to: plan.window.lowerBound)
            for team in task.teams where !rejected.contains("\(plan.id)/\(task.id)|\(team.department)") {
                for checklistID in plan.checklists[team.department] ?? [] {
                    guard let checklist = book.checklist(checklistID) else { continue }
                    let simulated = sim.simulate(checklist, entity: entity, people: personal.compactMap { entity[$0]?.display }, on: inspected)
                    let header = FindingsWriter.Header(plan: plan.id, task: task.id, entityID: task.entity, department: team.department,
                                                       checklist: checklistID, inspectedOn: inspected, inspectors: team.inspectors)
                    let path = planFolder + "/findings/\(task.id)-\(team.department)-\(checklistID).yaml"
                    let text = FindingsWriter.yaml(header, simulated, comment: "模拟的检查记录（spotcheck demo）")
                    try text.write(toFile: path, atomically: true, encoding: .utf8)
                    if firstFindings == nil { firstFindings = (header, simulated, path) }
                    let lag = sim.lateEntry() ? plan.resultsWithinWorkingDays + 2 : 1 + k % 3
                    let entered = try calendar.addingWorkingDays(lag, to: inspected)
                    let result = try office.submit(Array(text.utf8), path: path, receivedOn: entered, by: actor)
                    summary.submissions += 1
                    summary.violations += result.evaluation.violations.count
                    summary.referrals += result.evaluation.referrals.count
                    lastEntered[plan.id] = max(lastEntered[plan.id] ?? entered, entered)
                }
            }
        }
        if let first = firstFindings {
            try correctAndRefuse(plan, first: first, calendar: calendar, &summary)
        }
    }

    /// A correction (a new version that supersedes the first: a problem
    /// recorded in error is taken back, or a note added) and a submission
    /// from someone not on the team (refused, nothing written).
    private func correctAndRefuse(_ plan: Plan, first: (header: FindingsWriter.Header, simulated: FindingsSimulator.Simulated, path: String),
                                  calendar: WorkingDayCalendar, _ summary: inout Summary) throws {
        let entered = try calendar.addingWorkingDays(6, to: plan.window.lowerBound)
        var corrected = first.simulated
        if let k = corrected.answers.firstIndex(where: { if case .bool = $0.1 { return true } else { return false } }),
           case .bool(let b) = corrected.answers[k].1, let checklist = book.checklist(first.header.checklist),
           let item = checklist.item(corrected.answers[k].0), case .bool(let expected)? = item.expect, b != expected {
            corrected.answers[k].1 = .bool(expected)
        }
        let path = first.path.replacingOccurrences(of: ".yaml", with: "-v2.yaml")
        let text = FindingsWriter.yaml(first.header, corrected, comment: "更正后重新提交（第2版）")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try office.submit(Array(text.utf8), path: path, receivedOn: entered, by: actor)
        summary.resubmissions += 1
        var intruder = first.header
        intruder.inspectors = ["X-999"] + intruder.inspectors.dropFirst()
        let forged = FindingsWriter.yaml(intruder, first.simulated, comment: "检查组以外人员提交")
        do {
            _ = try office.submit(Array(forged.utf8), path: first.path.replacingOccurrences(of: ".yaml", with: "-forged.yaml"), receivedOn: entered, by: actor)
        } catch {
            summary.refused += 1
            demo.log((zh ? "  拒收：" : "  refused: ") + (error.diagnostics.first.map { $0.message.text(demo.language) } ?? ""))
        }
    }

    /// Referrals handled by the receiving bodies: most received, handled and
    /// closed on time, some late, a few still open; some decisions public.
    private func handleReferrals(calendar: WorkingDayCalendar, _ summary: inout Summary) throws {
        var handling = SplitMix64(seed: Demo.stableHash("referrals/" + office.id))
        for state in try office.referrals() where state.status == .open {
            guard let due = state.referral.due.flatMap(CivilDate.init), let created = CivilDate(state.referral.createdOn) else { continue }
            let roll = handling.unit()
            guard roll < 0.9 else { continue }
            let late = roll >= 0.8
            let received = try calendar.addingWorkingDays(1, to: created)
            try office.recordReferral(state.referral.id, ReferralHandling(status: .received, on: received), by: actor)
            let handledOn = late ? try calendar.addingWorkingDays(3, to: due) : max(received, try calendar.addingWorkingDays(-1, to: due))
            let penalty = state.referral.kind == RouteKind.rectificationFollowup.rawValue && handling.unit() < 0.3
            let number = "\(office.jurisdiction.name.zh.prefix(2))罚〔\(handledOn.year)〕\(10 + Int(handling.next() % 90))号"
            try office.recordReferral(state.referral.id, ReferralHandling(
                status: .handled, decision: penalty ? "依法给予警告，责令限期改正" : "已督促整改到位，复查合格",
                decisionNo: penalty ? number : nil, decisionPublic: penalty, on: handledOn), by: actor)
            if handling.unit() < 0.7 {
                try office.recordReferral(state.referral.id, ReferralHandling(status: .closed, on: try calendar.addingWorkingDays(2, to: handledOn)), by: actor)
            }
            summary.handled += 1
        }
    }

    private func publishAndReport(calendar: WorkingDayCalendar, lastEntered: [String: CivilDate], _ summary: inout Summary) throws {
        let fm = FileManager.default
        var published = 0
        var redacted = 0
        var publishedOn = lastEntered.values.max() ?? CivilDate(year: 2024, month: 1, day: 2)!
        // The lead office publishes every ten working days what has come in (within the 20 allowed).
        for plan in office.plans {
            guard let last = lastEntered[plan.id] else { continue }
            var day = try calendar.addingWorkingDays(10, to: plan.window.lowerBound)
            while true {
                let run = try office.publish(plan: plan.id, on: day, by: actor)
                published += run.records.count
                redacted += run.redacted.total
                publishedOn = max(publishedOn, day)
                if day > last { break }
                day = try calendar.addingWorkingDays(10, to: day)
            }
        }
        let records = try office.currentDisclosures()
        summary.disclosed += records.count
        let name = office.jurisdiction.name.text(demo.language)
        try fm.createDirectory(atPath: folder + "/disclosure", withIntermediateDirectories: true)
        try DisclosureRenderer.json(records).write(toFile: folder + "/disclosure/disclosure.json", atomically: true, encoding: .utf8)
        try DisclosureRenderer.csv(records).write(toFile: folder + "/disclosure/disclosure.csv", atomically: true, encoding: .utf8)
        try DisclosureRenderer.html(title: "\(office.jurisdiction.name.zh)“双随机、一公开”抽查结果公示", records: records,
                                    generatedOn: publishedOn.description).write(toFile: folder + "/disclosure/index.html", atomically: true, encoding: .utf8)
        demo.log(zh ? "公示：\(records.count) 条（隐去个人信息 \(redacted) 处），见 \(office.id)/disclosure/index.html"
                    : "Disclosure: \(records.count) records (\(redacted) personal data redacted), see \(office.id)/disclosure/index.html")

        try fm.createDirectory(atPath: folder + "/report", withIntermediateDirectories: true)
        let head = try office.store.auditHead(jurisdiction: office.id)
        var reportText = ""
        for year in Set(office.plans.map { $0.window.lowerBound.year }).sorted() {
            let stats = try office.statistics(year: year, on: publishedOn)
            let title = zh ? "\(name)\(year)年度“双随机、一公开”抽查统计" : "\(name): \(year) random inspection statistics"
            reportText += ReportOutput.text(stats, title: title, office: office, head: head, language: demo.language) + "\n\n"
            try ReportOutput.html(stats, title: title, office: office, head: head, language: demo.language)
                .write(toFile: folder + "/report/\(year).html", atomically: true, encoding: .utf8)
        }
        try reportText.write(toFile: folder + "/report/report.txt", atomically: true, encoding: .utf8)
        demo.log(reportText.trimmingCharacters(in: .whitespacesAndNewlines))
        summary.lastDay = max(summary.lastDay ?? publishedOn, publishedOn)
        let deadlines = try office.deadlines(on: publishedOn)
        let overdue = deadlines.filter { $0.state == .overdue }.count
        summary.overdue += overdue
        demo.log(zh ? "期限（\(publishedOn)）：\(deadlines.count) 项，逾期未办 \(overdue) 项" : "Deadlines (\(publishedOn)): \(deadlines.count), \(overdue) overdue")
    }
}

extension FindingsSimulator {
    /// About one result in twenty is entered after its deadline.
    mutating func lateEntry() -> Bool { unitDraw() < 0.05 }
}
