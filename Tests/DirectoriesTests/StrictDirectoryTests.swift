import Directories
import Foundation
import Testing

/// What the hostile-input campaign got through the importer: NUL bytes,
/// header-only files, keys with spaces or invisible characters around or
/// inside them, and files of any size. Each is an error at its line and
/// column (counted in characters, as everywhere in the project).
@Suite struct StrictDirectoryTests {
    static let schema = try! DirectorySchema(key: "id", columns: [
        DirectoryColumn(name: "id"),
        DirectoryColumn(name: "name", required: true),
        DirectoryColumn(name: "students", type: .int),
    ])

    func run(_ text: String, limits: DirectoryLimits = .standard) -> DirectoryImport {
        DirectoryImporter(schema: Self.schema, limits: limits).importCSV(Array(text.utf8), path: "t.csv")
    }

    func positions(_ result: DirectoryImport) -> [String] {
        result.diagnostics.map { "\($0.line):\($0.column)" }
    }

    // MARK: NUL

    @Test func aNulByteInACellIsAnErrorAtItsPlace() {
        let r = run("id,name,students\nK1,宽城\u{0}中学,5\nK2,乙,6\n")
        #expect(r.diagnostics.map(\.problem) == [.nulByte])
        #expect(positions(r) == ["2:6"])   // K1,宽城 is five characters
        #expect(r.rows.map(\.key) == ["K2"] && r.rejectedRowCount == 1)
    }

    @Test func aNulByteInAQuotedCellOnALaterLine() {
        let r = run("id,name\nK1,\"第一行\n第二\u{0}行\"\nK2,乙\n")
        #expect(r.diagnostics.map(\.problem) == [.nulByte])
        #expect(positions(r) == ["3:3"])
        #expect(r.rows.map(\.key) == ["K2"])
    }

    @Test func aNulByteInTheHeaderRefusesTheFile() {
        let r = run("id,na\u{0}me\nK1,甲\n")
        #expect(r.diagnostics.first?.problem == .nulByte)
        #expect(positions(r).first == "1:6")
        #expect(r.rows.isEmpty)
    }

    @Test func aNulByteInAKeyOrAtTheEndOfTheFile() {
        #expect(positions(run("id,name\nK\u{0}1,甲\n")) == ["2:2"])
        let r = run("id,name\nK1,甲\n\u{0}")
        #expect(r.diagnostics.map(\.problem).contains(.nulByte))
        #expect(positions(r).contains("3:1"))
    }

    // MARK: header only

    @Test(arguments: [("id,name\n", "2:1"), ("id,name", "1:8"), ("id,name\r\n\r\n\n", "4:1"),
                      ("\u{FEFF}id,name\n", "2:1")])
    func aHeaderWithoutRowsIsAnError(_ text: String, _ place: String) {
        let r = run(text)
        #expect(r.diagnostics.map(\.problem) == [.noRows])
        #expect(positions(r) == [place])
        #expect(r.hasErrors && r.rows.isEmpty)
    }

    // MARK: keys

    @Test(arguments: [
        ("id,name\n K1,甲\n", "2:1"), ("id,name\nK1 ,甲\n", "2:3"), ("id,name\n\tK1,甲\n", "2:1"),
        ("id,name\nK1\u{3000},甲\n", "2:3"), ("id,name\n\u{00A0}K1,甲\n", "2:1"), ("id,name\nK1\u{2003},甲\n", "2:3"),
        ("id,name\n\" K1\",甲\n", "2:2"), ("id,name\n\"K1\n\",甲\n", "2:4"),
    ])
    func spacesAroundAKeyAreAnErrorNotTrimmed(_ text: String, _ place: String) {
        let r = run(text)
        #expect(r.diagnostics.map(\.problem) == [.keyHasSurroundingSpace(column: "id")], "\(text.debugDescription)")
        #expect(positions(r) == [place], "\(text.debugDescription)")
        #expect(r.rows.isEmpty)
    }

