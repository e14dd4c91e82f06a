/// A map key. CEL keys are int, uint, bool or string; numeric keys that are
/// equal as numbers are the same key (`{1: 'a'}[1u]` finds `'a'`), and
/// strings compare by code points, never by Unicode normalisation.
public enum MapKey: Hashable, Sendable {
    case int(Int64)
    case uint(UInt64)   // only for values above Int64.max
    case bool(Bool)
    case string(String)

    public static func == (a: MapKey, b: MapKey) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .int(let x): h.combine(0 as UInt8); h.combine(x)
        case .uint(let x): h.combine(1 as UInt8); h.combine(x)
        case .bool(let x): h.combine(2 as UInt8); h.combine(x)
        case .string(let s):
            h.combine(3 as UInt8)
            var copy = s
            copy.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// The key for a value, or nil when the value cannot be a key. A double
    /// with an integral value looks up the matching integer key.
    public init?(_ v: CELValue) {
        switch v {
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    /// For lookups only: also accepts doubles that are whole numbers.
    init?(lookup v: CELValue) {
        if case .double(let d) = v {
            if d.rounded() == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 {
                self = .int(Int64(d))
            } else if d.rounded() == d, d >= 0, d < 1.8446744073709551616e19 {
                self = .uint(UInt64(d))
            } else {
                return nil
            }
            return
        }
        self.init(v)
    }
}

/// A CEL map: entries in insertion order, plus a hash index once the map
/// is large enough for hashing to beat comparing a few keys (records such
/// as an entity or a violation have a dozen fields and never build one).
public struct CELMap: Sendable {
    public private(set) var entries: [(key: CELValue, value: CELValue)] = []
    private var index: [MapKey: Int]?
    static let indexThreshold = 12

    public init() {}

    /// Builds a map; fails on a key of the wrong type or a repeated key.
    public init(_ pairs: [(CELValue, CELValue)]) throws(CELError) {
        for (k, v) in pairs { try insert(k, v) }
    }

    /// A map with string keys, the common case for records such as an entity.
    public init(strings: [String: CELValue]) {
        self.init(orderedStrings: strings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// A map with string keys in the given order; the keys must be distinct.
    public init(orderedStrings pairs: [(String, CELValue)]) {
        entries = pairs.map { (.string($0.0), $0.1) }
        if entries.count > CELMap.indexThreshold { buildIndex() }
    }

    private mutating func buildIndex() {
        var idx: [MapKey: Int] = [:]
        idx.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() { if let k = MapKey(e.key) { idx[k] = i } }
        index = idx
    }

    private func position(of k: MapKey) -> Int? {
        if let index { return index[k] }
        for (i, e) in entries.enumerated() where MapKey(e.key) == k { return i }
        return nil
    }

    public mutating func insert(_ key: CELValue, _ value: CELValue) throws(CELError) {
        guard let k = MapKey(key) else { throw CELError("unsupported key type \(key.typeName)") }
        guard position(of: k) == nil else { throw CELError("repeated key \(key) in map literal") }
        entries.append((key, value))
        if index != nil {
            index![k] = entries.count - 1
        } else if entries.count > CELMap.indexThreshold {
            buildIndex()
        }
    }

    public var count: Int { entries.count }

    public subscript(key: CELValue) -> CELValue? {
        guard let k = MapKey(lookup: key), let i = position(of: k) else { return nil }
        return entries[i].value
    }

    public subscript(string key: String) -> CELValue? {
        if let index {
            guard let i = index[.string(key)] else { return nil }
            return entries[i].value
        }
        for e in entries {
            if case .string(let k) = e.key, k.utf8.count == key.utf8.count, k.utf8.elementsEqual(key.utf8) { return e.value }
        }
        return nil
    }
}
