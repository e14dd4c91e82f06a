import Directories
import Foundation
import Testing

/// The importer's streaming side: rows handed over as they are read, keys
/// remembered compactly across the files of one import, file pages
/// released behind the reader.
@Suite struct StreamingImportTests {
    static let schema = StrictDirectoryTests.schema

    @Test func theKeyIndexFindsEveryRepeatAndWhereItWasFirstSeen() {
        let index = DirectoryKeyIndex(expected: 2)
        index.beginSource(path: "a.csv")
        // Far more keys than the initial table: it grows and keeps them all.
        for n in 0..<5_000 { #expect(index.insert("91130000\(n)", line: n + 2) == nil) }
        #expect(index.insert("", line: 9_000) == nil)
        #expect(index.count == 5_001)
        #expect(index.insert("911300004321", line: 9_001) == DirectoryKeyIndex.FirstSeen(source: 0, line: 4_323))
        #expect(index.insert("", line: 9_002) == DirectoryKeyIndex.FirstSeen(source: 0, line: 9_000))
        #expect(index.beginSource(path: "b.csv") == 1)
        #expect(index.insert("B-1", line: 2) == nil)
        #expect(index.insert("B-1", line: 3) == DirectoryKeyIndex.FirstSeen(source: 1, line: 2))
        #expect(index.insert("911300000", line: 4) == DirectoryKeyIndex.FirstSeen(source: 0, line: 2))
        #expect(index.path(of: 1) == "b.csv" && index.count == 5_002)
    }

    @Test func scanningHandsOverTheRowsTheListImportReturns() {
        let text = "id,name,students\nK3,丙,3\nK1,甲,x\nK2,乙,2\nK1,again,4\n"
        let whole = DirectoryImporter(schema: Self.schema).importCSV(Array(text.utf8), path: "t.csv")
        var streamed: [DirectoryRow] = []
        let scan = Array(text.utf8).withUnsafeBufferPointer { bytes in
            DirectoryImporter(schema: Self.schema).scan(bytes, path: "t.csv", keys: DirectoryKeyIndex()) { streamed.append($0) }
        }
        #expect(streamed == whole.rows)
        #expect(streamed.map(\.key) == ["K3", "K2"])
        #expect(scan.diagnostics == whole.diagnostics)
        #expect(scan.rowCount == 2 && scan.rejectedRowCount == whole.rejectedRowCount && scan.hasErrors)
        // Rows stop flowing at the first error when the caller will refuse the file anyway; every problem is still reported.
        var untilError: [String] = []
        let strict = Array(text.utf8).withUnsafeBufferPointer { bytes in
            DirectoryImporter(schema: Self.schema).scan(bytes, path: "t.csv", keys: DirectoryKeyIndex(), rowsAfterErrors: false) {
                untilError.append($0.key)
            }
        }
        #expect(untilError == ["K3"])
        #expect(strict.diagnostics == whole.diagnostics)
    }

    @Test func aKeyInAnEarlierFileOfTheImportIsAnErrorNamingThatFile() {
        let keys = DirectoryKeyIndex()
        let importer = DirectoryImporter(schema: Self.schema)
        _ = Array("id,name\nA,甲\nB,乙\n".utf8).withUnsafeBufferPointer { importer.scan($0, path: "one.csv", keys: keys) { _ in } }
        let second = Array("id,name\nC,丙\nB,又\n".utf8).withUnsafeBufferPointer { importer.scan($0, path: "two.csv", keys: keys) { _ in } }
        #expect(second.diagnostics.map(\.problem) == [.keyInEarlierFile("B", column: "id", path: "one.csv", line: 3)])
        #expect(second.diagnostics.map { "\($0.path):\($0.line):\($0.column)" } == ["two.csv:3:1"])
        #expect(second.diagnostics[0].messageEN == "id 'B' is also in one.csv, line 3")
        #expect(second.diagnostics[0].messageZH == "“id”值“B”已在 one.csv 第3行出现")
        #expect(second.rowCount == 1)
    }

    @Test func aMappedFileIsReadWholeWhilePagesBehindTheReaderAreReleased() throws {
        let rows = 3_000
        var text = "id,name,students\n"
        for n in 0..<rows { text += "K\(n),名称\(n),\(n % 100)\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .source(let source) = try DirectorySource.open(path, limits: .standard) else {
            Issue.record("the file was refused")
            return
        }
        // Pages are handed back every few kilobytes here, many times during the scan.
        source.releaseStep = 8_192
        #expect(source.estimatedRecordCount() == rows + 2)   // header, rows, and one after the final newline
        var passed = 0
        var last = ""
        var count = 0
        let scan = DirectoryImporter(schema: Self.schema).scan(source, keys: DirectoryKeyIndex(), passing: { passed += $0.count }) { row in
            count += 1
            last = row.key
        }
        #expect(scan.diagnostics.isEmpty)
        #expect(count == rows && last == "K\(rows - 1)")
        #expect(passed == text.utf8.count)
    }
}
