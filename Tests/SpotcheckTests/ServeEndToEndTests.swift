import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Rulebook
import Store
import Testing
import WorkingDays
@testable import Spotcheck

/// `spotcheck serve` as a county runs it: a store prepared with the
/// commands, accounts added with `spotcheck user add`, the service started
/// as its own process; an inspector signs in through the API, submits
/// findings for their task and gets the evaluation; the lead office
/// publishes; the public search finds the record; the audit log names the
/// users.
@Suite("spotcheck serve end to end", .serialized)
struct ServeEndToEndTests {
    static let root = CLIRunner.packageRoot.path
    static let plan = "2024-kuancheng-school-canteens"

    @discardableResult
    static func run(_ args: [String], in dir: URL, input: String? = nil) throws -> CLIResult {
        let r = try CLIRunner.run(args + ["--root", root], in: dir, input: input)
        #expect(r.status == 0, "\(args.joined(separator: " "))\n\(r)")
        return r
    }

    @Test func anInspectorSubmitsThroughTheServiceAndThePublicFindsTheResult() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = Self.root + "/Rules/samples/kuancheng/"
        let store = ["--store", "county.sqlite"]
        try Self.run(["init"] + store, in: dir)
        try Self.run(["import"] + store + ["--jurisdiction", "kuancheng", "--entities", samples + "schools.csv",
                                           "--inspectors", samples + "inspectors.csv"], in: dir)
        try Self.run(["draw", Self.plan] + store + ["--seed-string", "serve", "--on", "2024-05-06", "--out", "forms"], in: dir)

        // The first task's education team, and an account for one of them and for the lead office.
        let opened = try Store.open(dir.appendingPathComponent("county.sqlite").path, mode: .readOnly)
        let task = try #require(try opened.tasks(jurisdiction: "kuancheng", plan: Self.plan).first)
        let (ws, _) = Workspace.load(root: Self.root)
        let workspace = try #require(ws)
        let office = try CountyOffice(workspace: workspace, store: opened, jurisdiction: "kuancheng")
        let team = try #require(office.teams(of: task)["education"])
        let inspector = team[0]
        try Self.run(["user", "add", inspector, "--role", "inspector", "--jurisdiction", "kuancheng", "--bcrypt-cost", "4"] + store,
                     in: dir, input: "inspector-password\n")
        try Self.run(["user", "add", "lead-k", "--role", "lead_office", "--jurisdiction", "kuancheng", "--bcrypt-cost", "4"] + store,
                     in: dir, input: "lead-office-password\n")

        let server = try ServerProcess(["serve", "--store", "county.sqlite", "--port", "0", "--on", "2024-05-20", "--root", Self.root], in: dir)
        defer { server.stop() }
        let base = try await server.waitForAddress()

