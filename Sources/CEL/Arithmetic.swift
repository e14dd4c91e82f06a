/// CEL's arithmetic operators. Integer overflow, division by zero and
/// out-of-range times are errors, never a trap.
enum Arithmetic {
    static func add(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .error(CELError("integer overflow")) : .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .error(CELError("unsigned integer overflow")) : .uint(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            return wrap { () throws(CELError) in .timestamp(try shift(t, d, sign: 1)) }
        case (.duration(let x), .duration(let y)):
            return wrap { () throws(CELError) in try durationSum(x.nanoseconds, y.nanoseconds, subtract: false) }
        default: return .error(.noOverload("_+_", a, b))
        }
    }

    static func subtract(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .error(CELError("integer overflow")) : .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .error(CELError("unsigned integer overflow")) : .uint(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.timestamp(let t), .duration(let d)):
            return wrap { () throws(CELError) in .timestamp(try shift(t, d, sign: -1)) }
        case (.timestamp(let x), .timestamp(let y)):
            return wrap { () throws(CELError) in .duration(try CELDuration(seconds: x.seconds - y.seconds, nanos: Int64(x.nanos) - Int64(y.nanos))) }
        case (.duration(let x), .duration(let y)):
            return wrap { () throws(CELError) in try durationSum(x.nanoseconds, y.nanoseconds, subtract: true) }
        default: return .error(.noOverload("_-_", a, b))
        }
    }

    static func multiply(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .error(CELError("integer overflow")) : .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .error(CELError("unsigned integer overflow")) : .uint(r)
        case (.double(let x), .double(let y)): return .double(x * y)
        default: return .error(.noOverload("_*_", a, b))
        }
    }

    static func divide(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .error(CELError("division by zero")) }
            let (r, o) = x.dividedReportingOverflow(by: y)
            return o ? .error(CELError("integer overflow")) : .int(r)
        case (.uint(let x), .uint(let y)):
            return y == 0 ? .error(CELError("division by zero")) : .uint(x / y)
        case (.double(let x), .double(let y)): return .double(x / y)
        default: return .error(.noOverload("_/_", a, b))
        }
    }

    static func remainder(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .error(CELError("modulus by zero")) }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            return o ? .error(CELError("integer overflow")) : .int(r)
        case (.uint(let x), .uint(let y)):
            return y == 0 ? .error(CELError("modulus by zero")) : .uint(x % y)
        default: return .error(.noOverload("_%_", a, b))
        }
    }

    static func negate(_ a: CELValue) -> CELValue {
        switch a {
        case .int(let x):
            return x == .min ? .error(CELError("integer overflow")) : .int(-x)
        case .double(let x): return .double(-x)
        case .duration(let d) where d.nanoseconds != .min: return .duration(CELDuration(nanoseconds: -d.nanoseconds))
        default: return .error(.noOverload("-_", a))
        }
    }

    static func durationSum(_ x: Int64, _ y: Int64, subtract: Bool) throws(CELError) -> CELValue {
        let (r, o) = subtract ? x.subtractingReportingOverflow(y) : x.addingReportingOverflow(y)
        guard !o else { throw CELError("duration out of range") }
        return .duration(CELDuration(nanoseconds: r))
    }

    static func shift(_ t: CELTimestamp, _ d: CELDuration, sign: Int64) throws(CELError) -> CELTimestamp {
        var s = t.seconds + sign * d.seconds
        var n = Int64(t.nanos) + sign * Int64(d.nanos)
        if n < 0 { n += 1_000_000_000; s -= 1 }
        if n >= 1_000_000_000 { n -= 1_000_000_000; s += 1 }
        return try CELTimestamp(seconds: s, nanos: Int32(n))
    }

    static func wrap(_ body: () throws(CELError) -> CELValue) -> CELValue {
        do { return try body() } catch { return .error(error) }
    }
}
