import Foundation

/// A CEL runtime value. Errors are values too (CEL's "errors as values"):
/// `&&`, `||` and the macros absorb them as the language definition says,
/// and everything else propagates them.
public enum CELValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([CELValue])
    case map(CELMap)
    case timestamp(CELTimestamp)
    case duration(CELDuration)
    /// A type as a value, e.g. the result of `type(1)`; named by CEL's type names.
    case type(String)
    case error(CELError)

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// The CEL type name of this value, as `type(x)` reports it.
    public var typeName: String {
        switch self {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .list: return "list"
        case .map: return "map"
        case .timestamp: return "google.protobuf.Timestamp"
        case .duration: return "google.protobuf.Duration"
        case .type: return "type"
        case .error: return "error"
        }
    }
}

/// Why an evaluation failed. The message is meant for a person reading a
/// rule's explanation, e.g. "division by zero".
public struct CELError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func noOverload(_ fn: String, _ args: CELValue...) -> CELError {
        CELError("no matching overload for '\(fn)' applied to (\(args.map(\.typeName).joined(separator: ", ")))")
    }
}

extension CELValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral
{
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: CELValue...) { self = .list(elements) }
}

extension CELValue: CustomStringConvertible {
    /// A readable rendering for explanations and test failures (CEL-like syntax).
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return Conversions.formatDouble(d)
        case .string(let s): return "'" + s.replacingOccurrences(of: "'", with: "\\'") + "'"
        case .bytes(let b): return "b'" + b.map { "\\x" + ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "'"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .timestamp(let t): return "timestamp('\(t)')"
        case .duration(let d): return "duration('\(d)')"
        case .type(let t): return t
        case .error(let e): return "error(\(e.message))"
        }
    }
}

