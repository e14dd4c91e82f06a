/// Writes JSON as UTF-8 bytes appended to one growing buffer: no
/// intermediate tree, no recursive String building.
///
/// Two layouts. `pretty` is exactly the layout of `JSONValue.serialized()`:
/// two-space indentation, `": "` after keys, one member or element per line,
/// but arrays whose elements are all strings or integers on one line with
/// `", "` between them. Compact has no white space at all.
public struct JSONWriter {
    public var bytes: [UInt8]
    public let pretty: Bool
    /// Indentation level of the members of the innermost open container.
    private var level: Int
    /// Nothing was written yet in the innermost open container.
    private var first = true
    /// A key was just written: the next value follows it directly.
    private var afterKey = false
    /// Inside an array written on one line (elements are scalars only).
    private var inline = false

    /// A writer whose first value starts at indentation `level` (pretty
    /// layout), e.g. 1 for the elements of a top-level array.
    public init(pretty: Bool, level: Int = 0, capacity: Int = 0) {
        self.pretty = pretty
        self.level = level
        bytes = []
        bytes.reserveCapacity(capacity)
        afterKey = true   // the first value is placed by the caller
    }

    /// Empties the buffer (keeping its capacity) for the next top-level value.
    public mutating func reset(level: Int = 0) {
        bytes.removeAll(keepingCapacity: true)
        self.level = level
        first = true
        afterKey = true
        inline = false
    }

    // MARK: - Structure

    @inline(__always)
    private mutating func separator() {
        if afterKey { afterKey = false; return }
        if first {
            first = false
            if pretty && !inline { newline() }
        } else if pretty {
            if inline { bytes.append(0x2C); bytes.append(0x20) } else { bytes.append(0x2C); newline() }
        } else {
            bytes.append(0x2C)
        }
    }

    @inline(__always)
    private mutating func newline() {
        bytes.append(0x0A)
        indent(level)
    }

    private mutating func indent(_ n: Int) {
        for _ in 0..<n { bytes.append(0x20); bytes.append(0x20) }
    }

    public mutating func beginObject() {
        separator()
        bytes.append(0x7B)
        level += 1
        first = true
    }

    public mutating func endObject() {
        level -= 1
        if !first && pretty { newline() }
        bytes.append(0x7D)
        first = false
    }

    /// Opens an array; `inline` (pretty layout only) keeps it on one line,
    /// as `JSONValue` does for arrays of strings and integers.
    public mutating func beginArray(inline: Bool = false) {
        separator()
        bytes.append(0x5B)
        level += 1
        first = true
        self.inline = inline
    }

    public mutating func endArray() {
        level -= 1
        if !first && pretty && !inline { newline() }
        inline = false
        bytes.append(0x5D)
        first = false
    }

    /// A member's key; its value comes next.
    public mutating func key(_ k: String) {
        separator()
        quote(k)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    // MARK: - Scalars

    public mutating func string(_ s: String) {
        separator()
        quote(s)
    }

    public mutating func bool(_ b: Bool) {
        separator()
        if b { append("true") } else { append("false") }
    }

    public mutating func null() {
        separator()
        append("null")
    }

    public mutating func int(_ i: Int64) {
        separator()
        digits(i)
    }

    /// A double as `JSONValue` writes one: integral values below 1e15 as
    /// `9.0`, others in Swift's shortest form, non-finite as `null`.
    public mutating func double(_ d: Double) {
        separator()
        if !d.isFinite { append("null"); return }
        if d == d.rounded() && abs(d) < 1e15 {
            digits(Int64(d))
            bytes.append(0x2E)
            bytes.append(0x30)
        } else {
            append(d.description)
        }
    }

    /// Bytes that are already JSON (a value written by another writer).
    public mutating func raw(_ json: [UInt8]) {
        separator()
        bytes.append(contentsOf: json)
    }

    private mutating func digits(_ i: Int64) {
        if i >= 0 && i < 10 { bytes.append(0x30 &+ UInt8(i)); return }
        if i < 0 { bytes.append(0x2D) }
        var v = i.magnitude
        let start = bytes.count
        repeat {
            bytes.append(0x30 &+ UInt8(v % 10))
            v /= 10
        } while v != 0
        bytes[start...].reverse()
    }

    @inline(__always)
    private mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A JSON string literal, escaped exactly as `JSONValue.quote`: `"`, `\`,
    /// line feed, carriage return and tab by name, other control characters
    /// as `\u00XX`, everything else as it is.
    public mutating func quote(_ s: String) {
        var s = s
        s.withUTF8 { quote(utf8: $0) }
    }

    public mutating func quote(utf8 u: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        var start = 0
        var i = 0
        let n = u.count
        while i < n {
            let c = u[i]
            if c >= 0x20 && c != 0x22 && c != 0x5C { i += 1; continue }
            if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
            bytes.append(0x5C)
            switch c {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                func hex(_ x: UInt8) -> UInt8 { x < 10 ? 0x30 &+ x : 0x61 &+ x &- 10 }
                bytes.append(UInt8(ascii: "u"))
                bytes.append(0x30)
                bytes.append(0x30)
                bytes.append(hex(c >> 4))
                bytes.append(hex(c & 0xF))
            }
            i += 1
            start = i
        }
        if start < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<n])) }
        bytes.append(0x22)
    }

    // MARK: - Values

    /// Any `JSONValue`, in the layout `JSONValue.serialized` gives it.
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let a):
            beginArray(inline: a.allSatisfy(\.isStringOrInt))
            for e in a { value(e) }
            endArray()
        case .object(let o):
            beginObject()
            for (k, e) in o {
                key(k)
                value(e)
            }
            endObject()
        }
    }

    /// An array of strings (on one line in the pretty layout).
    public mutating func strings(_ a: [String]) {
        beginArray(inline: true)
        for s in a { string(s) }
        endArray()
    }
}

extension JSONValue {
    var isStringOrInt: Bool {
        switch self {
        case .string, .int: return true
        default: return false
        }
    }
}
