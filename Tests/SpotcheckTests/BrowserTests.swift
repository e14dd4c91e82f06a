import Compliance
import Foundation
import Rulebook
import Spotcheck
import Store
import Testing

/// The service's pages in a real browser (Debian's chromium through
/// chromium-driver), against `spotcheck serve` on a store prepared with
/// the command line, using only SPEC §12's names and hooks. Screenshots go
/// to `SPOTCHECK_SCREENSHOTS` (default: a temporary folder, printed).
@Suite(.serialized) struct BrowserTests {
    static let root = ServeEndToEndTests.root
    static let plan = ServeEndToEndTests.plan

    /// A store with a drawn plan, accounts for one education inspector of
    /// the first task, the education administrator and the lead office,
    /// and the service running on it.
    struct World {
        var dir: URL
        var server: ServerProcess
        var base: String
        var task: TaskRecord
        var inspector: String
        var workspace: Workspace
        var shots: URL

        static func make() async throws -> World {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let samples = root + "/Rules/samples/kuancheng/"
            let store = ["--store", "county.sqlite"]
            try ServeEndToEndTests.run(["init"] + store, in: dir)
            try ServeEndToEndTests.run(["import"] + store + ["--jurisdiction", "kuancheng", "--entities", samples + "schools.csv",
                                                             "--inspectors", samples + "inspectors.csv"], in: dir)
            try ServeEndToEndTests.run(["draw", plan] + store + ["--seed-string", "browser", "--on", "2024-05-06", "--out", "forms"], in: dir)
            let opened = try Store.open(dir.appendingPathComponent("county.sqlite").path, mode: .readOnly)
            let task = try #require(try opened.tasks(jurisdiction: "kuancheng", plan: plan).first)
            let workspace = try #require(Workspace.load(root: root).0)
            let office = try CountyOffice(workspace: workspace, store: opened, jurisdiction: "kuancheng")
            let inspector = try #require(office.teams(of: task)["education"]?.first)
            try ServeEndToEndTests.run(["user", "add", inspector, "--role", "inspector", "--jurisdiction", "kuancheng", "--bcrypt-cost", "4"] + store,
                                       in: dir, input: "inspector-password\n")
            try ServeEndToEndTests.run(["user", "add", "edu-admin", "--role", "department_admin", "--department", "education",
                                        "--jurisdiction", "kuancheng", "--bcrypt-cost", "4"] + store, in: dir, input: "admin-password\n")
            try ServeEndToEndTests.run(["user", "add", "lead-k", "--role", "lead_office", "--jurisdiction", "kuancheng", "--bcrypt-cost", "4"] + store,
                                       in: dir, input: "lead-office-password\n")
            let server = try ServerProcess(["serve", "--store", "county.sqlite", "--port", "0", "--on", "2024-05-20", "--root", root], in: dir)
            let base = try await server.waitForAddress()
            let shots = ProcessInfo.processInfo.environment["SPOTCHECK_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
                ?? dir.appendingPathComponent("screenshots")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            return World(dir: dir, server: server, base: base, task: task, inspector: inspector, workspace: workspace, shots: shots)
        }

        func close() {
            server.stop()
            if ProcessInfo.processInfo.environment["SPOTCHECK_SCREENSHOTS"] == nil { try? FileManager.default.removeItem(at: dir) }
        }

        func formPath(_ task: TaskRecord, _ department: String) -> String {
            "/tasks/\(task.planID)/\(task.id.split(separator: "/").last!)/\(department)"
        }
    }

    /// Whether a browser is here; in CI (`CI` set) its absence is a failure.
    static func browserPresent() -> Bool {
        if WebDriver.available { return true }
        if !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty {
            Issue.record("chromium and chromium-driver are required in CI (apt-get install chromium chromium-driver)")
        } else {
            print("browser tests not run: install chromium and chromium-driver")
        }
        return false
    }

    static func signIn(_ browser: WebDriver, _ base: String, _ id: String, _ password: String) async throws {
        try await browser.deleteCookies()
        try await browser.open(base + "/login")
        try await browser.type(try await browser.find("input[name=id]"), id)
        try await browser.type(try await browser.find("input[name=password]"), password)
        try await browser.click(try await browser.find("form button[type=submit], form input[type=submit]"))
        try await browser.wait("signed in") { !(try await browser.currentURL()).hasSuffix("/login") }
    }

    static func save(_ browser: WebDriver, _ world: World, _ name: String) async throws {
        let url = world.shots.appendingPathComponent(name + ".png")
        try await browser.screenshot().write(to: url)
        print("screenshot: \(url.path)")
    }

