import Compliance
import Disclosure
import Draw
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// `spotcheck demo`: the whole cycle on the bundled sample county, into a
/// fresh folder, on SQLite — directories imported, every plan drawn with an
/// announced seed, forms written, findings simulated and submitted,
/// evaluations and referrals stored, results disclosed, statistics reported.
public struct Demo {
    public var root: String
    public var out: String
    public var language: Language = .zh
    public var log: @Sendable (String) -> Void = { print($0) }

    public init(root: String, out: String) {
        self.root = root
        self.out = out
    }

    public struct Summary: Sendable {
        public var entities = 0, inspectors = 0, tasks = 0, submissions = 0, refused = 0, resubmissions = 0
        public var violations = 0, referrals = 0, disclosed = 0, overdue = 0
        public var draws: [(plan: String, key: String, selected: [String])] = []
        public var auditOK = false
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
        let store = try Store(path: out + "/spotcheck.sqlite")
        let office = CountyOffice(workspace: ws, store: store)
        let book = ws.rulebook
        guard let calendar = book.calendar else { throw LifecycleError(Place(path: root, line: 1, column: 1), zh: "缺少节假日安排", en: "no calendar") }
        var summary = Summary()
        let zh = language == .zh

        // 1. Directories: the sample county's schools, food businesses and inspectors.
        let samples = root + "/Rules/samples"
        let entityFiles = [samples + "/schools.csv", samples + "/food_businesses.csv"]
        (summary.entities, summary.inspectors) = try office.importDirectories(entities: entityFiles, inspectors: samples + "/inspectors.csv")
        let merged = out + "/directories/entities.csv"
        try fm.createDirectory(atPath: out + "/directories", withIntermediateDirectories: true)
        try Self.concatenateCSV(entityFiles, into: merged)
        try fm.copyItem(atPath: samples + "/inspectors.csv", toPath: out + "/directories/inspectors.csv")
        log(zh ? "名录库：检查对象 \(summary.entities) 户，执法检查人员 \(summary.inspectors) 名" : "Directories: \(summary.entities) entities, \(summary.inspectors) inspectors")

