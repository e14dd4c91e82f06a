import ArgumentParser
import Disclosure
import Foundation
import Messages
import Rulebook
import Service
import Spotcheck
import Store
import WorkingDays

/// `spotcheck workload`: the data the service's load benchmarks need
/// (docs/bench/serve-load.sh, docs/bench/search-load.sh), made through the
/// same library calls as real work. Not for production stores.
struct WorkloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workload", abstract: "Benchmark data for the service (not for production stores).",
        shouldDisplay: false, subcommands: [Submissions.self, Disclosures.self])

    /// Findings for every team of a drawn plan, and an account for one inspector of each team.
    struct Submissions: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "submissions",
                                                        abstract: "Write findings (JSON) for every team of a drawn plan and add an account for one inspector of each.")
        @OptionGroup var options: CommonOptions
        @Option(help: "The store: a SQLite file or a postgresql:// URL.") var store: String
        @Option(help: "The drawn plan.") var plan: String
        @Option(help: "The inspection day of the findings (inside the plan window).") var on: String
        @Option(help: "The folder to write requests.tsv and the bodies to.") var out: String
        @Option(help: "The password of the inspector accounts.") var password = "load-test-password"

        func run() throws {
            let ws = try options.workspace()
            let s: Store
            do { s = try Store.open(store, mode: .open) } catch { Output.fail(.store(store), error.message, options.lang, code: 1) }
            guard let p = ws.rulebook.plan(plan) else { throw ValidationError("no plan \(plan)") }
            let office = try lifecycle(options.lang) { () throws(LifecycleError) in try CountyOffice(workspace: ws, store: s, jurisdiction: p.jurisdiction) }
            let day = try parseDay(on, options.lang)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var simulator = FindingsSimulator(seed: 20240610)
            (simulator.unreachableRate, simulator.notOperatingRate, simulator.obstructedRate) = (0, 0, 0)
            var lines: [String] = []
            var accounts = Set(try s.accounts().map(\.accountID))
            let tasks = try s.tasks(jurisdiction: p.jurisdiction, plan: p.id)
            for task in tasks {
                guard let entity = try lifecycle(options.lang, { () throws(LifecycleError) in try office.entity(task.entityKey) }) else { continue }
                for (department, team) in office.teams(of: task).sorted(by: { $0.key < $1.key }) {
                    for checklistID in office.checklists(of: task)[department] ?? [] {
                        guard let checklist = ws.rulebook.checklist(checklistID), let inspector = team.first else { continue }
                        if !accounts.contains(inspector) {
                            _ = try lifecycle(options.lang) { () throws(LifecycleError) in
                                try Accounts.add(.init(id: inspector, role: .inspector, jurisdiction: p.jurisdiction, password: password),
                                                 workspace: ws, store: s, bcryptCost: 4, by: "spotcheck workload")
                            }
                            accounts.insert(inspector)
                        }
                        let simulated = simulator.simulate(checklist, entity: entity, people: [], on: day)
                        let header = FindingsWriter.Header(plan: p.id, task: String(task.id.split(separator: "/").last ?? ""), entityID: task.entityKey,
                                                           department: department, checklist: checklistID, inspectedOn: day, inspectors: team)
                        // The benchmark puts a new submission id in place of the marker for every request.
                        let body = FindingsWriter.json(header, simulated, submissionID: "__SUBMISSION_ID__")
                        let name = "body-\(lines.count + 1).json"
                        try body.write(toFile: out + "/" + name, atomically: true, encoding: .utf8)
                        lines.append("\(inspector)\t\(name)")
                    }
                }
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: out + "/requests.tsv", atomically: true, encoding: .utf8)
            print("\(lines.count) bodies, \(Set(lines.map { $0.split(separator: "\t")[0] }).count) inspectors → \(out)/requests.tsv")
        }
    }

    /// Published records in bulk for the search benchmark: a synthetic plan
    /// with one task per record, recorded through the store's own calls.
    struct Disclosures: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disclosures", abstract: "Record synthetic published records for the search benchmark.")
        @Option(help: "The store: a SQLite file or a postgresql:// URL.") var store: String
        @Option(help: "How many records.") var count = 1_000_000
        @Option(help: "The jurisdiction id the records belong to.") var jurisdiction = "kuancheng"
        @Option(help: "Records per transaction.") var batch = 20_000
        @Option(help: "Where to write sample queries (one per line) for the load script.") var queries: String?

        func run() throws {
            let s: Store
            do { s = try Store.open(store, mode: .create) } catch { throw ValidationError(error.message.en) }
            let plan = "bench-search-\(count)"
            let actor = "spotcheck workload"
            try s.recordPlanVersion(PlanVersionRecord(jurisdiction: jurisdiction, planID: plan, title: "检索基准", planSHA256: String(repeating: "0", count: 64),
                                                      rulesSHA256: String(repeating: "0", count: 64), planText: "plan: \(plan)\n", revisedOn: nil, reason: nil), by: actor)
            let drawID = plan + "/draw-bench"
            var names = SyntheticNames(seed: 7)
            var made: [(name: String, code: String)] = []
            made.reserveCapacity(count)
            for i in 0..<count { made.append((names.next(), CreditCodes.synthetic(i))) }
            let tasks = made.indices.map { i in
                TaskRecord(id: "\(plan)/T-\(i + 1)", jurisdiction: jurisdiction, drawID: drawID, planID: plan, entityKey: made[i].code,
                           entityName: made[i].name, teamsJSON: "{}", checklistsJSON: "{}", confirmDue: "2024-06-01")
            }
            try s.recordDraw(DrawRecord(id: drawID, jurisdiction: jurisdiction, planID: plan, planVersion: 1, seed: "bench",
                                        certificateJSON: "{}", drawnOn: "2024-05-01"), tasks: tasks, by: actor)
            let results = ["compliant", "problem", "rectified"]
            var start = 0
            while start < count {
                let end = min(count, start + batch)
                let records = (start..<end).map { i -> DisclosureRecord in
                    let day = "2024-\(String(format: "%02d", 6 + i % 6))-\(String(format: "%02d", 1 + i % 28))"
                    let record = PublicationRecord(entityName: made[i].name, creditCode: made[i].code, planID: plan, planTitle: "检索基准",
                                                   departments: ["市场监督管理局"], inspectedOn: day, resultCode: results[i % 3],
                                                   resultLabel: results[i % 3], findings: [], publishedOn: day)
                    return DisclosureRecord(jurisdiction: jurisdiction, taskID: tasks[i].id, planID: plan, creditCode: made[i].code,
                                            entityName: made[i].name, resultCode: results[i % 3], publishedOn: day,
                                            recordJSON: DisclosureRenderer.json([record]))
                }
                try s.recordDisclosures(records, by: actor)
                start = end
                FileHandle.standardError.write(Data("\r\(end)/\(count)".utf8))
            }
            FileHandle.standardError.write(Data("\n".utf8))
            if let queries {
                var rng = SplitMix64(seed: 11)
                var lines: [String] = []
                for _ in 0..<2_000 {
                    let pick = made[Int(rng.next() % UInt64(count))]
                    let chars = Array(pick.name)
                    switch rng.next() % 4 {
                    case 0: lines.append(pick.code)
                    case 1: lines.append(String(pick.code.prefix(12)))
                    default:
                        let length = 2 + Int(rng.next() % 3)
                        let from = Int(rng.next() % UInt64(max(1, chars.count - length)))
                        lines.append(String(chars[from..<min(chars.count, from + length)]))
                    }
                }
                try (lines.joined(separator: "\n") + "\n").write(toFile: queries, atomically: true, encoding: .utf8)
            }
            print("\(count) records in \(plan)")
        }
    }
}
