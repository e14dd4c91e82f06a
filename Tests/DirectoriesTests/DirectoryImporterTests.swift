import Directories
import Testing
import WorkingDays

@Suite struct DirectoryImporterTests {
    static let schema = try! DirectorySchema(key: "id", columns: [
        DirectoryColumn(name: "id"),
        DirectoryColumn(name: "name", required: true),
        DirectoryColumn(name: "students", type: .int),
        DirectoryColumn(name: "score", type: .double),
        DirectoryColumn(name: "has_canteen", type: .bool),
        DirectoryColumn(name: "registered_on", type: .date),
        DirectoryColumn(name: "avoid", type: .list),
        DirectoryColumn(name: "phone", personal: true),
    ])

    func run(_ text: String) -> DirectoryImport {
        DirectoryImporter(schema: Self.schema).importCSV(Array(text.utf8), path: "t.csv")
    }

    func positions(_ result: DirectoryImport) -> [String] {
        result.diagnostics.map { "\($0.line):\($0.column)" }
    }

    @Test func validRowsAreTyped() throws {
        let r = run("""
            id,name,students,score,has_canteen,registered_on,avoid,phone
            A1,宽城满族自治县第一中学,1200,4.5,是,2005-09-01,X;Y,0314-1234567
            A2,"龙须门镇中心小学, 分校",,,否,,,

            """)
        #expect(r.diagnostics.isEmpty && !r.hasErrors && r.rejectedRowCount == 0)
        #expect(r.rows.count == 2)
        let a1 = r.rows[0]
        #expect(a1.line == 2 && a1.key == "A1")
        #expect(a1["students"] == .int(1200))
        #expect(a1["score"] == .double(4.5))
        #expect(a1["has_canteen"] == .bool(true))
        #expect(a1["registered_on"] == .date(CivilDate("2005-09-01")!))
        #expect(a1["avoid"] == .list(["X", "Y"]))
        let a2 = r.rows[1]
        #expect(a2["name"] == .string("龙须门镇中心小学, 分校"))
        #expect(a2["students"] == nil && a2["registered_on"] == nil && a2["avoid"] == nil && a2["phone"] == nil)
        #expect(Self.schema.personalColumns == ["phone"])
    }

    @Test func headerMayBeInAnyOrderAndOmitOptionalColumns() {
        let r = run("name,id\r\n甲,1\r\n")
        #expect(r.diagnostics.isEmpty)
        #expect(r.rows.first?.values == ["id": .string("1"), "name": .string("甲")])
    }

