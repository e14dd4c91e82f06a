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
    /// Row key → the first 16 hex digits of the SHA-256 of the row's line.
    public var rowDigests: [String: String]

    public init(rows: [DirectoryRow], schema: DirectorySchema) {
        let sorted = rows.sorted { IDOrder.precedes($0.key, $1.key) }
        columns = schema.columns.map(\.name)
        self.rows = rows.count
        var text = Array(DirectoryFingerprint.headerLine(schema).utf8)
        var digests: [String: String] = [:]
        digests.reserveCapacity(rows.count)
        for row in sorted {
            let line = Array(DirectoryFingerprint.canonicalLine(row, schema: schema).utf8)
            text.append(contentsOf: line)
            digests[row.key] = String(sha256Hex(Data(line)).prefix(16))
        }
        sha256 = sha256Hex(Data(text))
        rowDigests = digests
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
    /// ones the draw used), by key.
    public func rowChanges(to other: DirectoryFingerprint) -> DirectoryRowChanges {
        var changes = DirectoryRowChanges()
        for (key, digest) in rowDigests {
            guard let theirs = other.rowDigests[key] else { changes.removed.append(key); continue }
            if theirs != digest { changes.changed.append(key) }
        }
        for key in other.rowDigests.keys where rowDigests[key] == nil { changes.added.append(key) }
        changes.removed.sort { IDOrder.precedes($0, $1) }
        changes.changed.sort { IDOrder.precedes($0, $1) }
        changes.added.sort { IDOrder.precedes($0, $1) }
        return changes
    }

    private enum CodingKeys: String, CodingKey {
        case columns, rows, sha256
        case rowDigests = "row_digests"
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
