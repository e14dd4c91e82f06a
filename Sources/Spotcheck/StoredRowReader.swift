#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Directories
import WorkingDays

/// Reads a directory row in its stored form (the JSON `DirectoryRowEncoder`
/// writes) for a draw, which needs of each of millions of rows only its
/// canonical line (for the directory's fingerprint) and the few columns its
/// rules read. One pass over the bytes finds where each column's value
/// lies; the line is copied from there and a value is made only when asked.
///
/// The result is always what `DirectoryData.row(key:json:schema:line:)`
/// gives for the same text: the pass takes only JSON exactly as the store
/// writes it (no escapes, integers in their shortest form, dates as
/// `YYYY-MM-DD`, valid UTF-8) and hands anything else, a row edited by hand
/// included, to that slower reader.
struct StoredRowReader {
    enum Kind: UInt8 { case absent, string, int, bool, date, list }

    struct Slot {
        var kind = Kind.absent
        var start = 0
        var end = 0
    }

    let schema: DirectorySchema
    let layout: DirectoryLayout
    /// Each column's name as bytes, in declared order.
    private let names: [[UInt8]]
    private var slots: [Slot]
    private var bytes: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// The row as the slower reader gave it (declared order), when the pass declined.
    private var fallback: [DirectoryValue?]?

    init(schema: DirectorySchema) {
        self.schema = schema
        layout = DirectoryLayout(schema: schema)
        names = schema.columns.map { Array($0.name.utf8) }
        slots = Array(repeating: Slot(), count: schema.columns.count)
    }

    /// Reads one row; false when its text is not a row at all (the slower
    /// reader drops such a row, and so does the draw). `json` must stay
    /// valid until the next call.
    mutating func read(key: String, json: UnsafeRawBufferPointer) -> Bool {
        bytes = json
        fallback = nil
        if scan() { return true }
        let text = String(decoding: json, as: UTF8.self)
        guard let row = DirectoryData.row(key: key, json: text, schema: schema, line: 0) else { return false }
        fallback = schema.columns.map { row[$0.name] }
        return true
    }

    /// The value of declared column `i`.
    func value(_ i: Int) -> DirectoryValue? {
        if let fallback { return fallback[i] }
        let slot = slots[i]
        let text = { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[slot.start..<slot.end]), as: UTF8.self) }
        switch slot.kind {
        case .absent: return nil
        case .string: return .string(text())
        case .int: return Int(text()).map(DirectoryValue.int)
        case .bool: return .bool(bytes[slot.start] == UInt8(ascii: "t"))
        case .date: return CivilDate(text()).map(DirectoryValue.date)
        case .list: return .list(Self.items(UnsafeRawBufferPointer(rebasing: bytes[slot.start..<slot.end])))
        }
    }

    /// The whole row, typed.
    func row(line: Int, key: String) -> DirectoryRow {
        DirectoryRow(line: line, key: key, layout: layout, cells: (0..<slots.count).map(value))
    }

    /// `DirectoryFingerprint.canonicalLine` of the row, appended as bytes.
    func canonicalLine(into out: inout [UInt8]) {
        if let fallback {
            let text = schema.columns.indices.map { DirectoryFingerprint.escape(fallback[$0]?.canonicalText ?? "") }
            out.append(contentsOf: (text.joined(separator: "\t") + "\n").utf8)
            return
        }
        for (i, slot) in slots.enumerated() {
            if i > 0 { out.append(0x09) }
            switch slot.kind {
            case .absent: break
            case .string, .int, .bool, .date:
                // Escape-free by construction: no backslash or control byte was accepted.
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[slot.start..<slot.end]))
            case .list:
                for (n, item) in Self.itemRanges(UnsafeRawBufferPointer(rebasing: bytes[slot.start..<slot.end])).enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ";")) }
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[slot.start + item.lowerBound..<slot.start + item.upperBound]))
                }
            }
        }
        out.append(0x0A)
    }

    // MARK: - The pass

    /// Finds each column's value; false when the text is not in the store's exact form.
    private mutating func scan() -> Bool {
        for i in slots.indices { slots[i] = Slot() }
        guard StoredJSONText.isValidUTF8(bytes) else { return false }
        var cursor = StoredJSONText(bytes)
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        if cursor.take(UInt8(ascii: "}")) { return cursor.atEnd }
        var previous: Range<Int>?
        while true {
            guard let key = cursor.plainString(), cursor.take(UInt8(ascii: ":")) else { return false }
            // Keys strictly increasing, as the store writes them: none repeats.
            if let previous, !cursor.precedes(previous, key) { return false }
            previous = key
            guard let (kind, range) = cursor.value() else { return false }
            if let column = column(named: key) {
                switch fit(schema.columns[column].type, kind, range) {
                case nil: return false
                case let slot?: slots[column] = slot
                }
            }
            if cursor.take(UInt8(ascii: ",")) { continue }
            return cursor.take(UInt8(ascii: "}")) && cursor.atEnd
        }
    }

    /// The slot a value of `kind` (nil: JSON null) gives a column of
    /// `type`, as the slower reader types it: a value of another type is
    /// absent. Nil when only the slower reader can say.
    private func fit(_ type: ColumnType, _ kind: Kind?, _ range: Range<Int>) -> Slot? {
        let absent = Slot()
        guard let kind else { return absent }
        let slot = Slot(kind: kind, start: range.lowerBound, end: range.upperBound)
        switch (type, kind) {
        case (.double, .int): return nil  // an integer in a double column becomes a double there
        case (.string, .string), (.int, .int), (.bool, .bool), (.list, .list): return slot
        case (.date, .date):
            // `YYYY-MM-DD` only; a date that does not exist is absent there too.
            guard StoredJSONText.isDateShaped(UnsafeRawBufferPointer(rebasing: bytes[range])) else { return nil }
            return CivilDate(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)) == nil ? absent : slot
        default: return absent
        }
    }

    /// The declared column named by `key`, if any.
    private func column(named key: Range<Int>) -> Int? {
        let length = key.count
        for (i, name) in names.enumerated() where name.count == length {
            if name.withUnsafeBytes({ n in memcmp(n.baseAddress!, bytes.baseAddress! + key.lowerBound, length) == 0 }) { return i }
        }
        return nil
    }

    /// The items of a list value `[ "a", "b" ]`.
    static func items(_ list: UnsafeRawBufferPointer) -> [String] {
        itemRanges(list).map { String(decoding: UnsafeRawBufferPointer(rebasing: list[$0]), as: UTF8.self) }
    }

    /// Where each item's text lies inside a list value (already checked by the pass).
    static func itemRanges(_ list: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < list.count {
            if list[i] == UInt8(ascii: "\"") {
                var j = i + 1
                while list[j] != UInt8(ascii: "\"") { j += 1 }
                ranges.append((i + 1)..<j)
                i = j + 1
            } else {
                i += 1
            }
        }
        return ranges
    }
}
