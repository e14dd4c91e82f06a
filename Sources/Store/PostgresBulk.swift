import Foundation
import PostgresNIO

// Bulk work on PostgreSQL. A directory import streams `COPY … FROM STDIN`
// while its producer is still reading the CSV file; a directory read
// streams the query's rows in batches while the caller works on the ones
// before (`PostgresStreams.swift`).

extension PostgresTransaction {
    func forEachPair(_ sql: String, _ arguments: [StoreValue],
                     _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws {
        var bindings = PostgresBindings(capacity: arguments.count)
        for v in arguments { PostgresValue(v).bind(into: &bindings) }
        let query = PostgresQuery(unsafeSQL: try PostgresSQL.numbered(sql, arguments: arguments.count), binds: bindings)
        let connection = lease.connection
        let logger = self.logger
        let handoff = BatchHandoff()
        let pending = lease.bridge.start {
            do {
                let rows = try await connection.query(query, logger: logger)
                var batch = RowBatch(width: 2)
                var reading = true
                for try await row in rows {
                    // Once the caller has stopped, the rest is only drained.
                    guard reading else { continue }
                    for cell in row { batch.append(cell.bytes) }
                    if batch.bytes.count >= 1 << 20 {
                        reading = await handoff.put(batch)
                        batch = RowBatch(width: 2)
                    }
                }
                if reading, batch.count > 0 { _ = await handoff.put(batch) }
                handoff.finish()
            } catch {
                handoff.finish(error)
                throw error
            }
        }
        do {
            while let batch = try handoff.take() {
                for r in 0..<batch.count {
                    try batch.withCell(r, 0) { a in
                        try batch.withCell(r, 1) { b in try body(a ?? UnsafeRawBufferPointer(start: nil, count: 0),
                                                               b ?? UnsafeRawBufferPointer(start: nil, count: 0)) }
                    }
                }
            }
        } catch {
            handoff.stop()
            _ = try? pending.wait()
            if error is PSQLError || error is PostgresError { throw noteFailure(error) }
            throw error
        }
        do { try pending.wait() } catch { throw noteFailure(error) }
    }

    /// The identity column's sequence gives the id now (a later default
    /// insert gets the next one).
    func reserveID(_ table: String) throws -> Int64 {
        Int64(try int("SELECT nextval(pg_get_serial_sequence(?, 'id'))", [.text(table)]) ?? 0)
    }

    func directoryRowWriter(importID: Int64) throws -> any DirectoryRowWriter {
        PostgresDirectoryRowWriter(self, importID: importID)
    }

    /// Fresh statistics, so that reading the rows in key order takes the
    /// primary key's order rather than a sort of millions of rows.
    func bulkLoaded(_ table: String) throws {
        try execute("ANALYZE \(PostgresSQL.quoted(table))", [])
    }
}

/// `COPY directory_rows (import_id, key, json) FROM STDIN`, fed in chunks
/// of text from the caller's thread while the rows are being read.
final class PostgresDirectoryRowWriter: DirectoryRowWriter {
    private let tx: PostgresTransaction
    private let handoff = ChunkHandoff()
    private let pending: PostgresBridge.Pending<Void>
    private var chunk: [UInt8] = []
    private let prefix: [UInt8]
    private var done = false

    static let chunkSize = 256 * 1024

    init(_ tx: PostgresTransaction, importID: Int64) {
        self.tx = tx
        prefix = Array("\(importID)\t".utf8)
        chunk.reserveCapacity(Self.chunkSize + 4096)
        let connection = tx.lease.connection
        let logger = tx.logger
        let handoff = self.handoff
        pending = tx.lease.bridge.start {
            try await connection.copyFrom(table: DirectoryRowRecord.databaseTableName, columns: ["import_id", "key", "json"],
                                          format: .text(.init()), logger: logger) { writer in
                try await handoff.forEach { chunk in try await writer.write(ByteBuffer(bytes: chunk)) }
            }
        }
    }

    func append(key: String, json: String) throws {
        chunk.append(contentsOf: prefix)
        Self.field(key, into: &chunk)
        chunk.append(0x09)
        Self.field(json, into: &chunk)
        chunk.append(0x0A)
        if chunk.count >= Self.chunkSize { try flush() }
    }

    private func flush() throws {
        guard !chunk.isEmpty else { return }
        let full = chunk
        chunk.removeAll(keepingCapacity: true)
        if !handoff.put(full) {
            // The server refused the copy: its error says why (a repeated key is 23505).
            done = true
            do { try pending.wait() } catch { throw tx.noteFailure(error) }
            throw PostgresError(message: "COPY into directory_rows stopped")
        }
    }

    func finish() throws {
        try flush()
        done = true
        handoff.finish()
        do { try pending.wait() } catch { throw tx.noteFailure(error) }
    }

    func cancel() {
        guard !done else { return }
        done = true
        handoff.cancel()
        _ = try? pending.wait()
    }

    /// COPY's text format: backslash, TAB, LF and CR escaped.
    static func field(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var plain = true
            for b in bytes where b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D { plain = false; break }
            if plain {
                out.append(contentsOf: bytes)
                return
            }
            for b in bytes {
                switch b {
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                default: out.append(b)
                }
            }
        }
    }
}
