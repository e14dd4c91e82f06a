import Foundation
import PostgresNIO

/// A pooled connection inside a transaction (`PostgresBackend.transaction`).
final class PostgresTransaction: StoreTransaction {
    let lease: PostgresConnectionPool.Lease
    let logger: Logger
    /// The first server error since the transaction was last sound: the
    /// server refuses everything but a rollback until then.
    private(set) var failure: PostgresError?

    init(lease: PostgresConnectionPool.Lease, logger: Logger) {
        self.lease = lease
        self.logger = logger
    }

    /// Runs `sql`, already in PostgreSQL's `$n` form, and returns its rows.
    func run(_ sql: String, _ values: [PostgresValue]) throws -> [PostgresRow] {
        var bindings = PostgresBindings(capacity: values.count)
        for v in values { v.bind(into: &bindings) }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        let connection = lease.connection
        let logger = self.logger
        do {
            let rows = try lease.bridge.run { try await connection.query(query, logger: logger).collect() }
            if failure != nil, sql.hasPrefix("ROLLBACK TO") { failure = nil }
            return rows
        } catch {
            let e = PostgresError(error)
            if e.fromServer, failure == nil { failure = e }
            throw e
        }
    }

    /// Any error of a statement run outside `run` (a stream, a COPY), as a
    /// `PostgresError`, remembered when the server sent it.
    func noteFailure(_ error: any Error) -> PostgresError {
        let e = PostgresError(error)
        if e.fromServer, failure == nil { failure = e }
        return e
    }

    func query(_ sql: String, _ arguments: [StoreValue]) throws -> [PostgresRow] {
        try run(try PostgresSQL.numbered(sql, arguments: arguments.count), arguments.map(PostgresValue.init))
    }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        _ = try query(sql, arguments)
    }

    func fetchAll<R: StoredRecord>(_ type: R.Type, _ sql: String, _ arguments: [StoreValue]) throws -> [R] {
        try query(sql, arguments).map { row in
            do { return try R(from: try PostgresRowDecoder(row)) } catch {
                throw StoreError(.corruptRow, zh: "无法读取 \(R.databaseTableName) 的一行：\(error)",
                                 en: "a row of \(R.databaseTableName) cannot be read: \(error)")
            }
        }
    }

    func fetchRows(_ sql: String, _ arguments: [StoreValue]) throws -> [[StoreValue]] {
        try query(sql, arguments).map { row in try row.map { try PostgresValue($0).storeValue } }
    }

    /// `INSERT INTO table (columns) VALUES (…)`, NULL columns left to their
    /// default (an identity column numbers the row), `RETURNING id` when the
    /// table has an identity column.
    func insert<R: StoredRecord>(_ record: R) throws -> Int64 {
        let table = R.databaseTableName
        let columns = try PostgresRecordEncoder.columns(of: record).filter { $0.value != .null }
        let returning = PostgresSchema.identityTables.contains(table)
        var sql = "INSERT INTO \(PostgresSQL.quoted(table)) "
        if columns.isEmpty {
            sql += "DEFAULT VALUES"
        } else {
            sql += "(" + columns.map { PostgresSQL.quoted($0.name) }.joined(separator: ", ") + ") VALUES ("
            sql += (1...columns.count).map { "$\($0)" }.joined(separator: ", ") + ")"
        }
        if returning { sql += " RETURNING id" }
        let rows = try run(sql, columns.map(\.value))
        guard returning else { return 0 }
        guard let first = rows.first, let cell = first.first, case .int(let id) = try PostgresValue(cell) else {
            throw PostgresError(message: "INSERT INTO \(table) returned no id")
        }
        return id
    }

    /// Streams the records into their table with `COPY … FROM STDIN` (text
    /// format), in chunks, inside the transaction.
    func insertAll<R: StoredRecord>(_ records: [R]) throws {
        guard let first = records.first else { return }
        let table = R.databaseTableName
        var names = try PostgresRecordEncoder.columns(of: first).map(\.name)
        // An identity column left NULL takes its default: leave it out.
        if PostgresSchema.identityTables.contains(table), names.contains("id") {
            let ids = try records.map { try PostgresRecordEncoder.columns(of: $0).first { $0.name == "id" }?.value ?? .null }
            if ids.allSatisfy({ $0 == .null }) { names.removeAll { $0 == "id" } }
        }
        let columns = names
        let connection = lease.connection
        let logger = self.logger
        do {
            try lease.bridge.run {
                try await connection.copyFrom(table: table, columns: columns, format: .text(.init()), logger: logger) { writer in
                    var chunk = ByteBuffer()
                    chunk.reserveCapacity(PostgresCopy.chunkSize + 4096)
                    for record in records {
                        let encoded = try PostgresRecordEncoder.columns(of: record)
                        // Every record of a type encodes its columns in one order: look each up by position first.
                        var line = ""
                        for (n, name) in columns.enumerated() {
                            if n > 0 { line += "\t" }
                            let column = encoded.indices.contains(n) && encoded[n].name == name ? encoded[n] : encoded.first { $0.name == name }
                            line += PostgresCopy.field(column?.value ?? .null)
                        }
                        line += "\n"
                        chunk.writeString(line)
                        if chunk.readableBytes >= PostgresCopy.chunkSize {
                            try await writer.write(chunk)
                            chunk.clear()
                        }
                    }
                    if chunk.readableBytes > 0 { try await writer.write(chunk) }
                }
            }
        } catch {
            let e = PostgresError(error)
            if e.fromServer, failure == nil { failure = e }
            throw e
        }
    }
}