        let signIn = try await HTTP.call(base, "POST", "/api/v1/session", json: #"{"id": "\#(inspector)", "password": "inspector-password"}"#)
        #expect(signIn.status == 200, "\(signIn.text)")
        let token = try #require((try signIn.object())["token"] as? String)
        let tasks = try await HTTP.call(base, "GET", "/api/v1/tasks", token: token)
        let listed = try #require(try JSONSerialization.jsonObject(with: tasks.body) as? [[String: Any]])
        #expect(listed.contains { $0["id"] as? String == task.id })
        for t in listed {
            #expect(((t["teams"] as? [String: [String]])?["education"] ?? []).contains(inspector), "\(t["id"] ?? "")")
        }

        // Findings of the education checklist, every item passing, as JSON.
        let checklist = try #require(workspace.rulebook.checklist("education.school_canteen"))
        let entity = try #require(try office.entity(task.entityKey))
        var sim = FindingsSimulator(seed: 3)
        sim.failureRate = [.minor: 0, .general: 0, .serious: 0]
        (sim.unreachableRate, sim.notOperatingRate, sim.obstructedRate, sim.refusedSignatureRate) = (0, 0, 0, 0)
        let day = CivilDate(year: 2024, month: 5, day: 15)!
        var simulated = sim.simulate(checklist, entity: entity, people: [], on: day)
        simulated.answers.removeAll { $0.0 == "canteen_extinguishers_ok" }
        simulated.answers.append(("canteen_extinguishers_ok", .bool(false)))
        let header = FindingsWriter.Header(plan: Self.plan, task: String(task.id.split(separator: "/").last!), entityID: task.entityKey,
                                           department: "education", checklist: checklist.id, inspectedOn: day, inspectors: team)
        let submitted = try await HTTP.call(base, "POST", "/api/v1/submissions", json: FindingsWriter.json(header, simulated), token: token)
        #expect(submitted.status == 201, "\(submitted.text)")
        let evaluation = try submitted.object()
        #expect(evaluation["version"] as? Int == 1)
        #expect((evaluation["violations"] as? [String])?.contains("canteen_extinguishers_ok") == true)
        #expect(evaluation["submission_id"] is String)

        // The other departments enter their results from the command line; then the lead office publishes.
        for (department, checklistID) in [("market_supervision", "market_supervision.school_canteen_food_safety"),
                                          ("health", "health.school_health"), ("fire", "fire.school_kitchen_fire_safety")] {
            let c = try #require(workspace.rulebook.checklist(checklistID))
            let s = sim.simulate(c, entity: entity, people: [], on: day)
            let h = FindingsWriter.Header(plan: Self.plan, task: header.task, entityID: task.entityKey, department: department,
                                          checklist: checklistID, inspectedOn: day, inspectors: try #require(office.teams(of: task)[department]))
            try FindingsWriter.yaml(h, s).write(to: dir.appendingPathComponent("\(department).yaml"), atomically: true, encoding: .utf8)
            try Self.run(["submit", "\(department).yaml", "--on", "2024-05-20"] + store, in: dir)
        }
        let lead = try await HTTP.call(base, "POST", "/api/v1/session", json: #"{"id": "lead-k", "password": "lead-office-password"}"#)
        let leadToken = try #require((try lead.object())["token"] as? String, "\(lead.status) \(lead.text)")
        let published = try await HTTP.call(base, "POST", "/api/v1/publications", token: leadToken)
        #expect(published.status == 200, "\(published.text)")
        #expect((try published.object())["published"] as? Int ?? 0 >= 1)

        // The public finds it by a piece of the name, and by the credit code.
        let name = try #require(entity["name"]?.display)
        let byName = try await HTTP.call(base, "GET", "/api/v1/disclosures?q=" + String(name.suffix(4)).addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)
        let records = try #require(try JSONSerialization.jsonObject(with: byName.body) as? [[String: Any]], "\(byName.status) \(byName.text)")
        #expect(records.contains { $0["credit_code"] as? String == task.entityKey })
        let page = try await HTTP.call(base, "GET", "/disclosures?q=" + task.entityKey)
        #expect(page.status == 200 && page.text.contains(task.entityKey))

        // The audit log names the users who acted through the service.
        server.stop()
        let audit = try Store.open(dir.appendingPathComponent("county.sqlite").path, mode: .readOnly).auditEntries(jurisdiction: "kuancheng")
        #expect(audit.contains { $0.action == "submission" && $0.actor.hasPrefix(inspector + " ") })
        #expect(audit.contains { $0.action == "disclosure" && $0.actor.hasPrefix("lead-k ") })
        try Self.run(["audit", "verify"] + store, in: dir)
    }
}

/// `spotcheck serve` as a child process, stopped with SIGKILL (a child
/// started from a test inherits a blocked signal mask, so SIGTERM would not reach it).
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let output: URL

    init(_ arguments: [String], in directory: URL) throws {
        output = directory.appendingPathComponent("serve.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = try CLIRunner.locateExecutable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
    }

    /// The base URL the service prints once it listens.
    func waitForAddress() async throws -> String {
        for _ in 0..<600 {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) { return String(text[range]) }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the service did not start: \((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
        throw CancellationError()
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A small HTTP client over URLSession for tests.
enum HTTP {
    struct Reply {
        var status: Int
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func object() throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any]) }
    }

    /// No cookies kept: each call is authenticated by its bearer token only.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        return URLSession(configuration: configuration)
    }()

    static func call(_ base: String, _ method: String, _ path: String, json: String? = nil, token: String? = nil) async throws -> Reply {
        var request = URLRequest(url: try #require(URL(string: base + path)))
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }
}
