import Directories
import Draw
import Foundation
import Rulebook
@testable import Spotcheck
import Store
import Testing
import WorkingDays

/// A draw reads its directories once, in key order, in their stored form:
/// from a store or from files, the certificate is the same, byte for byte,
/// and it is written as `CertificateJSON` writes it.
@Suite struct DrawFromStoreTests {
    typealias F = PlanDrawFixture

    static func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("draw-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("the certificate drawn from a store is the one drawn from the same CSV files, byte for byte")
    func storeAndFilesAgree() throws {
        let loaded = try F.load(F.schoolPlan)
        let seed = DrawSeed.announced("store-and-files")
        let fromFiles = try PlanDraw.run(PlanDrawRequest(entitiesPath: F.schools, inspectorsPath: F.inspectors, seed: seed),
                                         plan: loaded.plan, in: loaded.workspace)
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The rows arrive out of key order, in two files: the store sorts them out.
        let csv = try F.readCSV(F.schools)
        let half = csv.order.count / 2
        try F.writeCSV(dir.appendingPathComponent("b.csv").path, header: csv.header, rows: Array(csv.order[..<half]).reversed())
        try F.writeCSV(dir.appendingPathComponent("a.csv").path, header: csv.header, rows: Array(csv.order[half...]))
        let store = try Store.open(dir.appendingPathComponent("s.sqlite").path, mode: .create)
        let office = try CountyOffice(workspace: loaded.workspace, store: store, jurisdiction: loaded.plan.jurisdiction)
        let summary = try office.importDirectories(entities: [dir.appendingPathComponent("b.csv").path, dir.appendingPathComponent("a.csv").path],
                                                   inspectors: F.inspectors, by: "test")
        #expect(summary.entities == csv.order.count)
        let fromStore = try office.draw(plan: F.schoolPlan, seed: seed, on: CivilDate(year: 2024, month: 5, day: 6)!, by: "test")
        #expect(fromStore.file == fromFiles.file)
        #expect(try fromStore.file.jsonData() == fromFiles.file.jsonData())
        #expect(fromStore.tasks == fromFiles.tasks)
        #expect(Set(fromStore.entities.keys) == Set(fromFiles.certificate.selected))
        #expect(fromStore.entities.mapValues(\.values) == fromFiles.entities.mapValues(\.values))
        #expect(try store.verifyAudit().ok)
        // The stored rows' digest is the one the list import computes.
        let rows = try store.directoryRows(.entities, jurisdiction: loaded.plan.jurisdiction)
        let imports = try store.directoryImports(.entities, jurisdiction: loaded.plan.jurisdiction)
        #expect(imports.last?.rowCount == rows.count)
    }

    @Test("an id in two entity files of one import refuses it, naming both files; nothing is written")
    func keyInTwoFiles() throws {
        let loaded = try F.load(F.schoolPlan)
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try F.readCSV(F.schools)
        try F.writeCSV(dir.appendingPathComponent("one.csv").path, header: csv.header, rows: Array(csv.order[0..<3]))
        try F.writeCSV(dir.appendingPathComponent("two.csv").path, header: csv.header, rows: [csv.order[5], csv.order[1]])
        let store = try Store.open(dir.appendingPathComponent("s.sqlite").path, mode: .create)
        let office = try CountyOffice(workspace: loaded.workspace, store: store, jurisdiction: loaded.plan.jurisdiction)
        do {
            _ = try office.importDirectories(entities: [dir.appendingPathComponent("one.csv").path, dir.appendingPathComponent("two.csv").path],
                                            inspectors: nil, by: "test")
            Issue.record("the import was accepted")
        } catch {
            #expect(error.diagnostics.map { "\(($0.path as NSString).lastPathComponent):\($0.line)" } == ["two.csv:3"])
            #expect(error.diagnostics.first?.message.en.contains("is also in \(dir.appendingPathComponent("one.csv").path), line 3") == true)
        }
        #expect(try store.directoryImports(.entities, jurisdiction: loaded.plan.jurisdiction).isEmpty)
        #expect(try store.jurisdictions().isEmpty)
    }

    @Test("certificate.json is the bytes CertificateJSON writes, row digests included")
    func certificateBytes() throws {
        let loaded = try F.load(F.halalPlan)
        let outcome = try PlanDraw.run(PlanDrawRequest(entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors, seed: .announced("bytes")),
                                       plan: loaded.plan, in: loaded.workspace)
        #expect(try outcome.file.jsonData() == CertificateJSON.encode(outcome.file))
        // Digests that are not 16 hex digits, keys that need escaping, and an empty directory read back and write alike.
        var edited = outcome.file
        var digests = edited.directories["entities"]!.rowDigests
        digests["a\"quoted\\key\n"] = "not hex"
        digests[try #require(digests.keys.sorted().last)] = "ABCDEF0123456789"
        edited.directories["entities"]!.rowDigests = digests
        edited.directories["inspectors"]!.rowDigests = [:]
        let bytes = try edited.jsonData()
        #expect(bytes == (try CertificateJSON.encode(edited)))
        #expect(try DrawCertificateFile.decode(from: bytes) == edited)
    }

    @Test("a fingerprint built row by row is the canonical text's hash and each line's digest")
    func fingerprintAsDefined() throws {
        let loaded = try F.load(F.halalPlan)
        let schema = try #require(loaded.workspace.rulebook.entitySchema)
        let rows = try DirectoryImporter(schema: schema).importFile(atPath: F.foodBusinesses).rows
        let print = DirectoryFingerprint(rows: rows, schema: schema)
        let text = DirectoryFingerprint.canonicalText(rows: rows, schema: schema)
        #expect(print.sha256 == sha256Hex(Data(text.utf8)))
        #expect(print.rows == rows.count)
        for row in rows.prefix(20) {
            let line = DirectoryFingerprint.canonicalLine(row, schema: schema)
            #expect(print.rowDigests[row.key] == String(sha256Hex(Data(line.utf8)).prefix(16)))
        }
        var changed = print
        changed.rowDigests[rows[3].key] = "0000000000000000"
        changed.rowDigests["new"] = "1111111111111111"
        changed.rowDigests[rows[5].key] = nil
        let changes = print.rowChanges(to: changed)
        #expect(changes.changed == [rows[3].key] && changes.added == ["new"] && changes.removed == [rows[5].key])
    }
}
