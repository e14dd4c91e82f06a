import Compliance
import Foundation
import Rulebook
import Testing
@testable import Spotcheck

/// Every checklist's `examples:` are its tests (as SwiftLint's rules carry
/// theirs): one test case per example, so `swift test` fails, naming the
/// example, when a checklist change breaks one.
@Suite("Checklist examples")
struct ChecklistExamplesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var checklist: String
        var example: String
        var testDescription: String { "\(checklist): \(example)" }
    }

    static let workspace: Workspace? = Workspace.load(root: LifecycleWorld.root).0

    static let cases: [Case] = (workspace?.rulebook.checklists ?? []).flatMap { c in
        c.examples.map { Case(checklist: c.id, example: $0.name) }
    }

    @Test func everyChecklistHasExamples() throws {
        let book = try #require(Self.workspace).rulebook
        #expect(book.checklists.count >= 6)
        for c in book.checklists {
            #expect(c.examples.count >= 2, "\(c.id) has too few examples")
            #expect(c.examples.contains { $0.expectViolations.isEmpty }, "\(c.id) has no all-pass example")
            #expect(c.examples.contains { !$0.expectViolations.isEmpty }, "\(c.id) has no failing example")
        }
        #expect(Self.cases.count > 20)
    }

    @Test(arguments: cases)
    func example(_ c: Case) throws {
        let ws = try #require(Self.workspace)
        let outcomes = ExampleRunner.run(ws.interpreter).filter { $0.checklist == c.checklist && $0.example == c.example }
        let outcome = try #require(outcomes.first)
        #expect(outcome.passed, "\(outcome.problems.map(\.en))")
    }
}
