import Directories
import Foundation
@testable import Spotcheck
import Testing

/// A large directory file is read in one part per core
/// (`MemoryDirectory.inParts`): the rows and their lines are those of one
/// reader, and anything a part cannot vouch for sends the file back to
/// one reader.
@Suite struct PartedLoadTests {
    typealias F = PlanDrawFixture

    static func schema() throws -> DirectorySchema {
        try #require(try F.load(F.halalPlan).workspace.rulebook.entitySchema)
    }

    static func rows(_ d: MemoryDirectory) -> [String] {
        var out: [String] = []
        d.forEachRow { key, json, line in
            out.append("\(line) \(String(decoding: key, as: UTF8.self)) \(String(decoding: json, as: UTF8.self))")
        }
        return out
    }

    /// The file read in `workers` parts, or nil; and read whole.
    static func read(_ text: String, workers: Int) throws -> (parts: MemoryDirectory?, whole: MemoryDirectory) {
        let dir = try F.temporaryDirectory("parted")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/entities.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let importer = DirectoryImporter(schema: try schema())
        guard case .source(let source) = try DirectorySource.open(path, limits: importer.limits) else { throw F.Failure("not opened") }
        return (MemoryDirectory.inParts(source, importer: importer, workers: workers), MemoryDirectory.load(path, schema: try schema(), workers: 1))
    }

    static func sample(lineEnd: String = "\n") throws -> String {
        try String(contentsOfFile: F.foodBusinesses, encoding: .utf8).replacingOccurrences(of: "\n", with: lineEnd)
    }

    @Test("read in 2, 3 or 5 parts, LF or CRLF: the rows and lines of one reader", arguments: [2, 3, 5], ["\n", "\r\n"])
    func sameRows(_ workers: Int, _ lineEnd: String) throws {
        let (parts, whole) = try Self.read(try Self.sample(lineEnd: lineEnd), workers: workers)
        let read = try #require(parts)
        #expect(read.diagnostics.isEmpty && whole.diagnostics.isEmpty)
        #expect(read.count == whole.count && read.count == 3_000)
        #expect(Self.rows(read) == Self.rows(whole))
    }

    @Test("a cut inside a quoted cell of many lines: read whole")
    func cutInsideQuotes() throws {
        var lines = try Self.sample().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A middle row's address becomes a quoted cell of 40,000 lines: the cut in two falls inside it.
        var cells = lines[1_400].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[5] = "\"" + Array(repeating: "楼", count: 40_000).joined(separator: "\n") + "\""
        lines[1_400] = cells.joined(separator: ",")
        let (parts, whole) = try Self.read(lines.joined(separator: "\n"), workers: 2)
        #expect(parts == nil)
        #expect(whole.diagnostics.isEmpty && whole.count == 3_000)
    }

    @Test("a key in two parts, or a bad row: read whole, so the problem is reported as one reader finds it")
    func problemsReadWhole() throws {
        var lines = try Self.sample().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = lines.lastIndex { !$0.isEmpty }!
        let firstKey = lines[1].prefix { $0 != "," }
        lines[last] = String(firstKey) + String(lines[last].drop { $0 != "," })
        let (repeated, whole) = try Self.read(lines.joined(separator: "\n"), workers: 2)
        #expect(repeated == nil)
        #expect(whole.diagnostics.map(\.line) == [last + 1])
        var broken = try Self.sample().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        broken[2_500] += ",one cell too many"
        let (bad, wholeBad) = try Self.read(broken.joined(separator: "\n"), workers: 2)
        #expect(bad == nil)
        #expect(wholeBad.diagnostics.map(\.line) == [2_501])
    }
}
