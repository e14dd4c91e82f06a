import Directories

/// Writes a directory row in the form the store keeps it: exactly
/// `DatumJSON.encode(.map(DirectoryData.record(row)))` (keys sorted, dates
/// as `{"$date": "…"}`), byte for byte, without building a dictionary of
/// `Datum` per row — a ten-million-row import writes ten million of these.
struct DirectoryRowEncoder {
    /// The column names of the rows seen last, and their order by name.
    private var names: [String] = []
    private var order: [Int] = []
    /// `"name":` per column, quoted once.
    private var prefixes: [[UInt8]] = []
    private var out: [UInt8] = []

    mutating func encode(_ row: DirectoryRow) -> String {
        // The buffer is taken out while it is written (no overlapping access to `self`).
        var buffer = out
        out = []
        buffer.removeAll(keepingCapacity: true)
        encode(row, into: &buffer)
        defer { out = buffer }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The same JSON, appended to `out` as bytes (a buffer of many rows).
    mutating func encode(_ row: DirectoryRow, into out: inout [UInt8]) {
        let columns = row.columnNames
        if columns != names { learn(columns) }
        out.append(UInt8(ascii: "{"))
        var first = true
        let cells = row.cells
        for i in order {
            guard let value = cells[i] else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: prefixes[i])
            Self.write(value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private mutating func learn(_ columns: [String]) {
        names = columns
        // `DatumJSON` sorts a map's keys with `String`'s `<`.
        order = columns.indices.sorted { columns[$0] < columns[$1] }
        prefixes = columns.map { name in
            var bytes: [UInt8] = []
            Self.quote(name, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            return bytes
        }
    }

    static func write(_ value: DirectoryValue, into out: inout [UInt8]) {
        switch value {
        case .string(let s): quote(s, into: &out)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let x): out.append(contentsOf: (x.isFinite ? "\(x)" : "null").utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .date(let d):
            // `Datum.display` of a date: the year as it is, month and day in two digits.
            let text = String(d.year) + "-" + (d.month < 10 ? "0" : "") + String(d.month) + "-" + (d.day < 10 ? "0" : "") + String(d.day)
            out.append(contentsOf: #"{"$date":"#.utf8)
            quote(text, into: &out)
            out.append(UInt8(ascii: "}"))
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                quote(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// `JSONValue.quote`, on bytes: `"` `\` and the control characters escaped.
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