    @Test func byteOrderMarkAndCRLF() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\r\n1,甲\r\n2,乙\r\n".utf8)
        let r = DirectoryImporter(schema: Self.schema).importCSV(bytes, path: "t.csv")
        #expect(r.diagnostics.isEmpty)
        #expect(r.rows.map(\.key) == ["1", "2"])
    }

    @Test func quotedValuesWithNewlinesKeepLaterLinesRight() {
        let r = run("id,name,students\n1,\"第一行\n第二行\",10\n2,乙,x\n")
        #expect(r.rows.count == 1 && r.rows[0]["name"] == .string("第一行\n第二行"))
        #expect(r.diagnostics.map(\.problem) == [.wrongType(column: "students", expected: .int, value: "x")])
        #expect(positions(r) == ["4:5"])
    }

    @Test func missingRequiredHeaderColumn() {
        let r = run("id,students\n1,2\n")
        #expect(r.diagnostics.map(\.problem) == [.missingHeaderColumn("name")])
        #expect(positions(r) == ["1:12"])   // end of the header line
        #expect(r.rows.isEmpty && r.rejectedRowCount == 1)
    }

    @Test func unknownAndDuplicateHeaderColumns() {
        let r = run("id,name,区域,name\n1,甲,x,y\n")
        #expect(r.diagnostics.map(\.problem) == [.unknownHeaderColumn("区域"),
                                                 .duplicateHeaderColumn("name", firstColumn: 4)])
        #expect(positions(r) == ["1:9", "1:12"])
        #expect(r.rows.isEmpty)
    }

    @Test func emptyFile() {
        #expect(run("").diagnostics.map(\.problem) == [.emptyFile])
        #expect(run("\n\n").diagnostics.map(\.problem) == [.emptyFile])
    }

    @Test func wrongTypesAreReportedWithTheBadValueAtTheCell() {
        let r = run("""
            id,name,students,has_canteen,registered_on,score
            1,甲,十二,maybe,2023-02-29,1.2.3

            """)
        #expect(r.diagnostics.map(\.problem) == [
            .wrongType(column: "students", expected: .int, value: "十二"),
            .wrongType(column: "has_canteen", expected: .bool, value: "maybe"),
            .wrongType(column: "registered_on", expected: .date, value: "2023-02-29"),
            .wrongType(column: "score", expected: .double, value: "1.2.3"),
        ])
        #expect(positions(r) == ["2:5", "2:8", "2:14", "2:25"])
        #expect(r.rows.isEmpty && r.rejectedRowCount == 1)
        #expect(r.diagnostics[0].messageZH == "列“students”应为整数，实际为“十二”")
        #expect(r.diagnostics[0].messageEN == "column 'students' expects an integer, found '十二'")
    }

    @Test func missingRequiredValues() {
        let r = run("id,name,avoid\n,甲,\n2,,\n")
        #expect(r.diagnostics.map(\.problem) == [.missingValue(column: "id"), .missingValue(column: "name")])
        #expect(positions(r) == ["2:1", "3:3"])
        #expect(r.rejectedRowCount == 2)
    }

    @Test func duplicateKeyKeepsTheFirstRow() {
        let r = run("id,name\nK,甲\nL,乙\nK,丙\n")
        #expect(r.rows.map(\.key) == ["K", "L"])
        #expect(r.diagnostics.map(\.problem) == [.duplicateKey("K", column: "id", firstLine: 2)])
        #expect(positions(r) == ["4:1"])
        #expect(r.diagnostics[0].description == "t.csv:4:1: error: duplicate id 'K' (first on line 2)")
        #expect(r.diagnostics[0].formatted(chinese: true) == "t.csv:4:1: error: “id”值“K”重复（首次出现在第2行）")
    }

    @Test func duplicateOfARejectedRowIsStillADuplicate() {
        let r = run("id,name,students\nK,甲,x\nK,乙,3\n")
        #expect(r.diagnostics.map(\.problem) == [.wrongType(column: "students", expected: .int, value: "x"),
                                                 .duplicateKey("K", column: "id", firstLine: 2)])
        #expect(positions(r) == ["2:5", "3:1"])
        #expect(r.rows.isEmpty && r.rejectedRowCount == 2)
    }

    @Test func wrongNumberOfCells() {
        let r = run("id,name,students\n1,甲\n2,乙,3,额外\n3,丙,4\n")
        #expect(r.diagnostics.map(\.problem) == [.wrongCellCount(expected: 3, found: 2),
                                                 .wrongCellCount(expected: 3, found: 4)])
        // Too few: just past the end of the row; too many: the first extra cell.
        #expect(positions(r) == ["2:4", "3:7"])
        #expect(r.rows.map(\.key) == ["3"])
    }

    @Test func unterminatedQuote() {
        let r = run("id,name\n1,甲\n2,\"乙\n3,丙\n")
        #expect(r.diagnostics.map(\.problem) == [.unterminatedQuote])
        #expect(positions(r) == ["3:3"])
        #expect(r.rows.map(\.key) == ["1"] && r.rejectedRowCount == 1)
    }

    @Test func textAfterClosingQuote() {
        let r = run("id,name\n1,\"甲\"乙\n")
        #expect(r.diagnostics.map(\.problem) == [.textAfterClosingQuote])
        #expect(positions(r) == ["2:6"])
    }

    @Test func everyBadRowIsAccountedFor() {
        var text = "id,name,students\n"
        for i in 0..<500 { text += i % 7 == 0 ? "\(i),,\(i)\n" : "\(i),名\(i),\(i % 11 == 0 ? "x" : "1")\n" }
        let r = run(text)
        #expect(r.rows.count + r.rejectedRowCount == 500)
        #expect(Set(r.diagnostics.map(\.line)).count == r.rejectedRowCount)
    }

    @Test func schemaIsChecked() {
        #expect(throws: DirectorySchemaError.keyColumnNotDeclared("id")) {
            try DirectorySchema(key: "id", columns: [DirectoryColumn(name: "name")])
        }
        #expect(throws: DirectorySchemaError.duplicateColumn("a")) {
            try DirectorySchema(key: "a", columns: [DirectoryColumn(name: "a"), DirectoryColumn(name: "a")])
        }
        #expect(Self.schema.column(named: "id")?.required == true)   // the key is always required
    }
}
