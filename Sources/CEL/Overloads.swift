/// The signatures the checker knows: CEL's standard definitions. Evaluation
/// dispatches on runtime values; these tables only decide whether a call can
/// be well typed and what it returns.
struct Overload: Sendable {
    var params: [CELType]
    var result: CELType
    var member: Bool
}

enum Overloads {
    private static let A = CELType.param("A"), K = CELType.param("K"), V = CELType.param("V")
    private static let numeric: [CELType] = [.int, .uint, .double]
    private static let ordered: [CELType] = [.int, .uint, .double, .string, .bytes, .bool, .timestamp, .duration]

    private static func g(_ p: [CELType], _ r: CELType) -> Overload { Overload(params: p, result: r, member: false) }
    private static func m(_ p: [CELType], _ r: CELType) -> Overload { Overload(params: p, result: r, member: true) }

    static let table: [String: [Overload]] = {
        var t: [String: [Overload]] = [:]
        t["!_"] = [g([.bool], .bool)]
        t["-_"] = [g([.int], .int), g([.double], .double)]
        t["_&&_"] = [g([.bool, .bool], .bool)]
        t["_||_"] = [g([.bool, .bool], .bool)]
        t["_?_:_"] = [g([.bool, A, A], A)]
        t["_==_"] = [g([A, A], .bool)]
        t["_!=_"] = [g([A, A], .bool)]
        var comparisons: [Overload] = ordered.map { g([$0, $0], .bool) }
        for x in numeric { for y in numeric where x != y { comparisons.append(g([x, y], .bool)) } }
        for op in ["_<_", "_<=_", "_>_", "_>=_"] { t[op] = comparisons }
        t["_+_"] = [g([.int, .int], .int), g([.uint, .uint], .uint), g([.double, .double], .double),
                    g([.string, .string], .string), g([.bytes, .bytes], .bytes), g([.list(A), .list(A)], .list(A)),
                    g([.timestamp, .duration], .timestamp), g([.duration, .timestamp], .timestamp),
                    g([.duration, .duration], .duration)]
        t["_-_"] = [g([.int, .int], .int), g([.uint, .uint], .uint), g([.double, .double], .double),
                    g([.timestamp, .timestamp], .duration), g([.timestamp, .duration], .timestamp),
                    g([.duration, .duration], .duration)]
        t["_*_"] = numeric.map { g([$0, $0], $0) }
        t["_/_"] = numeric.map { g([$0, $0], $0) }
        t["_%_"] = [g([.int, .int], .int), g([.uint, .uint], .uint)]
        t["_[_]"] = [g([.list(A), .int], A), g([.map(K, V), K], V)]
        t["@in"] = [g([A, .list(A)], .bool), g([K, .map(K, V)], .bool)]
        t["size"] = [g([.string], .int), g([.bytes], .int), g([.list(A)], .int), g([.map(K, V)], .int),
                     m([.string], .int), m([.bytes], .int), m([.list(A)], .int), m([.map(K, V)], .int)]
        for f in ["contains", "startsWith", "endsWith"] { t[f] = [m([.string, .string], .bool)] }
        t["matches"] = [g([.string, .string], .bool), m([.string, .string], .bool)]
        t["int"] = [.int, .uint, .double, .string, .timestamp].map { g([$0], .int) }
        t["uint"] = [.int, .uint, .double, .string].map { g([$0], .uint) }
        t["double"] = [.int, .uint, .double, .string].map { g([$0], .double) }
        t["string"] = [.int, .uint, .double, .string, .bytes, .bool, .timestamp, .duration].map { g([$0], .string) }
        t["bytes"] = [g([.string], .bytes), g([.bytes], .bytes)]
        t["bool"] = [g([.bool], .bool), g([.string], .bool)]
        t["dyn"] = [g([A], .dyn)]
        t["type"] = [g([A], .type(.dyn))]   // runtime type values ignore parameters
        t["timestamp"] = [g([.string], .timestamp), g([.int], .timestamp), g([.timestamp], .timestamp)]
        t["duration"] = [g([.string], .duration), g([.duration], .duration)]
        for f in ["getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth", "getDate", "getDayOfWeek"] {
            t[f] = [m([.timestamp], .int), m([.timestamp, .string], .int)]
        }
        for f in ["getHours", "getMinutes", "getSeconds", "getMilliseconds"] {
            t[f] = [m([.timestamp], .int), m([.timestamp, .string], .int), m([.duration], .int)]
        }
        return t
    }()
}

/// Type unification with `dyn` as the gradual type.
struct Unifier {
    var bindings: [String: CELType] = [:]

    /// Whether a value of type `arg` may be passed where `param` is expected.
    mutating func assign(_ param: CELType, _ arg: CELType) -> Bool {
        switch (param, arg) {
        case (_, .error), (.error, _), (.dyn, _), (_, .dyn): return true
        case (.param(let n), _):
            if let bound = bindings[n] {
                if bound == .dyn { return true }
                if case .param = arg { return true }
                if assign(bound, arg) { return true }
                // Widen a binding like A=list(int) to what both share, else fail.
                return false
            }
            bindings[n] = arg
            return true
        case (_, .param): return true
        // A declared object passes where a map with text keys is expected
        // (`'x' in entity`, `entity['x']`, `size(entity)`); its values are dyn.
        case (.map, .object): return assign(param, .map(.string, .dyn))
        case (.list(let p), .list(let a)): return assign(p, a)
        case (.map(let pk, let pv), .map(let ak, let av)): return assign(pk, ak) && assign(pv, av)
        case (.type(let p), .type(let a)): return assign(p, a)
        default: return param == arg
        }
    }

    func substitute(_ t: CELType) -> CELType {
        switch t {
        case .param(let n): return bindings[n].map(substitute) ?? .dyn
        case .list(let e): return .list(substitute(e))
        case .map(let k, let v): return .map(substitute(k), substitute(v))
        case .type(let e): return .type(substitute(e))
        default: return t
        }
    }
}
