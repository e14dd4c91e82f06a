import Store
import Testing

@Suite("Store: directories (名录库)")
struct DirectoryTests {
    let county = County.kuancheng

    @Test("each import is a new version; the latest is the current directory; earlier versions stay",
          arguments: StoreFixture.all)
    func importsAreVersions(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        let j = county.code
        #expect(try store.directoryRows(.entities, jurisdiction: j).isEmpty)
        #expect(try store.directoryImports(.entities, jurisdiction: j).isEmpty)

        let first = try store.importDirectory(.entities, jurisdiction: j, rows: county.directoryRows(["b", "a"]),
                                              sourceSHA256: SHA256.hex("v1"), by: County.clerk)
        #expect(first.version == 1)
        #expect(first.rowCount == 2)
        #expect(first.importedBy == County.clerk)
        #expect(first.importedAt == fixedNow)
        #expect(first.id != nil)
        #expect(try store.directoryRows(.entities, jurisdiction: j).map(\.key) == ["a", "b"])

        let second = try store.importDirectory(.entities, jurisdiction: j, rows: county.directoryRows(["d", "b", "c"]),
                                               sourceSHA256: SHA256.hex("v2"), by: County.command)
        #expect(second.version == 2)
        #expect(second.rowsSHA256 != first.rowsSHA256)
        let imports = try store.directoryImports(.entities, jurisdiction: j)
        #expect(imports.map(\.version) == [1, 2])
        #expect(imports.map(\.rowCount) == [2, 3])
        #expect(imports.map(\.sourceSHA256) == [SHA256.hex("v1"), SHA256.hex("v2")])

        // The current rows are version 2's, sorted by key; "a" left with version 1.
        let current = try store.directoryRows(.entities, jurisdiction: j)
        #expect(current.map(\.key) == ["b", "c", "d"])
        #expect(current.allSatisfy { $0.importID == second.id })
        #expect(try store.directoryRow(.entities, jurisdiction: j, key: "a") == nil)
        let c = try #require(try store.directoryRow(.entities, jurisdiction: j, key: "c"))
        #expect(c.json == #"{"credit_code":"c","name":"entity c"}"#)

        // The other directory has its own versions.
        let inspectors = try store.importDirectory(.inspectors, jurisdiction: j, rows: county.directoryRows(["e1"]),
                                                   sourceSHA256: SHA256.hex("i1"), by: County.clerk)
        #expect(inspectors.version == 1)
        #expect(try store.directoryRows(.inspectors, jurisdiction: j).map(\.key) == ["e1"])
        #expect(try store.directoryRows(.entities, jurisdiction: j).count == 3)

        let entries = try store.auditEntries(jurisdiction: j)
        #expect(entries.map(\.action) == ["directory_import", "directory_import", "directory_import"])
        #expect(entries.map(\.subject) == ["entities/1", "entities/2", "inspectors/1"])
        #expect(entries.map(\.actor) == [County.clerk, County.command, County.clerk])
        try expectVerifies(store)
    }

    @Test("a key that repeats refuses the whole import and writes nothing", arguments: StoreFixture.all)
    func duplicateKeyRefusesTheImport(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        let j = county.code
        try store.importDirectory(.entities, jurisdiction: j, rows: county.directoryRows(["a", "b"]),
                                  sourceSHA256: SHA256.hex("v1"), by: County.clerk)
        let before = try AuditSnapshot(store, [j])

        expectRefused(.conflict) {
            try store.importDirectory(.entities, jurisdiction: j, rows: county.directoryRows(["x", "y", "x", "z"]),
                                      sourceSHA256: SHA256.hex("v2"), by: County.clerk)
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.directoryImports(.entities, jurisdiction: j).map(\.version) == [1])
        #expect(try store.directoryRows(.entities, jurisdiction: j).map(\.key) == ["a", "b"])
        #expect(try store.directoryRow(.entities, jurisdiction: j, key: "y") == nil)
        try expectVerifies(store)
    }

    @Test("an empty or blank key refuses the whole import and writes nothing",
          arguments: StoreFixture.all, ["", "   ", "\t\n"])
    func emptyKeyRefusesTheImport(_ fixture: StoreFixture, key: String) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        let j = county.code
        try store.importDirectory(.inspectors, jurisdiction: j, rows: county.directoryRows(["e1"]),
                                  sourceSHA256: SHA256.hex("v1"), by: County.clerk)
        let before = try AuditSnapshot(store, [j])

        var rows = county.directoryRows(["e2", "e3"])
        rows.append(DirectoryRowRecord(key: key, json: "{}"))
        expectRefused(.invalidField) {
            try store.importDirectory(.inspectors, jurisdiction: j, rows: rows, sourceSHA256: SHA256.hex("v2"), by: County.clerk)
        }
        #expect(try AuditSnapshot(store, [j]) == before)
        #expect(try store.directoryImports(.inspectors, jurisdiction: j).count == 1)
        #expect(try store.directoryRows(.inspectors, jurisdiction: j).map(\.key) == ["e1"])
    }

    @Test("an import needs a jurisdiction and a named actor", arguments: StoreFixture.all)
    func importNeedsJurisdictionAndActor(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let store = t.store
        expectRefused(.invalidField) {
            try store.importDirectory(.entities, jurisdiction: " ", rows: county.directoryRows(["a"]), sourceSHA256: "s", by: County.clerk)
        }
        expectRefused(.invalidField) {
            try store.importDirectory(.entities, jurisdiction: county.code, rows: county.directoryRows(["a"]), sourceSHA256: "s", by: "")
        }
        #expect(try store.jurisdictions().isEmpty)
        #expect(try store.directoryImports(.entities, jurisdiction: county.code).isEmpty)
    }
}
