import Compliance
import Foundation
import Messages
import Rulebook
import Store
import Testing
import WorkingDays
@testable import Spotcheck

/// Publishing a checklist through the store: refused unless valid with its
/// examples passing and of the publisher's department; stored with its
/// diff, audited, and in force for the next evaluation on the same store.
@Suite("Checklist publishing")
struct ChecklistPublishingTests {
    static let id = "education.school_canteen"

    func text(_ world: LifecycleWorld) throws -> String {
        try String(contentsOfFile: try #require(world.book.checklist(Self.id)).path, encoding: .utf8)
    }

    @Test("a valid draft is stored with its diff and is in force for the next evaluation")
    func publishAndEvaluate() throws {
        let world = try LifecycleWorld()
        let original = try text(world)
        let draft = original.replacingOccurrences(of: "version: \"2024.1\"", with: "version: \"2024.2\"")
        #expect(draft != original)
        let record = try world.kuancheng.publishChecklist(draft, checklist: Self.id, department: "education", by: "admin (department_admin)")
        #expect(record.revision == 1)
        #expect(record.version == "2024.2")
        #expect(record.diff.contains("-version: \"2024.1\"\n+version: \"2024.2\"\n"), "\(record.diff)")
        #expect(try world.store.auditEntries(jurisdiction: "kuancheng").contains { $0.action == "checklist_version" && $0.actor == "admin (department_admin)" })

        // An office over the same files and store, as the CLI opens it, evaluates on the new version.
        let office = try CountyOffice(workspace: world.workspace.applyingPublished(from: world.store), store: world.store, jurisdiction: "kuancheng")
        let findings = try world.findings(office, plan: LifecycleWorld.canteens, department: "education", checklist: Self.id, on: "2024-05-15")
        let outcome = try office.submit(Array(findings.utf8), path: "f.yaml", receivedOn: LifecycleWorld.day("2024-05-20"), by: "t")
        #expect(outcome.evaluation.checklistVersion == "2024.2")
        #expect(try PublishedChecklists.texts(in: world.store) == ["Checklists/education/school_canteen.yaml": draft])
    }

    @Test("a draft with an error, a failing example, another department's checklist or no change is refused and nothing is stored")
    func refusals() throws {
        let world = try LifecycleWorld()
        let original = try text(world)
        let office = world.kuancheng
        // A misspelt answer type: the diagnostic at its line.
        let lines = original.components(separatedBy: "\n")
        let at = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "answer: yes_no" })
        var broken = lines
        broken[at] = broken[at].replacingOccurrences(of: "yes_no", with: "yes_noo")
        #expect(throws: LifecycleError.self) { try office.publishChecklist(broken.joined(separator: "\n"), checklist: Self.id, department: "education", by: "a") }
        do {
            try office.publishChecklist(broken.joined(separator: "\n"), checklist: Self.id, department: "education", by: "a")
        } catch {
            #expect(error.diagnostics.contains { $0.line == at + 1 }, "\(error.diagnostics.map { $0.formatted(.en) })")
        }
        // An example that no longer holds: an all-pass example now expects a violation it does not get.
        let failing = original.replacingOccurrences(of: "expect_violations: []", with: "expect_violations: [principal_responsibility]")
        #expect(failing != original)
        do {
            try office.publishChecklist(failing, checklist: Self.id, department: "education", by: "a")
            Issue.record("a failing example was published")
        } catch {
            #expect(error.diagnostics.contains { $0.message.en.contains("example") }, "\(error.diagnostics.map { $0.formatted(.en) })")
        }
        // Another department's checklist, and the text in force.
        do {
            try office.publishChecklist(original, checklist: Self.id, department: "fire", by: "a")
            Issue.record("another department published")
        } catch { #expect(error.storeKind == .notAllowed) }
        do {
            try office.publishChecklist(original, checklist: Self.id, department: "education", by: "a")
            Issue.record("an unchanged text was published")
        } catch { #expect(error.storeKind == .conflict) }
        #expect(try world.store.checklistVersions(Self.id).isEmpty)
    }

    @Test("the line diff shows what changed with its context and positions")
    func lineDiff() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n") + "line 11\n"
        let diff = LineDiff.unified(from: old, to: new, name: "f.yaml")
        #expect(diff.hasPrefix("--- f.yaml\n+++ f.yaml\n"))
        #expect(diff.contains("@@ -2,9 +2,10 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n"), "\(diff)")
        #expect(diff.contains("+line 11\n"))
        #expect(LineDiff.unified(from: old, to: old, name: "f.yaml").isEmpty)
    }
}

/// The inspector form's preview: relevance from the checklist's CEL as
/// answers come in, nothing refused while the form is incomplete.
@Suite("Checklist preview")
struct ChecklistPreviewTests {
    @Test("an item whose relevance reads an answer is not applicable when that answer rules it out, and checked again when it does not")
    func skipLogic() throws {
        let (ws, _) = Workspace.load(root: LifecycleWorld.root)
        let workspace = try #require(ws)
        let c = try #require(workspace.rulebook.checklist("education.school_canteen"))
        let place = Place(path: "form", line: 1, column: 1)
        func preview(_ answers: [String: Datum]) throws -> [String: ChecklistPreview.Item] {
            let f = Findings(path: "form", entity: ["id": .string("X"), "name": .string("学校"), "kind": .string("school"), "has_canteen": .bool(true)],
                             entityPlace: place, department: Located("education", place), checklist: Located(c.id, place),
                             inspectedOn: LifecycleWorld.day("2024-05-15"),
                             answers: answers.map { (Located($0.key, place), Located($0.value, place)) })
            let p = try #require(workspace.interpreter.preview(f, language: .zh))
            return Dictionary(uniqueKeysWithValues: p.items.map { ($0.id, $0) })
        }
        #expect(try preview(["orders_external_meals": .bool(false)])["supplier_licensed"]?.status == .notApplicable)
        #expect(try preview(["orders_external_meals": .bool(true)])["supplier_licensed"]?.status == .notChecked)
        let failing = try preview(["orders_external_meals": .bool(true), "supplier_licensed": .bool(false)])["supplier_licensed"]
        #expect(failing?.status == .fail)
        #expect(failing?.needsEvidence == true)
        // An answer of the wrong type is taken as unanswered, not refused.
        #expect(try preview(["orders_external_meals": .string("maybe")])["supplier_licensed"]?.status == .notChecked)
    }
}
