import Foundation
import Rulebook
@testable import Spotcheck
import Testing

/// `draw verify` checks every field of a certificate, not only those a
/// re-run happens to print: an edit of any of them is a difference naming
/// it; and it never opens a path a certificate names.
@Suite("Certificate tampering")
struct CertificateTamperTests {
    typealias F = PlanDrawFixture

    /// The certificate's JSON with one value replaced at `path` (keys separated by dots).
    static func edited(_ file: DrawCertificateFile, _ path: [String], _ value: Any) throws -> DrawCertificateFile {
        var root = try #require(try JSONSerialization.jsonObject(with: file.jsonData()) as? [String: Any])
        func set(_ object: inout [String: Any], _ keys: ArraySlice<String>) {
            guard let key = keys.first else { return }
            if keys.count == 1 { object[key] = value; return }
            var inner = object[key] as? [String: Any] ?? [:]
            set(&inner, keys.dropFirst())
            object[key] = inner
        }
        set(&root, path[...])
        return try DrawCertificateFile.decode(from: JSONSerialization.data(withJSONObject: root))
    }

    @Test func everyEditedFieldFailsVerificationAndIsNamed() throws {
        let loaded = try F.load(F.halalPlan)
        let file = try PlanDrawVerifyTests.published(loaded)
        let someKey = try #require(file.directories["entities"]?.rowDigests.keys.sorted().first)
        let cases: [([String], Any, String)] = [
            (["hashes", "entities"], String(repeating: "a", count: 64), "hashes.entities"),
            (["hashes", "inspectors"], String(repeating: "b", count: 64), "hashes.inspectors"),
            (["directories", "entities", "row_digests", someKey], "0000000000000000", "entities directory"),
            (["directories", "entities", "rows"], 7, "row count"),
            (["sample", "achieved_rate"], 0.5, "sample.achieved_rate"),
            (["metadata", "plan_title"], "另一个计划", "metadata.plan_title"),
        ]
        for (path, value, named) in cases {
            let tampered = try Self.edited(file, path, value)
            let result = DrawCertificateVerifier.verify(tampered, plan: loaded.plan, in: loaded.workspace,
                                                        entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors)
            #expect(!result.ok, "\(path) edited, yet verified")
            #expect(result.texts(.en).contains { $0.contains(named) }, "\(path): \(result.texts(.en))")
            #expect(result.texts(.zh).allSatisfy { !$0.contains("the certificate") }, "\(result.texts(.zh))")
        }
    }

    @Test func aPathInTheCertificateIsNeverOpened() throws {
        let loaded = try F.load(F.halalPlan)
        let dir = try F.temporaryDirectory("tamper-path")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A plan file the certificate points to, outside the rule files: it must not be read.
        let bait = dir + "/bait.yaml"
        try "plan: bait\nsecret_key: do-not-print\n".write(toFile: bait, atomically: true, encoding: .utf8)
        let file = try Self.edited(try PlanDrawVerifyTests.published(loaded), ["metadata", "plan"], bait)
        try file.jsonData().write(to: URL(fileURLWithPath: dir + "/certificate.json"))
        let r = try CLIRunner.run(["draw", "verify", dir + "/certificate.json", "--root", F.root,
                                   "--entities", F.foodBusinesses, "--inspectors", F.inspectors])
        #expect(r.status == 1, "\(r)")
        #expect(!r.stdout.contains("secret_key") && !r.stderr.contains("secret_key"), "\(r)")
        #expect(r.stderr.contains("--plan"), "\(r)")
        // A certificate that is not valid JSON is invalid input (1), a missing one a usage error (2).
        try "{".write(toFile: dir + "/broken.json", atomically: true, encoding: .utf8)
        let broken = try CLIRunner.run(["draw", "verify", dir + "/broken.json", "--root", F.root,
                                        "--entities", F.foodBusinesses, "--inspectors", F.inspectors])
        #expect(broken.status == 1, "\(broken)")
    }
}
