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
    /// A declared record with named, typed fields (a directory row, the
    /// inspection): selecting an undeclared field is a check error, so a
    /// misspelt column is found at load time. At run time it is a map.
    case object(ObjectType)
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
        case .object(let o): return o.name
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

/// The declaration of a record type: its name (for messages) and its fields
/// in declaration order. Where a map would accept any key, an object
/// accepts only these; in every other respect it behaves as `map(string, dyn)`
/// (indexing, `in`, `size`), since its values are maps when evaluated.
public struct ObjectType: Hashable, Sendable {
    public struct Field: Hashable, Sendable {
        public var name: String
        public var type: CELType
        public init(_ name: String, _ type: CELType) {
            self.name = name
            self.type = type
        }
    }

    public let name: String
    public let fields: [Field]

    public init(name: String, fields: [Field]) {
        self.name = name
        var seen: Set<String> = []
        self.fields = fields.filter { seen.insert($0.name).inserted }
    }

    /// The type of a field, or nil when the object has no such field.
    public func field(_ name: String) -> CELType? {
        fields.first { $0.name == name }?.type
    }

    public var fieldNames: [String] { fields.map(\.name) }
}
