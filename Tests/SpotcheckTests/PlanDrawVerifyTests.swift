import Foundation
import Rulebook
@testable import Spotcheck
import Testing

// `draw verify`: an untouched certificate passes; an edited directory row,
// a changed seed or a changed plan fails, and the difference is named.

@Suite("Draw certificate verification")
struct PlanDrawVerifyTests {
    typealias F = PlanDrawFixture

    /// Draws the halal plan and returns the certificate as read back from its JSON.
    static func published(_ loaded: F.Loaded, seed: DrawSeed = .numbers([["7", "13", "21"], ["5"]]),
                          entities: String = F.foodBusinesses) throws -> DrawCertificateFile {
        let outcome = try PlanDraw.run(PlanDrawRequest(entitiesPath: entities, inspectorsPath: F.inspectors, seed: seed),
                                       plan: loaded.plan, in: loaded.workspace)
        return try DrawCertificateFile.decode(from: outcome.file.jsonData())
    }

    @Test("an untouched certificate verifies, for many seeds")
    func untouchedPasses() throws {
        let loaded = try F.load(F.halalPlan)
        for seed in F.seeds(6) {
            let file = try Self.published(loaded, seed: seed)
            let result = DrawCertificateVerifier.verify(file, plan: loaded.plan, in: loaded.workspace,
                                                        entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors)
            #expect(result.ok, "\(result.texts(.en))")
            let announced = DrawCertificateVerifier.verify(file, plan: loaded.plan, in: loaded.workspace,
                                                           entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors,
                                                           announcedSeed: seed)
            #expect(announced.ok)
        }
    }

    @Test("editing one entity row fails verification and names the directory and the row", arguments: [2, 17, 400, 1999, 2998])
    func editedEntityRowIsNamed(rowIndex: Int) throws {
        let loaded = try F.load(F.halalPlan)
        let file = try Self.published(loaded)
        let csv = try F.readCSV(F.foodBusinesses)
        var rows = csv.order
        let column = try #require(csv.header.firstIndex(of: "address"))
        rows[rowIndex][column] += "（已迁址）"
        let dir = try F.temporaryDirectory("verify-row")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let edited = dir + "/food_businesses.csv"
        try F.writeCSV(edited, header: csv.header, rows: rows)
        let result = DrawCertificateVerifier.verify(file, plan: loaded.plan, in: loaded.workspace,
                                                    entitiesPath: edited, inspectorsPath: F.inspectors)
        #expect(!result.ok)
        let key = csv.rows[rowIndex]["id"]!
        let named = result.texts(.en).filter { $0.contains("row '\(key)'") }
        #expect(named.count == 1, "\(result.texts(.en))")
        #expect(named.first?.contains("entities directory") == true)
        #expect(named.first?.contains("\(edited):\(rowIndex + 2)") == true)
        #expect(result.texts(.zh).contains { $0.contains("检查对象名录库") && $0.contains(key) })
        // No other row is blamed.
        #expect(result.texts(.en).filter { $0.contains("row '") }.count == 1)
    }

