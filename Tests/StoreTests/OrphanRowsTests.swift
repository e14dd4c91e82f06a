import Foundation
@testable import Store
import Testing

/// A streamed import writes its rows before its record (whose digest covers
/// them), so on PostgreSQL the rows keep their import's id without a
/// foreign key (migration v6): `audit verify` is what finds rows of no
/// import, on every backend.
@Suite("Store: directory rows of no import")
struct OrphanRowsTests {
    @Test("rows whose import does not exist are reported by audit verify", arguments: StoreFixture.tamperable)
    func orphanRowsReported(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        let county = County.kuancheng
        try county.seedDraw(t.store)
        #expect(try t.store.verifyAudit().ok)
        let tamperer = try Tamperer(t)
        try tamperer.execute("INSERT INTO directory_rows (import_id, key, json) VALUES (?, ?, ?)", [.int(987_654), .text("stray"), .text("{}")])
        try tamperer.close()
        let report = try t.store.verifyAudit()
        #expect(!report.ok)
        #expect(report.problems.contains { $0.kind == .unrecordedData && $0.detail.en.contains("1 directory rows belong to no import") },
                "\(report.problems.map(\.detail.en))")
    }

    @Test("PostgreSQL lays migration v6 after v5 and keeps no foreign key from rows to imports", arguments: StoreFixture.postgresCases)
    func noForeignKeyOnPostgres(_ fixture: StoreFixture) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        _ = try Store.open(db.url, mode: .create, clock: fixedClock)
        let identifiers = PostgresSchema.migrations.map(\.identifier)
        #expect(Array(identifiers.suffix(2)) == [Schema.v5Identifier, Schema.directoryStreaming])
        let keys = try db.sql { tx in
            try tx.strings("SELECT conname FROM pg_constraint WHERE conrelid = 'directory_rows'::regclass AND contype = 'f'", [])
        }
        #expect(keys.isEmpty, "\(keys)")
    }
}
