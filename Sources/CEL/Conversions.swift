import Foundation

/// The type conversion functions: int, uint, double, string, bytes, bool,
/// timestamp, duration. A conversion that loses range is an error.
enum Conversions {
    static func toInt(_ v: CELValue) -> CELValue {
        switch v {
        case .int: return v
        case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : .error(CELError("range error: \(u)u does not fit in int"))
        case .double(let d):
            guard d.isFinite, d > -9.223372036854775808e18 - 1, d < 9.223372036854775808e18 else {
                return .error(CELError("range error: \(formatDouble(d)) does not fit in int"))
            }
            return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
            guard let i = Int64(s) else { return .error(CELError("cannot convert '\(s)' to int")) }
            return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        default: return .error(.noOverload("int", v))
        }
    }

    static func toUint(_ v: CELValue) -> CELValue {
        switch v {
        case .uint: return v
        case .int(let i): return i >= 0 ? .uint(UInt64(i)) : .error(CELError("range error: \(i) does not fit in uint"))
        case .double(let d):
            guard d.isFinite, d > -1, d < 1.8446744073709551616e19 else {
                return .error(CELError("range error: \(formatDouble(d)) does not fit in uint"))
            }
            return .uint(UInt64(d.rounded(.towardZero)))
        case .string(let s):
            guard let u = UInt64(s) else { return .error(CELError("cannot convert '\(s)' to uint")) }
            return .uint(u)
        default: return .error(.noOverload("uint", v))
        }
    }

    static func toDouble(_ v: CELValue) -> CELValue {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = Double(s) else { return .error(CELError("cannot convert '\(s)' to double")) }
            return .double(d)
        default: return .error(.noOverload("double", v))
        }
    }

    static func toString(_ v: CELValue) -> CELValue {
        switch v {
        case .string: return v
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(formatDouble(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { return .error(CELError("bytes are not valid UTF-8")) }
            return .string(s)
        case .timestamp(let t): return .string(t.description)
        case .duration(let d): return .string(d.description)
        case .type(let t): return .string(t)
        default: return .error(.noOverload("string", v))
        }
    }

    static func toBytes(_ v: CELValue) -> CELValue {
        switch v {
        case .bytes: return v
        case .string(let s): return .bytes(Array(s.utf8))
        default: return .error(.noOverload("bytes", v))
        }
    }

    static func toBool(_ v: CELValue) -> CELValue {
        switch v {
        case .bool: return v
        case .string(let s):
            switch s {
            case "1", "t", "true", "True", "TRUE": return .bool(true)
            case "0", "f", "false", "False", "FALSE": return .bool(false)
            default: return .error(CELError("Type conversion error: cannot convert '\(s)' to bool"))
            }
        default: return .error(.noOverload("bool", v))
        }
    }

    static func toTimestamp(_ v: CELValue) -> CELValue {
        switch v {
        case .timestamp: return v
        case .string(let s): return Arithmetic.wrap { () throws(CELError) in .timestamp(try CELTimestamp.parse(s)) }
        case .int(let i): return Arithmetic.wrap { () throws(CELError) in .timestamp(try CELTimestamp(seconds: i)) }
        default: return .error(.noOverload("timestamp", v))
        }
    }

    static func toDuration(_ v: CELValue) -> CELValue {
        switch v {
        case .duration: return v
        case .string(let s): return Arithmetic.wrap { () throws(CELError) in .duration(try CELDuration.parse(s)) }
        case .int(let i): return Arithmetic.wrap { () throws(CELError) in .duration(try CELDuration(seconds: i)) }
        default: return .error(.noOverload("duration", v))
        }
    }

    /// Shortest round-tripping text, without a trailing ".0" for whole numbers
    /// (as Go's strconv 'g' -1 prints them, which CEL implementations follow).
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == d.rounded(), abs(d) < 1e21 {
            if d == 0 { return d.sign == .minus ? "-0" : "0" }
            return String(format: "%.0f", d)
        }
        return "\(d)"
    }
}
