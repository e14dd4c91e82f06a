import Directories
import Draw
import Foundation
import Messages
import Store

/// A directory as a draw reads it: every row once, in ascending key order
/// (UTF-8 bytes), in the form the store keeps rows in (the JSON of
/// `DirectoryRowEncoder`), so that a draw from CSV files and a draw from a
/// store run the same code on the same bytes and give the same certificate.
///
/// Nothing but the draw's own results is kept from the pass: a population
/// of ten million rows is never ten million Swift values.
protocol DrawDirectory: Sendable {
    /// Where the rows are, for diagnostics: a file, or `<store>#entities`.
    var origin: String { get }
    /// Problems met while loading (a file's bad rows); errors stop a draw.
    var diagnostics: [Diagnostic] { get }
    /// Every row in ascending key order: its key, its JSON (both valid only
    /// during the call) and its line (in its file, or counted as if the
    /// rows were a CSV file under a header).
    func forEachRow(_ body: (_ key: UnsafeRawBufferPointer, _ json: UnsafeRawBufferPointer, _ line: Int) -> Void) throws(LifecycleError)
    /// The rows with these keys (those there are, in no set order): key,
    /// JSON (valid only during the call) and line, if known.
    func forEachRow(keys: [String], _ body: (_ key: UnsafeRawBufferPointer, _ json: UnsafeRawBufferPointer, _ line: Int?) -> Void) throws(LifecycleError)
}

/// A store's current directory of one jurisdiction, read with a cursor.
struct StoreDirectory: DrawDirectory {
    let store: Store
    let kind: DirectoryKind
    let jurisdiction: String

    var origin: String { store.location + "#" + kind.rawValue }
    var diagnostics: [Diagnostic] { [] }

    func forEachRow(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int) -> Void) throws(LifecycleError) {
        var n = 0
        do {
            try store.forEachDirectoryRow(kind, jurisdiction: jurisdiction) { key, json in
                n += 1
                body(key, json, n + 1)
            }
        } catch {
            throw LifecycleError(error, at: Place(path: store.location, line: 1, column: 1))
        }
    }

    func forEachRow(keys: [String], _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int?) -> Void) throws(LifecycleError) {
        do { try store.forEachDirectoryRow(kind, jurisdiction: jurisdiction, keys: keys) { key, json in body(key, json, nil) } } catch {
            throw LifecycleError(error, at: Place(path: store.location, line: 1, column: 1))
        }
    }
}

/// Rows held in memory in their stored form: a CSV file read for a draw,
/// or rows a caller already has. About the size of the JSON per row.
final class MemoryDirectory: DrawDirectory, @unchecked Sendable {
    // Written while loading, read only afterwards.
    let origin: String
    private(set) var diagnostics: [Diagnostic] = []
    /// False when the file could not be read at all.
    private(set) var readable = true
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = [0]
    private var jsonBytes: [UInt8] = []
    private var jsonStarts: [Int] = [0]
    private var lines: [Int] = []
    /// Row indices in key order; nil when the rows came in order.
    private var order: [Int]?
    private var encoder = DirectoryRowEncoder()

    init(origin: String) { self.origin = origin }

    /// Typed rows already read.
    convenience init(rows: [DirectoryRow], origin: String) {
        self.init(origin: origin)
        for row in rows { append(row) }
        seal()
    }

    /// A file that could not be read, or was refused before its rows.
    static func unreadable(_ path: String, _ diagnostic: Diagnostic, readable: Bool) -> MemoryDirectory {
        let directory = MemoryDirectory(origin: path)
        directory.diagnostics = [diagnostic]
        directory.readable = readable
        return directory
    }

    /// Takes what a scan found: its problems, and no rows if it refused the file.
    func finish(_ scan: DirectoryScan) {
        diagnostics = scan.diagnostics.map(Diagnostic.init(directory:))
        if scan.refusedWhole { removeAll() }
        seal()
    }

