import Directories
import Draw
import Foundation

/// The fingerprint of a directory as a draw used it: the SHA-256 of its
/// canonical form, and a short digest of every row so that a verifier can
/// name the rows that changed.
///
/// **Canonical form `spotcheck-directory-v1`** (UTF-8 text, so that anyone
/// can recompute the hash from the published directory with a few lines of
/// any language):
///
/// 1. The first line is the column names declared for the directory in
///    `Rules/directories.yaml`, in the order declared there (not the CSV's
///    order), separated by one TAB (U+0009).
/// 2. Then one line per row, rows in ascending UTF-8 byte order of their key
///    (the key column's value, e.g. the unified social credit code).
/// 3. A row's line is its values in the declared column order, separated by
///    TAB. Each value is written in canonical text: strings exactly as in the
///    CSV cell (after CSV unquoting, surrounding spaces kept), integers in
///    decimal without leading zeros or `+`, booleans `true`/`false` (whatever
///    the cell said: `是`, `1`, `yes` …), dates `YYYY-MM-DD`, lists their
///    items (trimmed, empty items dropped) joined by `;`, doubles as Swift's
///    shortest round-trip form (`String(Double)`). An empty cell is the empty
///    text. Typed cells are trimmed of spaces first, as the importer does.
/// 4. Within a value, `\` is written `\\`, TAB `\t`, LF `\n` and CR `\r`, so
///    that a line never contains a bare separator.
/// 5. Every line, the last included, ends with one LF (U+000A).
///
/// `sha256` is the lowercase hex SHA-256 of the whole text. A row's digest
/// is the first 16 hex digits of the SHA-256 of its line (LF included).
/// Row order, column order, quoting and the spelling of booleans in the CSV
/// therefore do not change the fingerprint; any change of a value does.
public struct DirectoryFingerprint: Codable, Sendable, Equatable {
    /// The name of the canonical form described above.
    public static let form = "spotcheck-directory-v1"

    /// The declared columns, in canonical order.
    public var columns: [String]
    /// How many rows the directory has.
    public var rows: Int
    /// SHA-256 of the canonical text.
    public var sha256: String
    /// The row digests, compactly (see `RowDigestTable`).
    var table: RowDigestTable

    /// Row key → the first 16 hex digits of the SHA-256 of the row's line.
    public var rowDigests: [String: String] {
        get { table.dictionary }
        set { table = RowDigestTable(newValue) }
    }

