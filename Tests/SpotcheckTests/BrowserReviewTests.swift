import Compliance
import Foundation
import Rulebook
import Spotcheck
import Store
import Testing

/// The department administrator's pages in the browser: the checklist
/// editor (a diagnostic at its line while typing, publishing, the next
/// evaluation on the new version) and list confirmation (a rejection and
/// its reason seen by the lead office).
extension BrowserTests {
    static let checklistID = "education.school_canteen"

    /// Sets the editor's text as typing would (an `input` event follows).
    static func setText(_ browser: WebDriver, _ text: String) async throws {
        try await browser.execute("""
            var t = document.querySelector('textarea[name=text]'); t.value = arguments[0];
            t.dispatchEvent(new Event('input', {bubbles: true}));
            """, [text])
    }

    @Test func anAdministratorSeesADiagnosticAtItsLinePublishesAndTheNextEvaluationUsesIt() async throws {
        guard Self.browserPresent() else { return }
        let world = try await World.make()
        defer { world.close() }
        let browser = try await WebDriver()
        do {
            try await Self.signIn(browser, world.base, "edu-admin", "admin-password")
            try await browser.open(world.base + "/department/checklists/\(Self.checklistID)")
            try await browser.wait("the editor") { !(try await browser.findAll("form[data-editor] textarea[name=text]")).isEmpty }
            let original = try #require(try await browser.execute("return document.querySelector('textarea[name=text]').value") as? String)
            let publish = try await browser.find("[data-publish]")
            try await browser.wait("the first validation") { try await browser.enabled(publish) }

            // A misspelt answer type on one line: the diagnostic appears at that line, publishing is off.
            var lines = original.components(separatedBy: "\n")
            let broken = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "answer: yes_no" })
            lines[broken] = lines[broken].replacingOccurrences(of: "yes_no", with: "yes_noo")
            try await Self.setText(browser, lines.joined(separator: "\n"))
            try await browser.wait("the diagnostic at line \(broken + 1)") {
                !(try await browser.findAll("ol[data-diagnostics] li[data-line='\(broken + 1)'][data-severity='error']")).isEmpty
            }
            #expect(!(try await browser.enabled(publish)))
            #expect(!(try await browser.findAll("[data-gutter-line='\(broken + 1)']")).isEmpty)
            let message = try await browser.text(try await browser.find("ol[data-diagnostics] li[data-line='\(broken + 1)']"))
            #expect(message.contains("yes_no"), "\(message)")
            try await Self.save(browser, world, "editor-diagnostic")

            // Fixed, with a new version and a reworded finding: valid, published, in force.
            let c = try #require(world.workspace.rulebook.checklist(Self.checklistID))
            let newVersion = c.version + "-r1"
            let reworded = "食堂有从业人员未取得有效健康证明即上岗（经编辑器修订）"
            let oldFinding = try #require(c.items.first { $0.id == "staff_health_certificates_ok" }?.finding)
            let fixed = original.components(separatedBy: "\n").map { line in
                line.hasPrefix("version:") ? "version: \"\(newVersion)\"" : line.replacingOccurrences(of: "finding: \(oldFinding)", with: "finding: \(reworded)")
            }.joined(separator: "\n")
            #expect(fixed != original)
            try await Self.setText(browser, fixed)
            try await browser.wait("publishing allowed") { try await browser.enabled(publish) }
            #expect((try await browser.findAll("ol[data-diagnostics] li[data-severity='error']")).isEmpty)
            try await browser.click(publish)
            try await browser.wait("the published revision") { !(try await browser.findAll("[data-published]")).isEmpty }
            #expect(try await browser.attribute(try await browser.find("[data-published]"), "data-published") == "1")

            // The inspector's next evaluation, through the API, is on the new version.
            let signIn = try await HTTP.call(world.base, "POST", "/api/v1/session",
                                             json: #"{"id": "\#(world.inspector)", "password": "inspector-password"}"#)
            let token = try #require((try signIn.object())["token"] as? String)
            let example = try Self.crimeAndTransferExample(c, world.workspace.rulebook)
            var answers: [String: Any] = [:]
            for (key, value) in example.answers {
                switch value.value {
                case .bool(let b): answers[key.value] = b
                case .int(let i): answers[key.value] = i
                case .double(let x): answers[key.value] = x
                case .string(let s): answers[key.value] = s
                default: answers[key.value] = value.value.display
                }
            }
            let team = try #require(try JSONSerialization.jsonObject(with: Data(world.task.teamsJSON.utf8)) as? [String: [String]])
            let findings: [String: Any] = [
                "plan": world.task.planID, "task": String(world.task.id.split(separator: "/").last!), "entity": world.task.entityKey,
                "department": "education", "checklist": Self.checklistID, "inspected_on": "2024-05-15",
                "inspectors": team["education"] ?? [], "cooperation": "cooperated", "signature": "signed", "answers": answers,
            ]
            let body = String(decoding: try JSONSerialization.data(withJSONObject: findings), as: UTF8.self)
            let reply = try await HTTP.call(world.base, "POST", "/api/v1/submissions?lang=zh", json: body, token: token)
            #expect(reply.status == 201, "\(reply.text)")
            let evaluation = try reply.object()
            #expect(evaluation["checklist_version"] as? String == newVersion)
            let items = try #require(evaluation["items"] as? [[String: Any]])
            #expect(items.first { $0["id"] as? String == "staff_health_certificates_ok" }?["finding"] as? String == reworded)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test func aRejectedListEntryShowsItsReasonToTheLeadOffice() async throws {
        guard Self.browserPresent() else { return }
        let world = try await World.make()
        defer { world.close() }
        let browser = try await WebDriver(width: 390, height: 844)
        do {
            try await Self.signIn(browser, world.base, "edu-admin", "admin-password")
            try await browser.open(world.base + "/department/confirmations")
            let entry = "li[data-task='\(world.task.id)']"
            try await browser.wait("the list") { !(try await browser.findAll(entry)).isEmpty }
            let reason = "该校食堂已于2024年3月停办，由校外供餐单位供餐"
            try await browser.type(try await browser.find("\(entry) input[name=reason]"), reason)
            try await browser.click(try await browser.find("\(entry) button[value=rejected]"))
            try await browser.wait("the decision") { !(try await browser.findAll("\(entry) [data-decision]")).isEmpty }
            #expect(try await browser.text(try await browser.find("\(entry) [data-decision]")).contains(reason))

            try await Self.signIn(browser, world.base, "lead-k", "lead-office-password")
            try await browser.open(world.base + "/office")
            let rejection = "li[data-rejection='\(world.task.id)']"
            try await browser.wait("the rejection at the lead office") { !(try await browser.findAll(rejection)).isEmpty }
            #expect(try await browser.text(try await browser.find(rejection)).contains(reason))
            try await Self.save(browser, world, "office-rejection")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
