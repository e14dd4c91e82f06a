/// A CEL type as the checker sees it. `dyn` is the gradual type: it accepts
/// and is accepted by everything, so records with loosely typed fields (a
/// directory row) still check. `param` appears only in overload signatures.
public indirect enum CELType: Hashable, Sendable, CustomStringConvertible {
    case dyn, null, bool, int, uint, double, string, bytes, timestamp, duration
    case list(CELType)
    case map(CELType, CELType)
    /// The type of a type value, e.g. `int` used as a value has type `type(int)`.
    case type(CELType)
    case param(String)
    /// A sub-expression that already failed to check; accepted silently so
    /// one mistake gives one diagnostic.
    case error

    public var description: String {
        switch self {
        case .dyn: return "dyn"
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .timestamp: return "google.protobuf.Timestamp"
        case .duration: return "google.protobuf.Duration"
        case .list(let e): return "list(\(e))"
        case .map(let k, let v): return "map(\(k), \(v))"
        case .type(let t): return "type(\(t))"
        case .param(let n): return n
        case .error: return "*error*"
        }
    }

    /// The type denoted by a name used as a value (`int`, `list`, …).
    static let denotations: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string,
        "bytes": .bytes, "list": .list(.dyn), "map": .map(.dyn, .dyn), "null_type": .null,
        "type": .type(.dyn), "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    ]

    /// The runtime name of the type a denotation stands for, as `type(x)` returns it.
    static let runtimeNames: [String: String] = [
        "int": "int", "uint": "uint", "double": "double", "bool": "bool", "string": "string",
        "bytes": "bytes", "list": "list", "map": "map", "null_type": "null_type", "type": "type",
        "google.protobuf.Timestamp": "google.protobuf.Timestamp",
        "google.protobuf.Duration": "google.protobuf.Duration",
    ]
}
