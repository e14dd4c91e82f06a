import Directories
import Foundation
import Rulebook
@testable import Spotcheck
import Testing
import WorkingDays

/// The stored form of directory rows, written and read fast: the writer must
/// give `DatumJSON`'s bytes, and the reader `DirectoryData.row`'s row and
/// canonical line, for whatever text a store holds.
@Suite struct StoredRowTests {
    static let schema = try! DirectorySchema(key: "id", columns: [
        DirectoryColumn(name: "id", required: true), DirectoryColumn(name: "name"),
        DirectoryColumn(name: "students", type: .int), DirectoryColumn(name: "ratio", type: .double),
        DirectoryColumn(name: "halal", type: .bool), DirectoryColumn(name: "registered_on", type: .date),
        DirectoryColumn(name: "avoid", type: .list), DirectoryColumn(name: "城镇"),
    ])

    static let rows: [DirectoryRow] = [
        DirectoryRow(line: 2, key: "A1", values: ["id": .string("A1"), "name": .string("宽城\"一中\" \\ 分校\n\t\u{1}\u{7F}")]),
        DirectoryRow(line: 3, key: "B2", values: [
            "id": .string("B2"), "students": .int(-42), "ratio": .double(0.1), "halal": .bool(false),
            "registered_on": .date(CivilDate(year: 999, month: 1, day: 5)!), "avoid": .list(["E-1", "E;2"]), "城镇": .string("板城镇"),
        ]),
        DirectoryRow(line: 4, key: "C3", values: ["id": .string("C3"), "avoid": .list([]), "registered_on": .date(CivilDate(year: 2024, month: 2, day: 29)!),
                                                  "students": .int(Int.max), "halal": .bool(true)]),
        DirectoryRow(line: 5, key: "D4", values: ["id": .string("D4"), "ratio": .double(1e20), "name": .string("")]),
    ]

    @Test func theWriterGivesTheBytesDatumJSONGives() {
        var encoder = DirectoryRowEncoder()
        for row in Self.rows {
            #expect(encoder.encode(row) == DatumJSON.encode(.map(DirectoryData.record(row))), "\(row.key)")
        }
        // Rows of an import: columns in declared order.
        let imported = DirectoryImporter(schema: Self.schema).importCSV(Array(
            "id,name,students,halal,registered_on,avoid\nX,\"a,\"\"b\"\"\",7,是,2001-02-03,E-1;E-2\n".utf8), path: "t.csv").rows
        #expect(imported.count == 1)
        #expect(encoder.encode(imported[0]) == DatumJSON.encode(.map(DirectoryData.record(imported[0]))))
    }

    /// What the general reader makes of `json`: nil, or the declared cells and the canonical line.
    static func slow(_ json: String) -> (cells: [DirectoryValue?], line: String)? {
        guard let row = DirectoryData.row(key: "K", json: json, schema: schema, line: 9) else { return nil }
        return (schema.columns.map { row[$0.name] }, DirectoryFingerprint.canonicalLine(row, schema: schema))
    }

    static func fast(_ json: [UInt8]) -> (cells: [DirectoryValue?], line: String)? {
        var reader = StoredRowReader(schema: schema)
        return json.withUnsafeBytes { bytes -> (cells: [DirectoryValue?], line: String)? in
            guard reader.read(key: "K", json: bytes) else { return nil }
            var line: [UInt8] = []
            reader.canonicalLine(into: &line)
            let row = reader.row(line: 9, key: "K")
            return (schema.columns.map { row[$0.name] }, String(decoding: line, as: UTF8.self))
        }
    }

    static let texts: [String] = [
        #"{}"#, #"{"id":"K"}"#, "not json", #"[1,2]"#, #"{"id":"K","name":null}"#,
        #"{"id":"K","students":"12"}"#, #"{"id":"K","students":12.0}"#, #"{"id":"K","students":007}"#, #"{"id":"K","students":-0}"#,
        #"{"id":"K","students":99999999999999999999}"#, #"{"id":"K","students":1e3}"#, #"{"id":"K","ratio":3}"#, #"{"id":"K","ratio":2.5}"#,
        #"{"id":"K","halal":"true"}"#, #"{"halal":true,"id":"K"}"#, #"{"id":"K","id":"L"}"#, #"{ "id" : "K" }"#,
        #"{"id":"K","registered_on":{"$date":"2023-02-29"}}"#, #"{"id":"K","registered_on":{"$date":"2023-2-3"}}"#,
        #"{"id":"K","registered_on":{"$date":"+023-02-03"}}"#, #"{"id":"K","registered_on":"2023-02-03"}"#,
        #"{"id":"K","registered_on":{"$date":"2023-02-03","x":1}}"#, #"{"avoid":["a",1],"id":"K"}"#, #"{"avoid":"a;b","id":"K"}"#,
        #"{"avoid":[],"id":"K"}"#, #"{"id":"K","name":"a\"b"}"#, #"{"id":"K","name":"tab\there"}"#, #"{"id":"K","unknown":[{"a":1}]}"#,
        #"{"id":"K","name":"x"} "#, #"{"id":"K","name":"x"}}"#, #"{"id":"K","城镇":"板城"}"#, #"{"id":"K","name":"\u00e9"}"#,
    ]

    @Test func theReaderAgreesWithTheGeneralReaderOnAnyText() {
        var encoder = DirectoryRowEncoder()
        let encoded = Self.rows.map { Array(encoder.encode($0).utf8) }
        let written = Self.texts.map { Array($0.utf8) }
        // Bytes no string holds as they are: the general reader sees them repaired.
        let broken: [[UInt8]] = [Array(#"{"id":"K","name":""#.utf8) + [0xE5, 0xAE] + Array(#""}"#.utf8),
                                 Array(#"{"id":"K","name":"a"#.utf8) + [0x01] + Array(#""}"#.utf8)]
        for json in encoded + written + broken {
            let slow = Self.slow(String(decoding: json, as: UTF8.self))
            let fast = Self.fast(json)
            #expect(slow?.cells == fast?.cells, "\(String(decoding: json, as: UTF8.self))")
            #expect(slow?.line == fast?.line, "\(String(decoding: json, as: UTF8.self))")
            #expect((slow == nil) == (fast == nil))
        }
        #expect(Self.fast(encoded[1])?.cells.compactMap { $0 }.count == 7)
    }

    @Test func ruleColumnsAreFoundFromTheExpressions() {
        #expect(ColumnUsage.of("entity", in: ["entity.kind == 'x' && has(entity.halal) && entity.halal", "entity.credit_grade"])
                == .columns(["kind", "halal", "credit_grade"]))
        #expect(ColumnUsage.of("entity", in: ["entity['status'] == '存续'", "entity.registered_on.getFullYear() > 2000"])
                == .columns(["status", "registered_on"]))
        #expect(ColumnUsage.of("entity", in: ["entity.id in inspector.avoid"]) == .columns(["id"]))
        #expect(ColumnUsage.of("entity", in: ["inspector.active"]) == .columns([]))
        for whole in ["size(entity) > 3", "entity == {}", "'x' in entity", "entity[inspector.name] == 1",
                      "[1].all(entity, entity > 0)", "entity.map(k, k).size() > 0", "(((", "has(entity)"] {
            #expect(ColumnUsage.of("entity", in: [whole]) == .all, "\(whole)")
        }
    }
}