    /// Appends the rows of `other` (the next part of the same file) after these.
    func absorb(_ other: MemoryDirectory) {
        let keyBase = keyBytes.count, jsonBase = jsonBytes.count
        keyBytes += other.keyBytes
        keyStarts += other.keyStarts.dropFirst().map { $0 + keyBase }
        jsonBytes += other.jsonBytes
        jsonStarts += other.jsonStarts.dropFirst().map { $0 + jsonBase }
        lines += other.lines
    }

    /// Each row's key (valid only during the call), in the order appended.
    func forEachKey(_ body: (UnsafeRawBufferPointer) -> Void) {
        keyBytes.withUnsafeBytes { keys in
            for i in 0..<count { body(UnsafeRawBufferPointer(rebasing: keys[keyStarts[i]..<keyStarts[i + 1]])) }
        }
    }

    func append(_ row: DirectoryRow) {
        var key = row.key
        key.withUTF8 { keyBytes.append(contentsOf: $0) }
        keyStarts.append(keyBytes.count)
        encoder.encode(row, into: &jsonBytes)
        jsonStarts.append(jsonBytes.count)
        lines.append(row.line)
    }

    private func removeAll() {
        keyBytes = []; keyStarts = [0]; jsonBytes = []; jsonStarts = [0]; lines = []
    }

    /// Puts the rows in key order (once, after the last `append`).
    func seal() {
        order = IDOrder.order(packed: keyBytes, offsets: keyStarts).order
    }

    var count: Int { lines.count }

    func forEachRow(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int) -> Void) {
        keyBytes.withUnsafeBytes { keys in
            jsonBytes.withUnsafeBytes { json in
                for n in 0..<count {
                    let i = order?[n] ?? n
                    body(UnsafeRawBufferPointer(rebasing: keys[keyStarts[i]..<keyStarts[i + 1]]),
                         UnsafeRawBufferPointer(rebasing: json[jsonStarts[i]..<jsonStarts[i + 1]]), lines[i])
                }
            }
        }
    }

    func forEachRow(keys: [String], _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int?) -> Void) {
        keyBytes.withUnsafeBytes { keyAll in
            jsonBytes.withUnsafeBytes { jsonAll in
                for key in Set(keys) {
                    guard let i = index(of: key) else { continue }
                    body(UnsafeRawBufferPointer(rebasing: keyAll[keyStarts[i]..<keyStarts[i + 1]]),
                         UnsafeRawBufferPointer(rebasing: jsonAll[jsonStarts[i]..<jsonStarts[i + 1]]), lines[i])
                }
            }
        }
    }

    /// The line of the row with `key`.
    func line(of key: String) -> Int? { index(of: key).map { lines[$0] } }

    /// The row with `key` (the first, if it repeats): a binary search in key order.
    private func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { wanted -> Int? in
            keyBytes.withUnsafeBufferPointer { keys -> Int? in
                func compare(_ n: Int) -> Int {
                    let i = order?[n] ?? n
                    let stored = UnsafeBufferPointer(rebasing: keys[keyStarts[i]..<keyStarts[i + 1]])
                    for (a, b) in zip(stored, wanted) where a != b { return Int(a) - Int(b) }
                    return stored.count - wanted.count
                }
                var low = 0, high = count
                while low < high {
                    let mid = (low + high) / 2
                    if compare(mid) < 0 { low = mid + 1 } else { high = mid }
                }
                guard low < count, compare(low) == 0 else { return nil }
                return order?[low] ?? low
            }
        }
    }
}

extension Diagnostic {
    /// A directory file's diagnostic, in the lifecycle's form.
    init(directory d: DirectoryDiagnostic) {
        self.init(path: d.path, line: d.line, column: d.column, severity: d.severity == .error ? .error : .warning,
                  LocalizedText(zh: d.messageZH, en: d.messageEN))
    }
}