    @Test("a row edit that changes the draw is named along with what the re-run selects differently")
    func editedRowChangingTheDraw() throws {
        let loaded = try F.load(F.halalPlan)
        let file = try Self.published(loaded)
        let drawnInD = try #require(file.certificate.sample.strata.first { $0.name == "D" }?.selected.first)
        let csv = try F.readCSV(F.foodBusinesses)
        let index = try #require(csv.rows.firstIndex { $0["id"] == drawnInD })
        var rows = csv.order
        rows[index][try #require(csv.header.firstIndex(of: "credit_grade"))] = "A"
        let dir = try F.temporaryDirectory("verify-grade")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.writeCSV(dir + "/e.csv", header: csv.header, rows: rows)
        let result = DrawCertificateVerifier.verify(file, plan: loaded.plan, in: loaded.workspace,
                                                    entitiesPath: dir + "/e.csv", inspectorsPath: F.inspectors)
        let texts = result.texts(.en)
        #expect(texts.contains { $0.contains("row '\(drawnInD)'") && $0.contains("was changed") }, "\(texts)")
        #expect(texts.contains { $0.contains("sample.strata[D].population") }, "\(texts)")
        #expect(texts.contains { $0.contains("sample.strata[A].population") }, "\(texts)")
    }

    @Test("editing, adding or removing an inspector row is named")
    func inspectorRowChanges() throws {
        let loaded = try F.load(F.halalPlan)
        let file = try Self.published(loaded)
        let csv = try F.readCSV(F.inspectors)
        var rows = csv.order
        let certColumn = try #require(csv.header.firstIndex(of: "cert_no"))
        rows[3][certColumn] = "99999999999"
        let removed = rows.remove(at: 10)
        var added = rows[0]
        added[0] = "Z-999"
        rows.append(added)
        let dir = try F.temporaryDirectory("verify-inspectors")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.writeCSV(dir + "/i.csv", header: csv.header, rows: rows)
        let result = DrawCertificateVerifier.verify(file, plan: loaded.plan, in: loaded.workspace,
                                                    entitiesPath: F.foodBusinesses, inspectorsPath: dir + "/i.csv")
        let texts = result.texts(.en)
        #expect(texts.contains { $0.contains("inspectors directory: row '\(csv.order[3][0])'") && $0.contains("was changed") }, "\(texts)")
        #expect(texts.contains { $0.contains("row '\(removed[0])'") && $0.contains("missing") }, "\(texts)")
        #expect(texts.contains { $0.contains("row 'Z-999'") && $0.contains("was not there") }, "\(texts)")
    }

    @Test("a changed seed fails verification and says so")
    func changedSeed() throws {
        let loaded = try F.load(F.halalPlan)
        var file = try Self.published(loaded, seed: .numbers([["7", "13", "21"], ["5"]]))
        // The certificate's seed altered after the draw (the key left as it was).
        file.certificate.seed = .numbers([["7", "13", "22"], ["5"]])
        let result = DrawCertificateVerifier.verify(file, plan: loaded.plan, in: loaded.workspace,
                                                    entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors)
        #expect(!result.ok)
        #expect(result.texts(.en).first?.hasPrefix("seed:") == true, "\(result.texts(.en))")
        #expect(result.texts(.zh).first?.hasPrefix("随机种子") == true)
        #expect(result.texts(.en).contains { $0.contains("selected") })

        // A consistent certificate checked against a different announced seed.
        let honest = try Self.published(loaded)
        let announced = DrawCertificateVerifier.verify(honest, plan: loaded.plan, in: loaded.workspace,
                                                       entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors,
                                                       announcedSeed: .announced("something else"))
        #expect(announced.texts(.en) == ["seed: the certificate says numbers 7 13 21 | 5, the announced seed is announced \"something else\""])
    }

    @Test("a changed plan file fails verification and is named")
    func changedPlan() throws {
        let loaded = try F.load(F.halalPlan)
        let file = try Self.published(loaded)
        let text = try String(contentsOfFile: loaded.plan.path, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "D: 0.30", with: "D: 0.50")
        #expect(changed != text)
        let dir = try F.temporaryDirectory("verify-plan")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/plan.yaml"
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        let (ws, plan, diagnostics) = PlanDraw.loadWorkspace(root: F.root, plan: path)
        let workspace = try #require(ws, "\(diagnostics)")
        let newPlan = try #require(plan)
        let result = DrawCertificateVerifier.verify(file, plan: newPlan, in: workspace,
                                                    entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors)
        let texts = result.texts(.en)
        #expect(texts.contains { $0.hasPrefix("certificate field hashes.plan: the certificate says") }, "\(texts)")
        #expect(texts.contains { $0.contains("sample.strata[D].rate: the certificate says 0.3, re-running gives 0.5") }, "\(texts)")
        // The plan file unchanged but copied elsewhere verifies.
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (ws2, plan2, _) = PlanDraw.loadWorkspace(root: F.root, plan: path)
        let same = DrawCertificateVerifier.verify(file, plan: try #require(plan2), in: try #require(ws2),
                                                  entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors)
        #expect(same.ok, "\(same.texts(.en))")
    }

    @Test("spotcheck draw and draw verify end to end: exit 0, 1 naming the row, 2 for wrong usage")
    func commandLine() throws {
        let dir = try F.temporaryDirectory("cli")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        let draw = try CLIRunner.run(["draw", F.halalPlan, "--root", F.root, "--entities", F.foodBusinesses,
                                      "--inspectors", F.inspectors, "--seed-numbers", "1 2 3", "--seed-numbers", "42", "--out", out])
        #expect(draw.status == 0, "\(draw)")
        #expect(draw.stdout.contains("差 "), "\(draw)")
        let certificate = out + "/certificate.json"
        #expect(FileManager.default.fileExists(atPath: certificate))
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))
        #expect(FileManager.default.fileExists(atPath: out + "/tasks/T-0001/form.html"))

        let ok = try CLIRunner.run(["draw", "verify", certificate, "--root", F.root, "--entities", F.foodBusinesses, "--inspectors", F.inspectors])
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout.hasPrefix("OK"), "\(ok)")

        let csv = try F.readCSV(F.foodBusinesses)
        var rows = csv.order
        rows[41][try #require(csv.header.firstIndex(of: "phone"))] = "13000000000"
        try F.writeCSV(dir + "/e.csv", header: csv.header, rows: rows)
        let bad = try CLIRunner.run(["draw", "verify", certificate, "--root", F.root, "--entities", dir + "/e.csv",
                                     "--inspectors", F.inspectors, "--lang", "en"])
        #expect(bad.status == 1, "\(bad)")
        #expect(bad.stdout.contains("row '\(csv.rows[41]["id"]!)'"), "\(bad)")

        let seed = try CLIRunner.run(["draw", "verify", certificate, "--root", F.root, "--entities", F.foodBusinesses,
                                      "--inspectors", F.inspectors, "--seed-numbers", "1 2 3", "--seed-numbers", "43"])
        #expect(seed.status == 1, "\(seed)")
        #expect(seed.stdout.contains("随机种子"), "\(seed)")

        for usage in [["draw", F.halalPlan, "--entities", F.foodBusinesses, "--inspectors", F.inspectors],
                      ["draw", F.halalPlan, "--entities", F.foodBusinesses, "--inspectors", F.inspectors, "--seed-string", "a", "--seed-numbers", "1"],
                      ["draw", F.halalPlan, "--inspectors", F.inspectors, "--seed-string", "a"],
                      ["draw", F.halalPlan, "--entities", dir + "/missing.csv", "--inspectors", F.inspectors, "--seed-string", "a"],
                      ["draw", "verify", "--entities", F.foodBusinesses, "--inspectors", F.inspectors],
                      ["draw", "verify", dir + "/missing.json", "--entities", F.foodBusinesses, "--inspectors", F.inspectors]] {
            let result = try CLIRunner.run(usage + ["--root", F.root])
            #expect(result.status == 2, "\(usage): \(result)")
        }
    }
}
