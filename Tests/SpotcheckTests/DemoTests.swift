import Foundation
import Testing
@testable import Spotcheck

/// `spotcheck demo` end to end, twice: same seed, same draw, in two folders.
@Suite("Demo", .serialized)
struct DemoTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func twoRunsDrawTheSameInSeparateFolders() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
        var first = Demo(root: Self.root, out: base + "/a")
        first.log = { _ in }
        var second = Demo(root: Self.root, out: base + "/b")
        second.log = { _ in }
        let a = try first.run()
        let b = try second.run()
        #expect(a.draws.count == 3)
        #expect(a.draws.map(\.plan) == b.draws.map(\.plan))
        #expect(a.draws.map(\.key) == b.draws.map(\.key))
        #expect(a.draws.map(\.selected) == b.draws.map(\.selected))
        #expect(a.draws.allSatisfy { !$0.selected.isEmpty })
        // The certificates are byte for byte the same.
        for d in a.draws {
            let ca = try Data(contentsOf: URL(fileURLWithPath: base + "/a/plans/\(d.plan)/certificate.json"))
            let cb = try Data(contentsOf: URL(fileURLWithPath: base + "/b/plans/\(d.plan)/certificate.json"))
            #expect(ca == cb)
        }
        // The pages were written and the audit chain holds.
        for page in ["index.html", "disclosure/index.html", "disclosure/disclosure.csv", "report/2024.html"] {
            #expect(FileManager.default.fileExists(atPath: base + "/a/" + page), "\(page)")
        }
        #expect(a.auditOK && b.auditOK)
        #expect(a.submissions > 100)
        #expect(a.refused == 3)
        #expect(a.resubmissions == 3)
        #expect(a.disclosed > 0)
        // A fresh folder is required: running into a used one is refused.
        var again = Demo(root: Self.root, out: base + "/a")
        again.log = { _ in }
        #expect(throws: LifecycleError.self) { try again.run() }
    }
}
