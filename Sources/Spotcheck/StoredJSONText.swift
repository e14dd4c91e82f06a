#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cursor over the JSON of a stored directory row that accepts only the
/// store's own spelling (see `StoredRowReader`): strings without escapes or
/// control characters, integers in shortest form, `true`, `false`, `null`,
/// `{"$date":"…"}` and lists of strings, no white space. Anything else
/// makes it say nil, and the row is read the slow, general way.
struct StoredJSONText {
    let bytes: UnsafeRawBufferPointer
    private(set) var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func take(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count, memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else { return false }
        index += count
        return true
    }

    /// A string without escapes: the range of its content.
    mutating func plainString() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// One value: its kind (nil for `null`) and where its content lies.
    mutating func value() -> (StoredRowReader.Kind?, Range<Int>)? {
        guard index < bytes.count else { return nil }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return plainString().map { (.string, $0) }
        case UInt8(ascii: "t"):
            return take("true") ? (.bool, start..<index) : nil
        case UInt8(ascii: "f"):
            return take("false") ? (.bool, start..<index) : nil
        case UInt8(ascii: "n"):
            return take("null") ? (nil, start..<start) : nil
        case UInt8(ascii: "{"):
            guard take(#"{"$date":"#), let text = plainString(), take(UInt8(ascii: "}")) else { return nil }
            return (.date, text)
        case UInt8(ascii: "["):
            index += 1
            if !take(UInt8(ascii: "]")) {
                repeat {
                    guard plainString() != nil else { return nil }
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "]")) else { return nil }
            }
            return (.list, start..<index)
        default:
            return integer()
        }
    }

    /// `-?(0|[1-9][0-9]*)` within `Int`'s range, followed by no other number character.
    private mutating func integer() -> (StoredRowReader.Kind?, Range<Int>)? {
        let start = index
        _ = take(UInt8(ascii: "-"))
        let digits = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        let count = index - digits
        guard count > 0, count <= 19, !(count > 1 && bytes[digits] == 0x30) else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[index]) {
            return nil
        }
        if digits > start, count == 1, bytes[digits] == 0x30 { return nil }  // -0
        guard Int(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) != nil else { return nil }
        return (.int, start..<index)
    }

    /// Byte order of two ranges: true when `a` comes strictly before `b`.
    func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let n = min(a.count, b.count)
        let c = n == 0 ? 0 : memcmp(bytes.baseAddress! + a.lowerBound, bytes.baseAddress! + b.lowerBound, n)
        return c < 0 || (c == 0 && a.count < b.count)
    }

    /// `YYYY-MM-DD` in ASCII digits and dashes (whether the date exists aside).
    static func isDateShaped(_ text: UnsafeRawBufferPointer) -> Bool {
        guard text.count == 10 else { return false }
        for (i, b) in text.enumerated() {
            if i == 4 || i == 7 { if b != UInt8(ascii: "-") { return false } } else if !(0x30...0x39).contains(b) { return false }
        }
        return true
    }

    /// Whether the bytes are well-formed UTF-8 (what a `String` keeps as is).
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard i + length <= n else { return false }
            let second = bytes[i + 1]
            guard second >= low, second <= high else { return false }
            for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
