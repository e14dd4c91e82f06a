import Directories
import Foundation
import Testing

/// The bundled sample directories (`Rules/samples/*.csv`) import cleanly
/// against the columns of docs/rule-files.md, and import stays fast at scale.
@Suite struct SampleFilesTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules/samples/kuancheng")

    static let entities = try! DirectorySchema(key: "id", columns: [
        .init(name: "id", required: true), .init(name: "name", required: true),
        .init(name: "kind", required: true), .init(name: "category"), .init(name: "town"),
        .init(name: "address"), .init(name: "legal_rep", personal: true), .init(name: "phone", personal: true),
        .init(name: "status", required: true), .init(name: "registered_on", type: .date),
        .init(name: "has_canteen", type: .bool), .init(name: "boarding", type: .bool),
        .init(name: "students", type: .int), .init(name: "water_supply"),
        .init(name: "halal", type: .bool), .init(name: "credit_grade"),
    ])

    static let inspectors = try! DirectorySchema(key: "id", columns: [
        .init(name: "id"), .init(name: "name", required: true, personal: true),
        .init(name: "department", required: true), .init(name: "cert_no"),
        .init(name: "active", type: .bool, required: true), .init(name: "avoid", type: .list),
        .init(name: "specialties", type: .list), .init(name: "phone", personal: true),
    ])

    func load(_ name: String, _ schema: DirectorySchema) throws -> DirectoryImport {
        try DirectoryImporter(schema: schema).importFile(atPath: Self.samples.appendingPathComponent(name).path)
    }

    @Test func schoolsImportCleanly() throws {
        let r = try load("schools.csv", Self.entities)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.prefix(3))")
        #expect((250...350).contains(r.rows.count))
        #expect(r.rows.allSatisfy { $0["kind"] == .string("school") || $0["kind"] == .string("kindergarten") })
        let canteens = r.rows.filter { $0["has_canteen"] == .bool(true) }.count
        #expect(Double(canteens) / Double(r.rows.count) > 0.6)
    }

    @Test func foodBusinessesImportCleanly() throws {
        let r = try load("food_businesses.csv", Self.entities)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.prefix(3))")
        #expect(r.rows.count == 3000)
        let halal = r.rows.filter { $0["halal"] == .bool(true) }.count
        #expect((240...300).contains(halal))
        #expect(r.rows.allSatisfy { $0["students"] == nil && $0["has_canteen"] == nil })
    }

    @Test func inspectorsImportCleanlyAndAvoidNamesRealEntities() throws {
        let r = try load("inspectors.csv", Self.inspectors)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.prefix(3))")
        let entityIDs = try Set(load("schools.csv", Self.entities).rows.map(\.key)
                                + load("food_businesses.csv", Self.entities).rows.map(\.key))
        let avoided = r.rows.flatMap { $0["avoid"]?.listValue ?? [] }
        #expect(!avoided.isEmpty)
        #expect(avoided.allSatisfy(entityIDs.contains))
        for prefix in ["E-", "M-", "H-", "F-", "R-"] {
            let count = r.rows.filter { $0.key.hasPrefix(prefix) }.count
            #expect((12...30).contains(count), "\(prefix)")
        }
    }

    @Test func unreadableFileThrows() {
        #expect(throws: DirectoryReadError.self) {
            try DirectoryImporter(schema: Self.entities).importFile(atPath: "/nonexistent/x.csv")
        }
    }

    /// 100,000 rows, each a sample row with a fresh key: all accepted.
    @Test func hundredThousandRows() throws {
        let text = try String(contentsOf: Self.samples.appendingPathComponent("food_businesses.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst()
        var big = String(header) + "\n"
        big.reserveCapacity(text.utf8.count * 34)
        for i in 0..<100_000 {
            let line = lines[i % lines.count]
            big += "K\(i)" + line[line.firstIndex(of: ",")!...] + "\n"
        }
        let clock = ContinuousClock()
        var result: DirectoryImport?
        let elapsed = clock.measure {
            result = DirectoryImporter(schema: Self.entities).importCSV(Array(big.utf8), path: "big.csv")
        }
        #expect(result?.rows.count == 100_000)
        #expect(result?.diagnostics.isEmpty == true)
        print("imported 100000 rows in \(elapsed)")
    }
}
