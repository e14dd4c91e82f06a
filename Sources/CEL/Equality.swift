/// CEL's equality and ordering. Equality is heterogeneous: values of
/// different kinds are unequal (never an error), and numbers compare by
/// value across int, uint and double. Ordering is defined only within a
/// kind and across the numeric kinds.
enum Equality {
    static func equals(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int(let x), .uint(let y)), (.uint(let y), .int(let x)): return x >= 0 && UInt64(x) == y
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.uint(let x), .double(let y)), (.double(let y), .uint(let x)): return Double(x) == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count where !equals(x[i], y[i]) { return false }
            return true
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.entries {
                guard let w = y[k], equals(v, w) else { return false }
            }
            return true
        default: return false
        }
    }

    /// -1, 0 or 1; nil where CEL defines no ordering (an error for the caller).
    /// NaN compares as unordered, which makes every comparison false.
    static func compare(_ a: CELValue, _ b: CELValue) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return cmp(x, y)
        case (.uint(let x), .uint(let y)): return cmp(x, y)
        case (.double(let x), .double(let y)): return x.isNaN || y.isNaN ? 2 : cmp(x, y)
        case (.int(let x), .uint(let y)): return x < 0 ? -1 : cmp(UInt64(x), y)
        case (.uint(let x), .int(let y)): return y < 0 ? 1 : cmp(x, UInt64(y))
        case (.int(let x), .double(let y)): return y.isNaN ? 2 : cmp(Double(x), y)
        case (.double(let x), .int(let y)): return x.isNaN ? 2 : cmp(x, Double(y))
        case (.uint(let x), .double(let y)): return y.isNaN ? 2 : cmp(Double(x), y)
        case (.double(let x), .uint(let y)): return x.isNaN ? 2 : cmp(x, Double(y))
        case (.string(let x), .string(let y)):
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x.utf8.elementsEqual(y.utf8) ? 0 : 1)
        case (.bytes(let x), .bytes(let y)):
            return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.timestamp(let x), .timestamp(let y)): return cmp(x, y)
        case (.duration(let x), .duration(let y)): return cmp(x, y)
        default: return nil
        }
    }

    /// `a in b` for lists (by equality) and maps (by key).
    static func contains(_ b: CELValue, _ a: CELValue) -> CELValue {
        switch b {
        case .list(let l):
            for e in l where equals(e, a) { return .bool(true) }
            return .bool(false)
        case .map(let m):
            return .bool(m[a] != nil)
        default:
            return .error(.noOverload("@in", a, b))
        }
    }
}
