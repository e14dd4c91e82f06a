import Rulebook

/// Writes JSON as UTF-8 bytes appended to one growing buffer: no
/// intermediate tree, no recursive String building.
///
/// Two layouts. `pretty` is exactly the layout of `JSONValue.serialized()`:
/// two-space indentation, `": "` after keys, one member or element per line,
/// but arrays whose elements are all strings or integers on one line with
/// `", "` between them. Compact has no white space at all.
///
/// The writer owns its buffer (it is not copyable): appending a byte is a
/// store and an increment.
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    public let pretty: Bool
    /// Indentation level of the members of the innermost open container.
    private(set) var level: Int
    /// Nothing was written yet in the innermost open container.
    private var first = true
    /// A key was just written: the next value follows it directly.
    private var afterKey = true
    /// Inside an array written on one line (elements are scalars only).
    private var inline = false
    /// The parts of checklist items that are the same in every file,
    /// as written last time, by the item's place in its list.
    var itemPieces: [ItemPiece?] = []

    /// A writer whose first value starts at indentation `level` (pretty
    /// layout), e.g. 1 for the elements of a top-level array.
    public init(pretty: Bool, level: Int = 0, capacity: Int = 1 << 16) {
        self.pretty = pretty
        self.level = level
        self.capacity = max(capacity, 256)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Empties the buffer (keeping its memory) for the next top-level value.
    public mutating func reset(level: Int = 0) {
        count = 0
        self.level = level
        first = true
        afterKey = true
        inline = false
    }

    /// How many bytes are written.
    public var byteCount: Int { count }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes written so far, and an empty buffer for what comes next.
    public mutating func take() -> [UInt8] {
        let out = bytes
        count = 0
        return out
    }

    // MARK: - Buffer

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count &+ n > capacity { grow(count &+ n) }
    }

    @inline(never)
    private mutating func grow(_ need: Int) {
        var c = capacity * 2
        while c < need { c *= 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        p.update(from: base, count: count)
        base.deallocate()
        base = p
        capacity = c
    }

    @inline(__always)
    private mutating func put(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count &+= 1
    }

    @inline(__always)
    private mutating func put(_ a: UInt8, _ b: UInt8) {
        reserve(2)
        base[count] = a
        base[count &+ 1] = b
        count &+= 2
    }

    @inline(__always)
    private mutating func put(_ u: UnsafeBufferPointer<UInt8>) {
        guard let p = u.baseAddress, u.count > 0 else { return }
        reserve(u.count)
        (base + count).update(from: p, count: u.count)
        count &+= u.count
    }

    /// Bytes as they are (already JSON, or structure the caller lays out).
    public mutating func append(_ u: UnsafeBufferPointer<UInt8>) { put(u) }

    public mutating func append(_ a: [UInt8]) { a.withUnsafeBufferPointer { put($0) } }

    @inline(__always)
    private mutating func put(_ s: String) {
        var s = s
        s.withUTF8 { put($0) }
    }

    // MARK: - Structure

    @inline(__always)
    private mutating func separator() {
        if afterKey { afterKey = false; return }
        if first {
            first = false
            if pretty && !inline { newline() }
        } else if pretty {
            if inline { put(0x2C, 0x20) } else { put(0x2C); newline() }
        } else {
            put(0x2C)
        }
    }

    @inline(__always)
    private mutating func newline() {
        let n = 1 &+ 2 &* level
        reserve(n)
        base[count] = 0x0A
        (base + (count &+ 1)).initialize(repeating: 0x20, count: n &- 1)
        count &+= n
    }

    public mutating func beginObject() {
        separator()
        put(0x7B)
        level += 1
        first = true
    }

    public mutating func endObject() {
        level -= 1
        if !first && pretty { newline() }
        put(0x7D)
        first = false
    }

    /// Opens an array; `inline` (pretty layout only) keeps it on one line,
    /// as `JSONValue` does for arrays of strings and integers.
    public mutating func beginArray(inline: Bool = false) {
        separator()
        put(0x5B)
        level += 1
        first = true
        self.inline = inline
    }

    public mutating func endArray() {
        level -= 1
        if !first && pretty && !inline { newline() }
        inline = false
        put(0x5D)
        first = false
    }

    /// A member's key; its value comes next. Keys are the names of the
    /// output (ASCII letters and `_`): they are written without escaping.
    public mutating func key(_ k: String) {
        separator()
        var k = k
        k.withUTF8 { u in
            reserve(u.count &+ 4)
            base[count] = 0x22
            (base + (count &+ 1)).update(from: u.baseAddress!, count: u.count)
            count &+= u.count &+ 1
            base[count] = 0x22
            base[count &+ 1] = 0x3A
            count &+= 2
        }
        if pretty { put(0x20) }
        afterKey = true
    }

    /// A member's key that may hold any text (escaped as strings are).
    public mutating func anyKey(_ k: String) {
        separator()
        quote(k)
        put(0x3A)
        if pretty { put(0x20) }
        afterKey = true
    }

    // MARK: - Scalars

    public mutating func string(_ s: String) {
        separator()
        quote(s)
    }

    public mutating func bool(_ b: Bool) {
        separator()
        if b {
            reserve(4)
            base[count] = 0x74; base[count &+ 1] = 0x72; base[count &+ 2] = 0x75; base[count &+ 3] = 0x65
            count &+= 4
        } else {
            put("false")
        }
    }

    public mutating func null() {
        separator()
        reserve(4)
        base[count] = 0x6E; base[count &+ 1] = 0x75; base[count &+ 2] = 0x6C; base[count &+ 3] = 0x6C
        count &+= 4
    }

    public mutating func int(_ i: Int64) {
        separator()
        digits(i)
    }

    /// A double as `JSONValue` writes one: integral values below 1e15 as
    /// `9.0`, others in Swift's shortest form, non-finite as `null`.
    public mutating func double(_ d: Double) {
        separator()
        if !d.isFinite { put("null"); return }
        if d == d.rounded() && abs(d) < 1e15 {
            digits(Int64(d))
            put(0x2E, 0x30)
        } else {
            put(d.description)
        }
    }

    /// Bytes that are already one JSON value.
    public mutating func raw(_ json: UnsafeBufferPointer<UInt8>) {
        separator()
        put(json)
    }

    private mutating func digits(_ i: Int64) {
        if i >= 0 && i < 10 { put(0x30 &+ UInt8(i)); return }
        reserve(21)
        if i < 0 { base[count] = 0x2D; count &+= 1 }
        var v = i.magnitude
        var n = 0
        var t = v
        repeat { n &+= 1; t /= 10 } while t != 0
        var k = count &+ n
        repeat {
            k &-= 1
            base[k] = 0x30 &+ UInt8(v % 10)
            v /= 10
        } while v != 0
        count &+= n
    }

    /// A JSON string literal, escaped exactly as `JSONValue.quote`: `"`, `\`,
    /// line feed, carriage return and tab by name, other control characters
    /// as `\u00XX`, everything else as it is.
    public mutating func quote(_ s: String) {
        var s = s
        s.withUTF8 { quote(utf8: $0) }
    }

    public mutating func quote(utf8 u: UnsafeBufferPointer<UInt8>) {
        let n = u.count
        // Room for the common case (nothing to escape) in one go.
        reserve(n &+ 2)
        base[count] = 0x22
        count &+= 1
        guard let src = u.baseAddress else { put(0x22); return }
        var start = 0
        var i = 0
        while i < n {
            let c = src[i]
            if c >= 0x20 && c != 0x22 && c != 0x5C { i &+= 1; continue }
            put(UnsafeBufferPointer(start: src + start, count: i &- start))
            switch c {
            case 0x22: put(0x5C, 0x22)
            case 0x5C: put(0x5C, 0x5C)
            case 0x0A: put(0x5C, UInt8(ascii: "n"))
            case 0x0D: put(0x5C, UInt8(ascii: "r"))
            case 0x09: put(0x5C, UInt8(ascii: "t"))
            default:
                func hex(_ x: UInt8) -> UInt8 { x < 10 ? 0x30 &+ x : 0x61 &+ x &- 10 }
                put(0x5C, UInt8(ascii: "u"))
                put(0x30, 0x30)
                put(hex(c >> 4), hex(c & 0xF))
            }
            i &+= 1
            start = i
        }
        put(UnsafeBufferPointer(start: src + start, count: n &- start))
        put(0x22)
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
                anyKey(k)   // keys of data (map keys) may need escaping
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

    // MARK: - Remembered pieces

    /// Where the writer is, to copy what is written from here on.
    public var mark: Int { count }

    /// The bytes written since `mark`.
    public func bytes(since mark: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + mark, count: count - mark))
    }

    /// Appends bytes copied with `bytes(since:)` from a writer in the same
    /// state (same layout, level and position in its container), and leaves
    /// this writer in the state that writer was in after them.
    mutating func replay(_ piece: [UInt8], first: Bool, afterKey: Bool) {
        piece.withUnsafeBufferPointer { put($0) }
        self.first = first
        self.afterKey = afterKey
    }

}

/// What one item of a document wrote for its unchanging members (id and
/// title; severity, basis, key item, code, methods), with what they were,
/// so the next document with the same item copies the bytes instead.
final class ItemPiece {
    init(level: Int, id: String, title: String, head: [UInt8]) {
        self.level = level
        self.id = id
        self.title = title
        self.head = head
    }

    var level: Int
    var id: String
    var title: String
    var head: [UInt8]
    var severity: Severity?
    var basis: String?
    var keyItem: Bool?
    var internetPlusCode: String?
    var methods: [InspectionMethod]?
    /// Nil until the middle members were written once.
    var middle: [UInt8]?
}

extension JSONValue {
    var isStringOrInt: Bool {
        switch self {
        case .string, .int: return true
        default: return false
        }
    }
}