/// COPY's text format.
enum PostgresCopy {
    static let chunkSize = 256 * 1024

    /// One field: `\N` for NULL; backslash, tab, newline and carriage return escaped.
    static func field(_ value: PostgresValue) -> String {
        switch value {
        case .null: return "\\N"
        case .int(let i): return String(i)
        case .double(let x): return x.description
        case .bool(let b): return b ? "t" : "f"
        case .blob(let bytes):
            let digits = Array("0123456789abcdef")
            var s = "\\\\x"
            for b in bytes { s.append(digits[Int(b >> 4)]); s.append(digits[Int(b & 0x0F)]) }
            return s
        case .text(let text):
            var s = ""
            s.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": s += "\\\\"
                case "\t": s += "\\t"
                case "\n": s += "\\n"
                case "\r": s += "\\r"
                default: s.unicodeScalars.append(scalar)
                }
            }
            return s
        }
    }
}

/// The store's SQL, written once with `?` placeholders, as PostgreSQL takes it.
enum PostgresSQL {
    /// `?` → `$1 … $n` in order, leaving string literals, quoted names and
    /// comments as they are; refuses a count that differs from the arguments'.
    static func numbered(_ sql: String, arguments: Int) throws -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        let chars = Array(sql.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "'", "\"":
                // A literal or a quoted name, to its closing quote (a doubled
                // quote stays inside; in an E'…' literal, so does \').
                let escapes = c == "'" && i > 0 && (chars[i - 1] == "E" || chars[i - 1] == "e")
                    && (i < 2 || !(chars[i - 2].properties.isAlphabetic || ("0"..."9").contains(chars[i - 2]) || chars[i - 2] == "_"))
                out.unicodeScalars.append(c)
                i += 1
                while i < chars.count {
                    out.unicodeScalars.append(chars[i])
                    if escapes, chars[i] == "\\", i + 1 < chars.count {
                        out.unicodeScalars.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    if chars[i] == c {
                        if i + 1 < chars.count, chars[i + 1] == c {
                            out.unicodeScalars.append(chars[i + 1])
                            i += 2
                            continue
                        }
                        break
                    }
                    i += 1
                }
                i += 1
            case "-" where i + 1 < chars.count && chars[i + 1] == "-":
                while i < chars.count, chars[i] != "\n" { out.unicodeScalars.append(chars[i]); i += 1 }
            case "/" where i + 1 < chars.count && chars[i + 1] == "*":
                out += "/*"
                i += 2
                while i < chars.count, !(chars[i] == "*" && i + 1 < chars.count && chars[i + 1] == "/") {
                    out.unicodeScalars.append(chars[i])
                    i += 1
                }
                if i < chars.count { out += "*/"; i += 2 }
            case "$":
                // A dollar-quoted body ($$ … $$ or $tag$ … $tag$) is copied whole.
                var j = i + 1
                while j < chars.count, chars[j] == "_" || chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) { j += 1 }
                if j < chars.count, chars[j] == "$", !(i + 1 < chars.count && ("0"..."9").contains(chars[i + 1])) {
                    let tag = String(String.UnicodeScalarView(chars[i...j]))
                    let rest = String(String.UnicodeScalarView(chars[(j + 1)...]))
                    if let end = rest.range(of: tag) {
                        out += tag + rest[..<end.upperBound]
                        i = j + 1 + rest[..<end.upperBound].unicodeScalars.count
                    } else {
                        out += tag + rest
                        i = chars.count
                    }
                } else {
                    out.unicodeScalars.append(c)
                    i += 1
                }
            case "?":
                n += 1
                out += "$\(n)"
                i += 1
            default:
                out.unicodeScalars.append(c)
                i += 1
            }
        }
        guard n == arguments else {
            throw PostgresError(message: "the statement has \(n) placeholders but \(arguments) arguments: \(sql)")
        }
        return out
    }

    /// A name in double quotes.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
