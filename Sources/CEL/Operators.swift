/// Evaluation steps for CEL's operators, with the language's error rules:
/// `&&` and `||` are commutative over errors (`false && error` is false
/// whichever side the error is on), everything else propagates the first error.
enum Operators {
    typealias Step = Program.Step

    static func and(_ l: @escaping Step, _ r: @escaping Step) -> Step {
        { a in
            let x = l(&a)
            if case .bool(false) = x { return x }
            let y = r(&a)
            if case .bool(false) = y { return y }
            if case .bool(true) = x, case .bool(true) = y { return y }
            if x.isError { return x }
            if y.isError { return y }
            return .error(.noOverload("_&&_", x, y))
        }
    }

    static func or(_ l: @escaping Step, _ r: @escaping Step) -> Step {
        { a in
            let x = l(&a)
            if case .bool(true) = x { return x }
            let y = r(&a)
            if case .bool(true) = y { return y }
            if case .bool(false) = x, case .bool(false) = y { return y }
            if x.isError { return x }
            if y.isError { return y }
            return .error(.noOverload("_||_", x, y))
        }
    }

    static func conditional(_ c: @escaping Step, _ t: @escaping Step, _ f: @escaping Step) -> Step {
        { a in
            switch c(&a) {
            case .bool(true): return t(&a)
            case .bool(false): return f(&a)
            case .error(let e): return .error(e)
            case let v: return .error(.noOverload("_?_:_", v))
            }
        }
    }

    static func not(_ o: @escaping Step) -> Step {
        { a in
            switch o(&a) {
            case .bool(let b): return .bool(!b)
            case .error(let e): return .error(e)
            case let v: return .error(.noOverload("!_", v))
            }
        }
    }

    static func unary(_ o: @escaping Step, _ f: @escaping @Sendable (CELValue) -> CELValue) -> Step {
        { a in
            let v = o(&a)
            return v.isError ? v : f(v)
        }
    }

    static func binary(_ l: @escaping Step, _ r: @escaping Step,
                       _ f: @escaping @Sendable (CELValue, CELValue) -> CELValue) -> Step {
        { a in
            let x = l(&a)
            if x.isError { return x }
            let y = r(&a)
            if y.isError { return y }
            return f(x, y)
        }
    }

    /// `<`, `<=`, `>`, `>=`: `accept` receives -1, 0, 1, or 2 for NaN (never accepted).
    static func ordering(_ l: @escaping Step, _ r: @escaping Step, _ name: String,
                         _ accept: @escaping @Sendable (Int) -> Bool) -> Step {
        { a in
            let x = l(&a)
            if x.isError { return x }
            let y = r(&a)
            if y.isError { return y }
            // Fast path for the commonest rule shape: a number against a number.
            if case .double(let p) = x, case .double(let q) = y {
                return .bool(p.isNaN || q.isNaN ? false : accept(p < q ? -1 : (p == q ? 0 : 1)))
            }
            guard let c = Equality.compare(x, y) else { return .error(.noOverload(name, x, y)) }
            return .bool(c != 2 && accept(c))
        }
    }

    static func index(_ container: CELValue, _ key: CELValue) -> CELValue {
        switch container {
        case .list(let l):
            let i: Int64
            switch key {
            case .int(let v): i = v
            case .uint(let v) where v <= UInt64(Int64.max): i = Int64(v)
            case .double(let d) where d.rounded() == d && abs(d) < 9e18: i = Int64(d)
            default: return .error(CELError("invalid_argument: list index must be an integer, not \(key.typeName)"))
            }
            guard i >= 0, i < l.count else { return .error(CELError("invalid_argument: index \(i) out of range for a list of size \(l.count)")) }
            return l[Int(i)]
        case .map(let m):
            guard MapKey(lookup: key) != nil else { return .error(CELError("invalid_argument: unsupported key type \(key.typeName)")) }
            return m[key] ?? .error(CELError("no such key: \(key)"))
        default:
            return .error(.noOverload("_[_]", container, key))
        }
    }
}
