import Compliance
import Foundation
import Messages
import Testing
@testable import Compliance
@testable import Spotcheck

/// The evaluation document a submission stores is written by `JSONWriter`
/// and read back by `Codable` (reports, disclosures, the office's pages):
/// the two must agree on every member, for every kind of item and value.
@Suite("Stored evaluation documents")
struct StoredDocumentTests {
    static let workspace: Workspace? = Workspace.load(root: LifecycleWorld.root).0

    /// Every checklist example's evaluation, as stored (Chinese with the English of published texts).
    static func storedDocuments() throws -> [EvaluationDocument] {
        let ws = try #require(workspace)
        var documents: [EvaluationDocument] = []
        for c in ws.rulebook.checklists {
            for ex in c.examples {
                var d = Diagnostics()
                let e = try #require(ws.interpreter.evaluate(ExampleRunner.findings(of: ex, in: c), diagnostics: &d), "\(c.id): \(ex.name)")
                documents.append(EvaluationDocument(e, rulebook: ws.rulebook, language: .zh, forStore: true))
            }
        }
        return documents
    }

    @Test func everyExampleDocumentReadsBackEqual() throws {
        let documents = try Self.storedDocuments()
        #expect(documents.count > 20)
        // The examples reach the members that are only sometimes written.
        #expect(documents.contains { $0.items.contains { $0.findingEN != nil } })
        #expect(documents.contains { $0.items.contains { $0.explain != nil } })
        #expect(documents.contains { !$0.referrals.isEmpty })
        for document in documents {
            let text = DocumentJSON.encode(document)
            let back = try #require(DocumentJSON.decode(text), "\(document.checklist): unreadable \(text.prefix(200))")
            #expect(back == document, "\(document.checklist): \(text.prefix(300))")
        }
    }

    @Test func aStoredDocumentWithoutEnglishIsTheChineseDocument() throws {
        let ws = try #require(Self.workspace)
        var checked = 0
        for c in ws.rulebook.checklists {
            for ex in c.examples {
                var d = Diagnostics()
                let e = try #require(ws.interpreter.evaluate(ExampleRunner.findings(of: ex, in: c), diagnostics: &d))
                let stored = EvaluationDocument(e, rulebook: ws.rulebook, language: .zh, forStore: true)
                #expect(stored.withoutEnglish == EvaluationDocument(e, rulebook: ws.rulebook, language: .zh), "\(c.id): \(ex.name)")
                if stored.items.contains(where: { $0.findingEN != nil }) { checked += 1 }
            }
        }
        #expect(checked > 5)
    }

    @Test func documentIsCompactAndInSpecOrder() throws {
        let document = try #require(try Self.storedDocuments().first { !$0.violations.isEmpty })
        let text = DocumentJSON.encode(document)
        #expect(!text.contains("\n"))
        let order = ["\"entity\":", "\"checklist\":", "\"items\":", "\"violations\":", "\"result\":", "\"referrals\":"]
        let places = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(places.count == order.count)
        #expect(places == places.sorted())
    }
}