        var lastEntered = WorkingDays.CivilDate(year: 2023, month: 1, day: 3)!
        for plan in book.plans.sorted(by: { $0.id < $1.id }) {
            // 2. The draw, with a seed announced in advance.
            let seed = Seed.announced("spotcheck-demo/\(plan.id)")
            let outcome: PlanDrawOutcome
            do {
                outcome = try PlanDraw.run(PlanDrawRequest(entitiesPath: merged, inspectorsPath: out + "/directories/inspectors.csv", seed: seed), plan: plan, in: ws)
            } catch { throw LifecycleError(error.diagnostics) }
            let drawnOn = try calendar.addingWorkingDays(-3, to: plan.window.lowerBound)
            try office.record(outcome, drawnOn: drawnOn)
            try PlanDrawOutput.write(outcome, rulebook: book, to: out + "/plans/\(plan.id)", language: language)
            summary.draws.append((plan.id, outcome.certificate.key, outcome.certificate.selected))
            // Each department checks and confirms its list, nearly always within the deadline.
            var confirming = SplitMix64(seed: Self.stableHash("confirm/" + plan.id))
            for task in outcome.tasks {
                for team in task.teams {
                    let days = confirming.unit() < 0.04 ? plan.confirmWithinWorkingDays + 1 : 1 + Int(confirming.next() % UInt64(max(1, plan.confirmWithinWorkingDays)))
                    try office.confirm(task: "\(plan.id)/\(task.id)", department: team.department, on: try calendar.addingWorkingDays(days, to: drawnOn))
                }
            }
            summary.tasks += outcome.tasks.count
            log(zh ? "\(plan.title)：抽取 \(outcome.tasks.count) 户（种子“spotcheck-demo/\(plan.id)”），表单写入 plans/\(plan.id)/"
                   : "\(plan.titleEN ?? plan.title): drew \(outcome.tasks.count) (seed 'spotcheck-demo/\(plan.id)'), forms in plans/\(plan.id)/")

            // 3. Inspections: simulated findings, submitted like real ones.
            var sim = FindingsSimulator(seed: Self.stableHash(plan.id))
            let workingDays = try calendar.workingDays(from: plan.window.lowerBound, to: plan.window.upperBound)
            try fm.createDirectory(atPath: out + "/plans/\(plan.id)/findings", withIntermediateDirectories: true)
            for (k, task) in outcome.tasks.enumerated() {
                let entity = try office.entity(task.entity) ?? [:]
                let inspected = try calendar.addingWorkingDays(1 + k % max(1, workingDays), to: plan.window.lowerBound)
                for team in task.teams {
                    for checklistID in plan.checklists[team.department] ?? [] {
                        guard let checklist = book.checklist(checklistID) else { continue }
                        let simulated = sim.simulate(checklist, entity: entity, on: inspected)
                        let header = FindingsWriter.Header(plan: plan.id, task: task.id, entityID: task.entity, department: team.department,
                                                           checklist: checklistID, inspectedOn: inspected, inspectors: team.inspectors)
                        let path = out + "/plans/\(plan.id)/findings/\(task.id)-\(team.department).yaml"
                        let text = FindingsWriter.yaml(header, simulated, comment: "模拟的检查记录（spotcheck demo）")
                        try text.write(toFile: path, atomically: true, encoding: .utf8)
                        // Most results are entered within the deadline; a few late.
                        let lag = sim.lateEntry() ? plan.resultsWithinWorkingDays + 2 : 1 + k % 3
                        let entered = try calendar.addingWorkingDays(lag, to: inspected)
                        let outcome = try office.submit(findingsText: text, path: path, submissionID: "\(plan.id)/\(task.id)/\(checklistID)/1", receivedOn: entered)
                        summary.submissions += 1
                        summary.violations += outcome.evaluation?.violations.count ?? 0
                        summary.referrals += outcome.evaluation?.referrals.count ?? 0
                        lastEntered = max(lastEntered, entered)
                    }
                }
            }
            // A correction: the first task's first findings are resubmitted (a new version, never an overwrite).
            if let first = outcome.tasks.first, let team = first.teams.first, let checklistID = plan.checklists[team.department]?.first,
               let path = Optional(out + "/plans/\(plan.id)/findings/\(first.id)-\(team.department).yaml"),
               let original = try? String(contentsOfFile: path, encoding: .utf8) {
                let corrected = original.replacingOccurrences(of: "# 模拟的检查记录（spotcheck demo）", with: "# 更正后重新提交（第2版）")
                let entered = try calendar.addingWorkingDays(4, to: plan.window.lowerBound)
                _ = try office.submit(findingsText: corrected, path: path, submissionID: "\(plan.id)/\(first.id)/\(checklistID)/2", receivedOn: entered)
                summary.resubmissions += 1
                // And a submission from someone not on the team is refused, with nothing written.
                let intruder = original.replacingOccurrences(of: "inspectors: [", with: "inspectors: [\"X-999\", ")
                do {
                    _ = try office.submit(findingsText: intruder, path: path, submissionID: "\(plan.id)/\(first.id)/\(checklistID)/x", receivedOn: entered)
                } catch {
                    summary.refused += 1
                    log((zh ? "  拒收：" : "  refused: ") + (error.diagnostics.first.map { $0.message.text(language) } ?? ""))
                }
            }
        }

        // 4. Referrals handled by the receiving bodies: most on time, some late, a few still open.
        var handling = SplitMix64(seed: 20_241_023)
        for r in try store.referrals(status: .open) {
            guard let due = r.due.flatMap(WorkingDays.CivilDate.init) else { continue }
            let roll = handling.unit()
            if roll < 0.8 {
                try store.setReferralStatus(id: r.id, status: .handled, on: try calendar.addingWorkingDays(-2, to: due).description)
            } else if roll < 0.9 {
                try store.setReferralStatus(id: r.id, status: .handled, on: try calendar.addingWorkingDays(3, to: due).description)
            }
        }