    /// The answer to click or type for each item, from the checklist example
    /// whose expected violations include a suspected crime and a problem
    /// another department handles.
    static func crimeAndTransferExample(_ c: Checklist, _ book: Rulebook) throws -> ChecklistExample {
        try #require(c.examples.first { ex in
            let failing = ex.expectViolations.compactMap { v in c.items.first { $0.id == v.value } }
            let competent = { (item: ChecklistItem) in book.departments.first { $0.domains.contains(item.domain ?? "") }?.id }
            return failing.contains { $0.suspectedCrime } && failing.contains { competent($0) != nil && competent($0) != c.department }
        }, "the education checklist needs an example with a suspected crime and a transferred problem")
    }

    @Test func anInspectorFillsTheFormWithSkipLogicAPhotoAndSeesViolationsAndReferrals() async throws {
        guard Self.browserPresent() else { return }
        let world = try await World.make()
        defer { world.close() }
        let browser = try await WebDriver(width: 390, height: 844)
        do {
            try await Self.signIn(browser, world.base, world.inspector, "inspector-password")
            let book = world.workspace.rulebook
            let checklistID = try #require(world.task.checklistsJSON.contains("education.school_canteen") ? "education.school_canteen" : nil)
            let c = try #require(book.checklist(checklistID))
            let example = try Self.crimeAndTransferExample(c, book)
            try await browser.open(world.base + world.formPath(world.task, "education"))
            try await browser.wait("the form") { !(try await browser.findAll("form[data-findings-form]")).isEmpty }

            // Skip logic: an item whose relevance reads a yes/no answer hides and shows again.
            let (gate, dependent) = try #require(Self.skipPair(c))
            let dependentBox = try await browser.find("[data-item='\(dependent)']")
            try await browser.click(try await browser.find("input[name='answers.\(gate)'][value='false']"))
            try await browser.wait("\(dependent) hidden") { !(try await browser.displayed(dependentBox)) }
            try await browser.click(try await browser.find("input[name='answers.\(gate)'][value='true']"))
            try await browser.wait("\(dependent) shown again") { try await browser.displayed(dependentBox) }

            // The example's answers.
            for (key, value) in example.answers {
                let name = "answers.\(key.value)"
                switch value.value {
                case .bool(let b): try await browser.click(try await browser.find("input[name='\(name)'][value='\(b)']"))
                default:
                    let text: String
                    if case .string(let s) = value.value { text = s } else { text = value.value.display }
                    let field = try await browser.find("[name='\(name)']")
                    let tag = try await browser.execute("return arguments[0].tagName", [WebDriver.reference(field)]) as? String
                    if tag == "SELECT" {
                        try await browser.execute("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}))",
                                                  [WebDriver.reference(field), text])
                    } else {
                        try await browser.clear(field)
                        try await browser.type(field, text)
                    }
                }
            }
            try await Self.save(browser, world, "form-phone")

            // A lost page loses nothing: the draft kept in the browser comes back on reopening the form.
            let (firstKey, firstValue) = try #require(example.answers.first { if case .bool = $0.value.value { return true }; return false })
            try await browser.open(world.base + world.formPath(world.task, "education"))
            try await browser.wait("the draft restored") {
                try await browser.execute("return document.querySelector(\"input[name='answers.\(firstKey.value)'][value='\(firstValue.value.display)']\").checked") as? Bool == true
            }

            // A photo for the suspected crime, uploaded and shown as a thumbnail.
            let crime = try #require(example.expectViolations.map(\.value).first { id in c.items.first { $0.id == id }?.suspectedCrime == true })
            let photo = world.dir.appendingPathComponent("evidence.png")
            try Self.png.write(to: photo)
            try await browser.execute("document.querySelector(\"[data-item='\(crime)'] details\").open = true")
            try await browser.type(try await browser.find("input[data-evidence-for='\(crime)']"), photo.path)
            try await browser.wait("the thumbnail") { !(try await browser.findAll("[data-thumbs='\(crime)'] img.thumb")).isEmpty }
            #expect((try await browser.findAll("[data-thumbs='\(crime)'] input[name='evidence.\(crime)']")).count == 1)

            try await browser.resize(width: 1280, height: 900)
            try await Self.save(browser, world, "form-desktop")
            try await browser.click(try await browser.find("form[data-findings-form] button[type=submit]"))
            try await browser.wait("the evaluation", seconds: 20) { !(try await browser.findAll("[data-submitted]")).isEmpty }
            try await Self.save(browser, world, "result")

            var violations: Set<String> = []
            for e in try await browser.findAll("[data-violation]") { violations.insert(try await browser.attribute(e, "data-violation") ?? "") }
            var recipients: Set<String> = []
            for e in try await browser.findAll("[data-referral]") { recipients.insert(try await browser.attribute(e, "data-referral") ?? "") }
            #expect(violations == Set(example.expectViolations.map(\.value)))
            let judiciary = try #require(book.routes.first { $0.kind == .judicial }?.to)
            let transferredTo = Set(example.expectViolations.compactMap { v in c.items.first { $0.id == v.value }?.domain }
                .compactMap { domain in book.departments.first { $0.domains.contains(domain) }?.id }).subtracting([c.department])
            #expect(recipients.contains(judiciary))
            #expect(!transferredTo.isEmpty && transferredTo.isSubset(of: recipients), "\(recipients) ⊇ \(transferredTo)")
            // How long the submission took, from the browser's own timing of the result page.
            let timing = try await browser.execute("var n = performance.getEntriesByType('navigation')[0]; return n ? Math.round(n.responseEnd - n.startTime) : -1")
            print("submit → evaluation shown: \(timing ?? "?") ms")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// A yes/no item and an item whose `relevant` reads only it.
    static func skipPair(_ c: Checklist) -> (String, String)? {
        for item in c.items where item.relevant != nil && item.answer != nil {
            let source = item.relevant!.text.trimmingCharacters(in: .whitespaces)
            if let gate = c.items.first(where: { $0.answer == .yesNo && ($0.id == source || "\($0.id) == true" == source) }) {
                return (gate.id, item.id)
            }
        }
        return nil
    }

    /// The smallest valid PNG (1×1, grey).
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
                           0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B,
                           0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x68, 0x00, 0x00, 0x00,
                           0x82, 0x00, 0x81, 0x77, 0xCD, 0x72, 0xB6, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
                           0x42, 0x60, 0x82])
}
