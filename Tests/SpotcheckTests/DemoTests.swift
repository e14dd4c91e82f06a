import Disclosure
import Foundation
import Rulebook
import Testing
@testable import Spotcheck

/// `spotcheck demo` end to end, twice: same seeds, same draws, in two
/// folders; what it publishes is right.
@Suite("Demo", .serialized)
struct DemoTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func twoRunsDrawTheSameInSeparateFoldersAndPublishRightly() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
        var first = Demo(root: Self.root, out: base + "/a")
        first.log = { _ in }
        var second = Demo(root: Self.root, out: base + "/b")
        second.log = { _ in }
        let a = try first.run()
        let b = try second.run()
        // Two counties, three plans.
        #expect(a.draws.map(\.jurisdiction) == ["changli", "kuancheng", "kuancheng"])
        #expect(a.draws.map(\.plan) == b.draws.map(\.plan))
        #expect(a.draws.map(\.key) == b.draws.map(\.key))
        #expect(a.draws.map(\.selected) == b.draws.map(\.selected))
        #expect(a.draws.allSatisfy { !$0.selected.isEmpty })
        for d in a.draws {
            let ca = try Data(contentsOf: URL(fileURLWithPath: base + "/a/\(d.jurisdiction)/plans/\(d.plan)/certificate.json"))
            let cb = try Data(contentsOf: URL(fileURLWithPath: base + "/b/\(d.jurisdiction)/plans/\(d.plan)/certificate.json"))
            #expect(ca == cb)
        }
        for page in ["index.html", "kuancheng/disclosure/index.html", "kuancheng/disclosure/disclosure.csv", "kuancheng/report/2024.html",
                     "changli/disclosure/disclosure.json", "changli/report/2023.html"] {
            #expect(FileManager.default.fileExists(atPath: base + "/a/" + page), "\(page)")
        }
        #expect(a.auditOK && b.auditOK)
        #expect(a.heads.map(\.jurisdiction) == ["changli", "kuancheng"])
        #expect(a.submissions > 100)
        #expect(a.refused == 3)
        #expect(a.resubmissions == 3)
        #expect(a.rejectedEntries >= 2)
        #expect(a.disclosed > 0)
        #expect(a.handled > 0)

        // Every published record: its result is the department result of highest rank,
        // and each department's own result is listed.
        let (ws, _) = Workspace.load(root: Self.root)
        let book = try #require(ws).rulebook
        var joint = 0
        for county in ["kuancheng", "changli"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: base + "/a/\(county)/disclosure/disclosure.json"))
            let records = try JSONDecoder().decode([PublicationRecord].self, from: data)
            #expect(!records.isEmpty)
            for r in records {
                let ranks = r.departmentResults.compactMap { book.result($0.resultCode)?.rank }
                #expect(ranks.count == r.departmentResults.count && !ranks.isEmpty)
                #expect(book.result(r.resultCode)?.rank == ranks.max(), "\(r.creditCode): \(r.resultCode)")
                #expect(book.result(r.resultCode)?.tone.rawValue == r.resultTone)
                if r.departmentResults.count > 1 { joint += 1 }
                for f in r.findings {
                    #expect(!f.hasSuffix("不符合要求"), "\(f)")
                    #expect(!f.contains("：未发现"), "a finding reads as a requirement: \(f)")
                }
                #expect(r.auditSeq != nil && r.auditHash?.count == 64)
            }
        }
        #expect(joint > 10)
        // A fresh folder is required: running into a used one is refused.
        var again = Demo(root: Self.root, out: base + "/a")
        again.log = { _ in }
        #expect(throws: LifecycleError.self) { try again.run() }
    }
}