        // 5. Disclosure: each plan's results, a few working days after its last entry.
        var records: [PublicationRecord] = []
        var redacted = 0
        for plan in book.plans.sorted(by: { $0.id < $1.id }) {
            let entered = try store.latestEvaluations(plan: plan.id).compactMap { WorkingDays.CivilDate($0.enteredOn) }
            guard let last = entered.max() else { continue }
            let run = try office.publish(plan: plan.id, on: try calendar.addingWorkingDays(3, to: last))
            records += run.records
            redacted += run.redacted.total
        }
        summary.disclosed = records.count
        let publishedOn = records.compactMap { WorkingDays.CivilDate($0.publishedOn) }.max() ?? lastEntered
        try fm.createDirectory(atPath: out + "/disclosure", withIntermediateDirectories: true)
        try DisclosureRenderer.json(records).write(toFile: out + "/disclosure/disclosure.json", atomically: true, encoding: .utf8)
        try DisclosureRenderer.csv(records).write(toFile: out + "/disclosure/disclosure.csv", atomically: true, encoding: .utf8)
        try DisclosureRenderer.html(title: "\(book.jurisdictions.first?.name.zh ?? "")“双随机、一公开”抽查结果公示", records: records,
                                    generatedOn: publishedOn.description).write(toFile: out + "/disclosure/index.html", atomically: true, encoding: .utf8)
        log(zh ? "公示：\(records.count) 条（隐去个人信息 \(redacted) 处），见 disclosure/index.html"
               : "Disclosure: \(records.count) records (\(redacted) personal data redacted), see disclosure/index.html")

        // 6. Statistics against the year's targets, and deadlines.
        try fm.createDirectory(atPath: out + "/report", withIntermediateDirectories: true)
        var reportText = ""
        for year in Set(book.plans.map { $0.window.lowerBound.year }).sorted() {
            let stats = try office.statistics(year: year)
            let title = zh ? "\(year)年度“双随机、一公开”抽查统计" : "\(year) random inspection statistics"
            reportText += ReportOutput.text(stats, title: title, rulebook: book, language: language) + "\n\n"
            try ReportOutput.html(stats, title: title, rulebook: book).write(toFile: out + "/report/\(year).html", atomically: true, encoding: .utf8)
        }
        try reportText.write(toFile: out + "/report/report.txt", atomically: true, encoding: .utf8)
        log(reportText.trimmingCharacters(in: .whitespacesAndNewlines))
        let deadlines = try office.deadlines(on: publishedOn)
        summary.overdue = deadlines.filter { $0.state == .overdue || $0.state == .lateDone }.count
        let report = try store.verifyAudit()
        summary.auditOK = report.ok
        log(zh ? "期限：\(deadlines.count) 项，逾期 \(summary.overdue) 项；审计链 \(report.count) 条，\(report.ok ? "校验通过" : "校验失败")"
               : "Deadlines: \(deadlines.count), \(summary.overdue) overdue; audit chain of \(report.count) entries \(report.ok ? "verifies" : "FAILS")")
        summary.pages = try DemoIndex.write(out: out, summary: summary, rulebook: book)
        return summary
    }

    static func concatenateCSV(_ files: [String], into path: String) throws {
        var out = ""
        for (i, f) in files.enumerated() {
            var text = try String(contentsOfFile: f, encoding: .utf8)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if i > 0 { lines.removeFirst() }
            out += lines.joined(separator: "\n")
            if !out.hasSuffix("\n") { out += "\n" }
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// FNV-1a: a seed from a name that is the same on every machine and run.
    static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

extension FindingsSimulator {
    /// About one result in twenty is entered after its deadline.
    mutating func lateEntry() -> Bool { unitDraw() < 0.05 }
}