    @Test(arguments: [
        ("id,name\nK\u{200B}1,甲\n", "2:2", 0x200B), ("id,name\n\u{202E}K1,甲\n", "2:1", 0x202E),
        ("id,name\nK1\u{2066},甲\n", "2:3", 0x2066), ("id,name\nK\u{FEFF}1,甲\n", "2:2", 0xFEFF),
        ("id,name\nK\u{7}1,甲\n", "2:2", 0x7), ("id,name\n\"K\"\"\u{200D}1\",甲\n", "2:5", 0x200D),
        ("id,name\n\"宽城\u{200C}K\",甲\n", "2:4", 0x200C), ("id,name\n\"宽\n城\",甲\n", "2:3", 0x0A),
    ])
    func invisibleCharactersInAKeyAreAnError(_ text: String, _ place: String, _ scalar: UInt32) {
        let r = run(text)
        #expect(r.diagnostics.map(\.problem) == [.keyHasInvisibleCharacter(column: "id", scalar: scalar)],
                "\(text.debugDescription)")
        #expect(positions(r) == [place], "\(text.debugDescription)")
        #expect(r.rows.isEmpty)
    }

    @Test func anIntegerKeyIsNotTrimmedEither() throws {
        let schema = try DirectorySchema(key: "n", columns: [DirectoryColumn(name: "n", type: .int)])
        let r = DirectoryImporter(schema: schema).importCSV(Array("n\n 42\n43\n".utf8), path: "t.csv")
        #expect(r.diagnostics.map(\.problem) == [.keyHasSurroundingSpace(column: "n")])
        #expect(r.rows.map(\.key) == ["43"])
    }

    @Test func ordinaryKeysStillPass() {
        let r = run("id,name\n91130827MA0ABCDE1K,甲\nE-001,乙\n宽城-1,丙\n")
        #expect(r.diagnostics.isEmpty && r.rows.count == 3)
    }

    // MARK: limits

    @Test func moreRowsThanTheLimitRefuseTheFileAtTheFirstRowBeyond() {
        let limits = DirectoryLimits(maxRows: 3, maxBytes: DirectoryLimits.standard.maxBytes)
        let r = run("id,name\nA,甲\nB,乙\n\nC,丙\nD,丁\nE,戊\n", limits: limits)
        #expect(r.diagnostics.map(\.problem) == [.tooManyRows(limit: 3)])
        #expect(positions(r) == ["6:1"])
        #expect(r.rows.isEmpty)
        // exactly the limit is fine
        #expect(run("id,name\nA,甲\nB,乙\nC,丙\n", limits: limits).rows.count == 3)
    }

    @Test func moreBytesThanTheLimitRefuseTheFileUnread() throws {
        let text = "id,name\nA,甲\n"
        let limits = DirectoryLimits(maxRows: 10, maxBytes: text.utf8.count - 1)
        let r = run(text, limits: limits)
        #expect(r.diagnostics.map(\.problem) == [.fileTooLarge(bytes: text.utf8.count, limit: text.utf8.count - 1)])
        #expect(positions(r) == ["1:1"] && r.rows.isEmpty)
        #expect(run(text, limits: DirectoryLimits(maxRows: 10, maxBytes: text.utf8.count)).rows.count == 1)
        // the file reader checks the size before reading
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try DirectoryImporter(schema: Self.schema, limits: limits).importFile(atPath: path)
        #expect(fromFile.diagnostics.map(\.problem) == [.fileTooLarge(bytes: text.utf8.count, limit: text.utf8.count - 1)])
    }

    @Test func theStandardLimitsAreStated() {
        #expect(DirectoryLimits.standard.maxRows == DirectoryLimits.maxRowsDefault)
        #expect(DirectoryLimits.standard.maxBytes == DirectoryLimits.maxBytesDefault)
        #expect(DirectoryLimits.maxRowsDefault >= 10_000_000)   // SPEC §11 draws from 10 M entities
        #expect(DirectoryImporter(schema: Self.schema).limits == .standard)
    }
}

/// A path that is not a regular file is read only up to the byte limit.
@Suite struct DirectoryDeviceTests {
    @Test func anEndlessDeviceIsRefusedAtTheLimit() throws {
        let limits = DirectoryLimits(maxRows: 10, maxBytes: 1 << 20)
        let r = try DirectoryImporter(schema: StrictDirectoryTests.schema, limits: limits).importFile(atPath: "/dev/zero")
        guard case let .fileTooLarge(bytes, limit)? = r.diagnostics.first?.problem else {
            Issue.record("expected fileTooLarge, got \(r.diagnostics)")
            return
        }
        #expect(limit == 1 << 20 && bytes > limit)
        #expect(r.rows.isEmpty)
    }

    @Test func aFolderIsUnreadable() {
        #expect(throws: DirectoryReadError(path: "/tmp")) {
            try DirectoryImporter(schema: StrictDirectoryTests.schema).importFile(atPath: "/tmp")
        }
    }
}