    public init(rows: [DirectoryRow], schema: DirectorySchema) {
        var builder = Builder(schema: schema)
        var line: [UInt8] = []
        for row in rows.sorted(by: { IDOrder.precedes($0.key, $1.key) }) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: DirectoryFingerprint.canonicalLine(row, schema: schema).utf8)
            var key = row.key
            key.withUTF8 { builder.add(key: UnsafeRawBufferPointer($0), line: line) }
        }
        self = builder.finish()
    }

    init(columns: [String], rows: Int, sha256: String, table: RowDigestTable) {
        self.columns = columns
        self.rows = rows
        self.sha256 = sha256
        self.table = table
    }

    /// A fingerprint computed as the rows go by, in ascending key order
    /// (UTF-8 bytes), from each row's canonical line: what a draw reading
    /// millions of rows from a store builds without keeping them.
    struct Builder {
        private let columns: [String]
        private var text = SHA256Stream()
        private var table = RowDigestTable()

        init(schema: DirectorySchema, expectedRows: Int = 0) {
            columns = schema.columns.map(\.name)
            text.update(Array(DirectoryFingerprint.headerLine(schema).utf8))
            table.reserve(expectedRows, keyBytes: expectedRows * 20)
        }

        /// The next row: its key and its canonical line (LF included).
        mutating func add(key: UnsafeRawBufferPointer, line: [UInt8]) {
            line.withUnsafeBytes { bytes in
                text.update(bytes)
                table.append(key: key, digest: SHA256Stream.prefix64(bytes))
            }
        }

        /// Rows worked out apart (`Part`), next in key order.
        mutating func add(_ part: Part) {
            part.lines.withUnsafeBytes { text.update($0) }
            part.forEachKey { n, key in table.append(key: key, digest: part.digests[n]) }
        }

        func finish() -> DirectoryFingerprint {
            DirectoryFingerprint(columns: columns, rows: table.count, sha256: text.hexDigest(), table: table)
        }
    }

    /// Consecutive rows' lines, keys and digests, worked out on another
    /// thread than the `Builder`'s, which takes them in key order.
    struct Part: Sendable {
        var lines: [UInt8] = []
        private var keys: [UInt8] = []
        private var keyStarts: [Int] = [0]
        private(set) var digests: [UInt64] = []

        /// The next row: its key, and `write` appends its canonical line (LF included).
        mutating func add(key: UnsafeRawBufferPointer, line write: (inout [UInt8]) -> Void) {
            let start = lines.count
            write(&lines)
            digests.append(lines.withUnsafeBytes { SHA256Stream.prefix64(UnsafeRawBufferPointer(rebasing: $0[start...])) })
            keys.append(contentsOf: key)
            keyStarts.append(keys.count)
        }

        var count: Int { digests.count }

        /// Each row's number and key (valid only during the call).
        func forEachKey(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
            keys.withUnsafeBytes { all in
                for n in 0..<digests.count { body(n, UnsafeRawBufferPointer(rebasing: all[keyStarts[n]..<keyStarts[n + 1]])) }
            }
        }
    }

    /// The whole canonical text (for publishing alongside the certificate,
    /// or for checking an implementation of the form in another language).
    public static func canonicalText(rows: [DirectoryRow], schema: DirectorySchema) -> String {
        var text = headerLine(schema)
        for row in rows.sorted(by: { IDOrder.precedes($0.key, $1.key) }) {
            text += canonicalLine(row, schema: schema)
        }
        return text
    }

    /// The header line: column names in declared order, TAB-separated, LF.
    public static func headerLine(_ schema: DirectorySchema) -> String {
        schema.columns.map { escape($0.name) }.joined(separator: "\t") + "\n"
    }

    /// One row's canonical line, LF included.
    public static func canonicalLine(_ row: DirectoryRow, schema: DirectorySchema) -> String {
        schema.columns.map { escape(row[$0.name]?.canonicalText ?? "") }.joined(separator: "\t") + "\n"
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// How the rows of `other` (a verifier's copy) differ from these (the
    /// ones the draw used), by key: one walk over both, in key order.
    public func rowChanges(to other: DirectoryFingerprint) -> DirectoryRowChanges {
        var changes = DirectoryRowChanges()
        let mine = table, theirs = other.table
        var i = 0, j = 0
        while i < mine.count || j < theirs.count {
            let order = i == mine.count ? 1 : j == theirs.count ? -1 : mine.compareKey(i, theirs, j)
            if order < 0 {
                changes.removed.append(mine.key(i))
                i += 1
            } else if order > 0 {
                changes.added.append(theirs.key(j))
                j += 1
            } else {
                if !mine.sameDigest(i, theirs, j) { changes.changed.append(mine.key(i)) }
                i += 1
                j += 1
            }
        }
        return changes
    }

    private enum CodingKeys: String, CodingKey {
        case columns, rows, sha256
        case rowDigests = "row_digests"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decode([String].self, forKey: .columns)
        rows = try c.decode(Int.self, forKey: .rows)
        sha256 = try c.decode(String.self, forKey: .sha256)
        // Read beforehand by `CertificateRead`, when the text allowed it.
        if let read = CertificateRead.table(for: decoder) {
            table = read
        } else {
            table = RowDigestTable(try c.decode([String: String].self, forKey: .rowDigests))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(columns, forKey: .columns)
        try c.encode(rows, forKey: .rows)
        try c.encode(sha256, forKey: .sha256)
        if let splice = encoder.userInfo[CertificateSplice.key] as? CertificateSplice {
            // Written afterwards, straight into the JSON (`CertificateSplice`).
            try c.encode(splice.marker(for: table), forKey: .rowDigests)
        } else {
            try c.encode(rowDigests, forKey: .rowDigests)
        }
    }
}

/// Row keys that differ between two fingerprints of a directory.
public struct DirectoryRowChanges: Sendable, Equatable {
    /// Rows the draw used that the verifier's copy lacks.
    public var removed: [String] = []
    /// Rows in the verifier's copy that the draw did not have.
    public var added: [String] = []
    /// Rows present in both whose values differ.
    public var changed: [String] = []

    public var isEmpty: Bool { removed.isEmpty && added.isEmpty && changed.isEmpty }
}
