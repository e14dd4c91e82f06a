/// Evaluation of the comprehension macros. `all` and `exists` stop at the
/// first decisive element but, like `&&` and `||`, let a later decisive
/// element win over an earlier error; `exists_one`, `map` and `filter` look
/// at every element and propagate errors.
enum Macros {
    typealias Step = Program.Step

    /// `filtered`: whether `predicate` filters (map's optional filter);
    /// `all`, `exists`, `exists_one` and `filter` always have one.
    static func step(kind: Expr.Comprehension.Kind, range: @escaping Step, slot: Int,
                     predicate: @escaping Step, filtered: Bool, transform: @escaping Step) -> Step {
        { a in
            let r = range(&a)
            let elements: [CELValue]
            switch r {
            case .list(let l): elements = l
            case .map(let m): elements = m.entries.map(\.key)
            case .error: return r
            default: return .error(CELError("\(kind.rawValue)() needs a list or map, not \(r.typeName)"))
            }
            switch kind {
            case .all, .exists:
                let decisive = kind == .exists
                var firstError: CELValue?
                for e in elements {
                    a.slots[slot] = e
                    switch predicate(&a) {
                    case .bool(let b): if b == decisive { return .bool(decisive) }
                    case .error(let err): if firstError == nil { firstError = .error(err) }
                    case let v: if firstError == nil { firstError = .error(.noOverload(kind.rawValue, v)) }
                    }
                }
                return firstError ?? .bool(!decisive)
            case .existsOne:
                var count = 0
                for e in elements {
                    a.slots[slot] = e
                    switch predicate(&a) {
                    case .bool(let b): if b { count += 1 }
                    case .error(let err): return .error(err)
                    case let v: return .error(.noOverload("exists_one", v))
                    }
                }
                return .bool(count == 1)
            case .map, .filter:
                var out: [CELValue] = []
                for e in elements {
                    a.slots[slot] = e
                    if filtered {
                        switch predicate(&a) {
                        case .bool(false): continue
                        case .bool(true): break
                        case .error(let err): return .error(err)
                        case let v: return .error(.noOverload(kind.rawValue, v))
                        }
                    }
                    if kind == .filter {
                        out.append(e)
                    } else {
                        let v = transform(&a)
                        if v.isError { return v }
                        out.append(v)
                    }
                }
                return .list(out)
            }
        }
    }
}
