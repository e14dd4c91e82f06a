import Foundation

/// A point in time with nanosecond precision, limited to years 1–9999 as
/// CEL (and google.protobuf.Timestamp) require.
public struct CELTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    public var nanos: Int32

    static let minSeconds: Int64 = -62_135_596_800   // 0001-01-01T00:00:00Z
    static let maxSeconds: Int64 = 253_402_300_799   // 9999-12-31T23:59:59Z

    public init(seconds: Int64, nanos: Int32 = 0) throws(CELError) {
        guard seconds >= CELTimestamp.minSeconds, seconds <= CELTimestamp.maxSeconds else {
            throw CELError("timestamp out of range")
        }
        self.seconds = seconds
        self.nanos = nanos
    }

    public static func < (a: CELTimestamp, b: CELTimestamp) -> Bool {
        (a.seconds, a.nanos) < (b.seconds, b.nanos)
    }

    /// Parses RFC 3339, e.g. `2024-06-12T00:00:00Z` or `2009-02-13T23:31:30.5+08:00`.
    public static func parse(_ text: String) throws(CELError) -> CELTimestamp {
        let b = Array(text.utf8)
        func num(_ from: Int, _ n: Int) throws(CELError) -> Int64 {
            guard from + n <= b.count else { throw CELError("invalid timestamp '\(text)'") }
            var v: Int64 = 0
            for k in from..<from + n {
                guard b[k] >= 48 && b[k] <= 57 else { throw CELError("invalid timestamp '\(text)'") }
                v = v * 10 + Int64(b[k] - 48)
            }
            return v
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58 else {
            throw CELError("invalid timestamp '\(text)'")
        }
        let y = try num(0, 4), mo = try num(5, 2), d = try num(8, 2)
        let h = try num(11, 2), mi = try num(14, 2), s = try num(17, 2)
        guard (1...12).contains(mo), d >= 1, d <= Calendar.daysIn(month: mo, year: y), h < 24, mi < 60, s < 60 else {
            throw CELError("invalid timestamp '\(text)'")
        }
        var i = 19
        var nanos: Int64 = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48 && b[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { throw CELError("invalid timestamp '\(text)'") }
            for _ in digits..<9 where digits < 9 { nanos *= 10 }
        }
        var offset: Int64 = 0
        guard i < b.count else { throw CELError("invalid timestamp '\(text)': missing time zone") }
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let sign: Int64 = b[i] == 45 ? -1 : 1
            let oh = try num(i + 1, 2)
            guard i + 3 < b.count, b[i + 3] == 58 else { throw CELError("invalid timestamp '\(text)'") }
            let om = try num(i + 4, 2)
            offset = sign * (oh * 3600 + om * 60)
            i += 6
        }
        guard i == b.count, y >= 1 else { throw CELError("timestamp out of range") }
        let days = Calendar.daysFromCivil(y, mo, d)
        return try CELTimestamp(seconds: days * 86400 + h * 3600 + mi * 60 + s - offset, nanos: Int32(nanos))
    }

    /// RFC 3339 in UTC with the shortest fraction (as cel-go prints it).
    public var description: String {
        let (days, secs) = seconds.floorDivMod(86400)
        let (y, m, d) = Calendar.civilFromDays(days)
        var out = Calendar.pad(y, 4) + "-" + Calendar.pad(m, 2) + "-" + Calendar.pad(d, 2)
        out += "T" + Calendar.pad(secs / 3600, 2) + ":" + Calendar.pad(secs / 60 % 60, 2) + ":" + Calendar.pad(secs % 60, 2)
        if nanos > 0 {
            var frac = Calendar.pad(Int64(nanos), 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "Z"
    }
}

/// A signed span of time in nanoseconds. CEL limits durations to one int64
/// of nanoseconds (about ±292 years); going past that is an error.
public struct CELDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(seconds: Int64, nanos: Int64 = 0) throws(CELError) {
        let (a, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (b, o2) = a.addingReportingOverflow(nanos)
        guard !o1, !o2 else { throw CELError("duration out of range") }
        self.nanoseconds = b
    }

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Whole seconds, truncated toward zero.
    public var seconds: Int64 { nanoseconds / 1_000_000_000 }
    /// The nanoseconds beyond `seconds`, with the same sign.
    public var nanos: Int32 { Int32(nanoseconds % 1_000_000_000) }

    public static func < (a: CELDuration, b: CELDuration) -> Bool { a.nanoseconds < b.nanoseconds }

    /// Parses Go-style durations: `240s`, `1.5h`, `-1ns`, `1h30m`.
    public static func parse(_ text: String) throws(CELError) -> CELDuration {
        let bad = CELError("invalid duration '\(text)'")
        var b = Substring(text)
        var negative = false
        if b.first == "-" { negative = true; b.removeFirst() } else if b.first == "+" { b.removeFirst() }
        if b == "0" { return try CELDuration(seconds: 0) }
        guard !b.isEmpty else { throw bad }
        var seconds: Int64 = 0, nanos: Int64 = 0
        func isNumeric(_ c: Character) -> Bool { c.isASCII && (c.isNumber || c == ".") }
        while !b.isEmpty {
            let numEnd = b.firstIndex { !isNumeric($0) } ?? b.endIndex
            let number = b[..<numEnd]
            b = b[numEnd...]
            let unitEnd = b.firstIndex(where: isNumeric) ?? b.endIndex
            let unit = b[..<unitEnd]
            b = b[unitEnd...]
            let scale: Int64   // nanoseconds per unit
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1_000
            case "ms": scale = 1_000_000
            case "s": scale = 1_000_000_000
            case "m": scale = 60_000_000_000
            case "h": scale = 3_600_000_000_000
            default: throw bad
            }
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, !number.isEmpty, number != "." else { throw bad }
            guard let whole = parts[0].isEmpty ? 0 : Int64(parts[0]) else { throw CELError("duration out of range") }
            if scale >= 1_000_000_000 {
                let (v, o1) = whole.multipliedReportingOverflow(by: scale / 1_000_000_000)
                let (sum, o2) = seconds.addingReportingOverflow(v)
                guard !o1, !o2 else { throw CELError("duration out of range") }
                seconds = sum
            } else {
                let per = 1_000_000_000 / scale
                seconds += whole / per
                nanos += (whole % per) * scale
            }
            if parts.count == 2, !parts[1].isEmpty {
                guard let f = Double("0." + parts[1]) else { throw bad }
                let fracNanos = Int64((f * Double(scale)).rounded())
                seconds += fracNanos / 1_000_000_000
                nanos += fracNanos % 1_000_000_000
            }
        }
        seconds += nanos / 1_000_000_000
        nanos %= 1_000_000_000
        if negative { seconds = -seconds; nanos = -nanos }
        return try CELDuration(seconds: seconds, nanos: nanos)
    }

    /// Seconds with the shortest fraction, e.g. `1000000s`, `1.5s` (as cel-go prints it).
    public var description: String {
        if nanos == 0 { return "\(seconds)s" }
        let negative = seconds < 0 || nanos < 0
        var frac = Calendar.pad(Int64(abs(nanos)), 9)
        while frac.hasSuffix("0") { frac.removeLast() }
        return (negative ? "-" : "") + "\(abs(seconds)).\(frac)s"
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's algorithms), so
/// timestamps need no Foundation calendar and cover years 1–9999 exactly.
enum Calendar {
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month m: Int64, year y: Int64) -> Int64 {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, with a non-negative remainder.
    func floorDivMod(_ d: Int64) -> (Int64, Int64) {
        let q = self / d, r = self % d
        return r < 0 ? (q - 1, r + d) : (q, r)
    }
}
