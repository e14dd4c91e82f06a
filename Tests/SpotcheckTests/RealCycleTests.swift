import Foundation
import Rulebook
import Testing
import WorkingDays
@testable import Spotcheck

/// A county's real cycle from the command line, in an empty folder, the way
/// the README shows it: init, import, draw --store, confirm, submit,
/// referral, status, report, disclose, audit verify.
@Suite("A real cycle from the command line", .serialized)
struct RealCycleTests {
    static let root = CLIRunner.packageRoot.path

    /// Runs `spotcheck ARGS --root ROOT` in `dir`; expects `status`.
    @discardableResult
    static func run(_ args: [String], in dir: URL, expect status: Int32 = 0, _ comment: String = "") throws -> CLIResult {
        let r = try CLIRunner.run(args + ["--root", root], in: dir)
        #expect(r.status == status, "\(args.joined(separator: " ")) \(comment)\n\(r)")
        return r
    }

    /// The findings of one department for a drawn task, as its inspectors
    /// fill them in: every item that applies answered so that it passes
    /// (answers drawn like the demo's, with no problem found), then `changes`.
    static func filledFindings(template: String, checklist: Checklist, entity: [String: Datum], day: CivilDate,
                               changes: [String: Datum] = [:]) throws -> String {
        var sim = FindingsSimulator(seed: 7)
        sim.failureRate = [.minor: 0, .general: 0, .serious: 0]
        (sim.unreachableRate, sim.notOperatingRate, sim.obstructedRate, sim.refusedSignatureRate) = (0, 0, 0, 0)
        var simulated = sim.simulate(checklist, entity: entity, people: [], on: day)
        for (k, v) in changes {
            simulated.answers.removeAll { $0.0 == k }
            simulated.answers.append((k, v))
        }
        func value(_ key: String) throws -> String {
            let line = try #require(template.split(separator: "\n").first { $0.hasPrefix(key + ":") })
            return String(line.dropFirst(key.count + 1)).trimmingCharacters(in: .whitespaces)
        }
        let inspectors = try value("inspectors").prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
        let team = inspectors.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }
        let header = FindingsWriter.Header(plan: try value("plan").replacingOccurrences(of: "\"", with: ""), task: "T-0001",
                                           entityID: try #require(entity["id"]).display, department: checklist.department,
                                           checklist: checklist.id, inspectedOn: day, inspectors: team)
        return FindingsWriter.yaml(header, simulated)
    }

    @Test func aCountyRunsItsCycleFromAnEmptyFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("real-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let samples = Self.root + "/Rules/samples/"
        let store = ["--store", "county.sqlite"]
        try Self.run(["init"] + store, in: dir)
        try Self.run(["import"] + store + ["--jurisdiction", "kuancheng", "--entities", samples + "kuancheng/schools.csv",
                                           samples + "kuancheng/food_businesses.csv", "--inspectors", samples + "kuancheng/inspectors.csv"], in: dir)
        try Self.run(["import"] + store + ["--jurisdiction", "changli", "--entities", samples + "changli/food_businesses.csv",
                                           "--inspectors", samples + "changli/inspectors.csv"], in: dir)
        let plan = "2024-kuancheng-school-canteens"
        for (p, day) in [(plan, "2024-05-06"), ("2024-kuancheng-registration-routine", "2024-05-29"), ("2023-changli-halal-food", "2023-11-01")] {
            let r = try Self.run(["draw", p] + store + ["--seed-string", "cycle/\(p)", "--on", day, "--out", "forms/\(p)"], in: dir)
            #expect(r.stdout.contains("certificate.json"))
        }
        // A plan is drawn once.
        try Self.run(["draw", plan] + store + ["--seed-string", "again", "--on", "2024-05-07", "--out", "x"], in: dir, expect: 1)
        try Self.run(["confirm"] + store + ["--task", "\(plan)/T-0001", "--department", "education", "--on", "2024-05-07"], in: dir)
        let rejected = try Self.run(["confirm"] + store + ["--task", "\(plan)/T-0002", "--department", "fire", "--reject",
                                                           "--reason", "该校已撤并，食堂停用", "--on", "2024-05-07"], in: dir)
        #expect(rejected.stdout.contains("该校已撤并"))

        // Every department of task T-0001 fills in its findings; education finds the extinguishers expired.
        let (loaded, _) = Workspace.load(root: Self.root)
        let ws = try #require(loaded)
        let book = ws.rulebook
        var files: [String] = []
        for (department, checklistID) in [("education", "education.school_canteen"), ("market_supervision", "market_supervision.school_canteen_food_safety"),
                                          ("health", "health.school_health"), ("fire", "fire.school_kitchen_fire_safety")] {
            let template = try String(contentsOf: dir.appendingPathComponent("forms/\(plan)/tasks/T-0001/\(checklistID).yaml"), encoding: .utf8)
            let entityID = try #require(template.split(separator: "\n").first { $0.hasPrefix("  id: ") }).dropFirst(6).replacingOccurrences(of: "\"", with: "")
            let rows = try ws.importEntities(samples + "kuancheng/schools.csv").rows
            let entity = DirectoryData.record(try #require(rows.first { $0.key == entityID }))
            let changes: [String: Datum] = department == "education" ? ["canteen_extinguishers_ok": .bool(false)] : [:]
            let filled = try Self.filledFindings(template: template, checklist: try #require(book.checklist(checklistID)), entity: entity,
                                                 day: CivilDate(year: 2024, month: 5, day: 13)!, changes: changes)
            let name = "\(department).yaml"
            try filled.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            files.append(name)
        }
        // A blank form is refused, exit 1, and stores nothing.
        try "inspected_on: 2024-05-13\n".write(to: dir.appendingPathComponent("blank.yaml"), atomically: true, encoding: .utf8)
        let blank = try Self.run(["submit"] + store + ["--on", "2024-05-14", "blank.yaml"], in: dir, expect: 1)
        #expect(blank.stderr.contains("blank.yaml:1:1: error: 缺少必填的键“entity”"))
        let submitted = try Self.run(["submit"] + store + ["--on", "2024-05-14"] + files, in: dir, "\(files)")
        #expect(submitted.stdout.split(separator: "\n").count == 4)

        // The transfer to fire appears among the deadlines; its handling is recorded.
        let status = try Self.run(["status"] + store + ["--on", "2024-05-14", "--all"], in: dir)
        let referral = try #require(status.stdout.split(separator: "\n").lazy.compactMap { line -> String? in
            guard line.contains("移送处理") else { return nil }
            return line.split(separator: " ").first { $0.contains("#") }.map(String.init)
        }.first, "\(status.stdout)")
        try Self.run(["referral", referral] + store + ["--status", "received", "--on", "2024-05-15", "--by", "消防监督员甲"], in: dir)
        try Self.run(["referral", referral] + store + ["--status", "handled", "--decision", "责令改正，已更换灭火器",
                                                     "--decision-no", "宽消限字〔2024〕3号", "--public", "--on", "2024-05-17"], in: dir)
        try Self.run(["referral", referral] + store + ["--status", "received", "--on", "2024-05-18"], in: dir, expect: 1)
        try Self.run(["referral", referral] + store + ["--status", "closed", "--on", "2024-05-20"], in: dir)

        let report = try Self.run(["report"] + store + ["--jurisdiction", "kuancheng", "--year", "2024", "--on", "2024-05-31"], in: dir)
        #expect(report.stdout.contains("部门联合抽查数量占比：100%（1/1"), "\(report.stdout)")
        #expect(report.stdout.contains("移送办结率"))
        let disclosed = try Self.run(["disclose"] + store + ["--jurisdiction", "kuancheng", "--on", "2024-05-20", "--out", "public"], in: dir)
        #expect(disclosed.stdout.contains("本次公示 1 条"))
        let json = try String(contentsOf: dir.appendingPathComponent("public/disclosure.json"), encoding: .utf8)
        #expect(json.contains("宽消限字〔2024〕3号") && json.contains("\"department_results\""))
        let verify = try Self.run(["audit", "verify", "--store", "county.sqlite", "--published", "public/disclosure.json"], in: dir)
        #expect(verify.stdout.contains("审计日志完整"))
        #expect(verify.stdout.contains("辖区 changli") && verify.stdout.contains("辖区 kuancheng"))
    }
}
