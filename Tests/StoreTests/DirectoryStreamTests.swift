@testable import Store
import Testing

@Suite("Store: streamed directory imports and reads")
struct DirectoryStreamTests {
    let county = County.kuancheng
    var j: String { county.code }

    /// Rows whose keys sort differently as text and as numbers, with JSON
    /// that COPY must escape (backslashes) on PostgreSQL.
    static func rows(_ n: Int) -> [DirectoryRowRecord] {
        (0..<n).map { i in
            DirectoryRowRecord(key: "k\(i * 7 % n)", json: #"{"name":"entity \#(i) \\ \"quoted\"","n":\#(i)}"#)
        }
    }

    static func stream(_ store: Store, _ rows: [DirectoryRowRecord], expected: Int?, j: String) throws -> DirectoryImportRecord? {
        try store.importDirectory(.entities, jurisdiction: j, expectedRows: expected, by: County.clerk) { sink in
            sink.sourceSHA256 = SHA256.hex("file")
            for row in rows { try sink.append(key: row.key, json: row.json) }
        }
    }

    @Test("the digest of streamed rows is the list import's, whatever their order and the announced count",
          arguments: StoreFixture.all)
    func digestIsTheSame(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let rows = Self.rows(50)
        let sorted = rows.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let expected = RowDigest.directory(rows)
        // In order and counted (hashed as they pass), out of order, miscounted, uncounted (read back).
        for (order, count) in [(sorted, 50), (rows, 50), (sorted, 49), (sorted, nil)] as [([DirectoryRowRecord], Int?)] {
            let record = try #require(try Self.stream(t.store, order, expected: count, j: j))
            #expect(record.rowsSHA256 == expected)
            #expect(record.rowCount == 50)
            #expect(record.sourceSHA256 == SHA256.hex("file"))
        }
        #expect(try t.store.directoryImports(.entities, jurisdiction: j).map(\.version) == [1, 2, 3, 4])
        #expect(try t.store.directoryRows(.entities, jurisdiction: j).map { [$0.key, $0.json] } == sorted.map { [$0.key, $0.json] })
        try expectVerifies(t.store)
    }

    @Test("a directory's rows digest is the canonical text of its key TAB json lines, however it is computed")
    func digestIsTheCanonicalText() {
        // Lengths of one, two, three and more digits, and multi-byte text.
        let rows = [DirectoryRowRecord(key: "", json: "")] + Self.rows(120)
            + [DirectoryRowRecord(key: "长", json: String(repeating: "名", count: 400))]
        let sorted = rows.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let canonical = RowDigest.of(sorted.map { $0.key + "\t" + $0.json })
        #expect(RowDigest.directory(rows) == canonical)
        var streamed = DirectoryRowsDigest(expected: rows.count)
        for row in sorted {
            var key = row.key, json = row.json
            key.withUTF8 { k in json.withUTF8 { j in streamed.add(key: UnsafeRawBufferPointer(k), json: UnsafeRawBufferPointer(j)) } }
        }
        #expect(streamed.value == canonical)
    }

    @Test("rows are read back one at a time in key byte order, JSON intact", arguments: StoreFixture.all)
    func readsInKeyOrder(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        #expect(try t.store.forEachDirectoryRow(.entities, jurisdiction: j) { _, _ in } == nil)
        let rows = Self.rows(300) + [DirectoryRowRecord(key: "Z-大写", json: #"{"name":"名称\ttab"}"#)]
        _ = try Self.stream(t.store, rows, expected: nil, j: j)
        var seen: [DirectoryRowRecord] = []
        let count = try t.store.forEachDirectoryRow(.entities, jurisdiction: j) { key, json in
            seen.append(DirectoryRowRecord(key: String(decoding: key, as: UTF8.self), json: String(decoding: json, as: UTF8.self)))
        }
        #expect(count == rows.count)
        #expect(seen == rows.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
        let some = try t.store.directoryRows(.entities, jurisdiction: j, keys: ["k5", "Z-大写", "missing", "k5"])
        #expect(some.map(\.key) == ["Z-大写", "k5"])
        #expect(some.first?.json == #"{"name":"名称\ttab"}"#)
    }

    @Test("an abandoned import, a repeated key or a failing producer leaves nothing behind", arguments: StoreFixture.all)
    func refusedImportsWriteNothing(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        try t.store.importDirectory(.entities, jurisdiction: j, rows: county.directoryRows(["a"]), sourceSHA256: "s", by: County.clerk)
        let before = try AuditSnapshot(t.store, [j])
        let abandoned = try t.store.importDirectory(.entities, jurisdiction: j, expectedRows: nil, by: County.clerk) { sink in
            for row in Self.rows(2_000) { try sink.append(key: row.key, json: row.json) }
            sink.abandon()
        }
        #expect(abandoned == nil)
        expectRefused(.conflict) {
            try t.store.importDirectory(.entities, jurisdiction: j, expectedRows: nil, by: County.clerk) { sink in
                for row in Self.rows(2_000) + [Self.rows(2_000)[7]] { try sink.append(key: row.key, json: row.json) }
            }
        }
        expectRefused(.invalidField) {
            try t.store.importDirectory(.entities, jurisdiction: j, expectedRows: nil, by: County.clerk) { sink in
                try sink.append(key: "b", json: "{}")
                try sink.append(key: " \t", json: "{}")
            }
        }
        struct Stop: Error {}
        #expect(throws: StoreError.self) {
            try t.store.importDirectory(.entities, jurisdiction: j, expectedRows: nil, by: County.clerk) { sink in
                for row in Self.rows(1_000) { try sink.append(key: row.key, json: row.json) }
                throw Stop()
            }
        }
        #expect(try AuditSnapshot(t.store, [j]) == before)
        #expect(try t.store.directoryImports(.entities, jurisdiction: j).map(\.version) == [1])
        #expect(try t.store.directoryRows(.entities, jurisdiction: j).map(\.key) == ["a"])
        // The store is still usable after each refusal.
        #expect(try Self.stream(t.store, Self.rows(3), expected: 3, j: j)?.version == 2)
        try expectVerifies(t.store)
    }
}
