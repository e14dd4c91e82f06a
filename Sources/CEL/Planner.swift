/// Turns a (checked) expression into a `Program`: each node becomes a
/// closure with its children, constants and variable slots captured, so
/// evaluation does no lookups by name.
struct Planner {
    typealias Step = Program.Step

    private let env: Environment
    private let checked: Checker.Result?
    private var scopes: [(name: String, slot: Int)] = []
    private var nextSlot: Int
    private var maxSlot: Int
    private var referenced: [String] = []

    private init(env: Environment, checked: Checker.Result?) {
        self.env = env
        self.checked = checked
        self.nextSlot = env.variables.count
        self.maxSlot = nextSlot
    }

    static func plan(_ parsed: ParsedExpression, environment: Environment, checked: Checker.Result?) -> Program {
        var p = Planner(env: environment, checked: checked)
        let step = p.plan(parsed.root)
        return Program(step: step, slotCount: p.maxSlot, text: parsed.source.text,
                       resultType: checked?.resultType ?? .dyn, referencedVariables: p.referenced,
                       literalComparisons: checked?.comparisons ?? [])
    }

    private mutating func plan(_ e: Expr) -> Step {
        switch e.kind {
        case .literal(let v):
            return { _ in v }
        case .ident(let name):
            if let ref = checked?.references[e.id] { return resolved(ref) }
            return identifier(name)
        case .select(let operand, let field, let testOnly):
            if let ref = checked?.references[e.id] { return resolved(ref) }
            if checked == nil, !testOnly, let q = e.qualifiedName, CELType.runtimeNames[q] != nil {
                return identifier(q)
            }
            let o = plan(operand)
            return testOnly ? Planner.has(o, field) : Planner.select(o, field)
        case .call(let fn, let target, let args):
            return call(fn, target: target, args: args)
        case .list(let elements):
            // A list of literals is built once, not at every evaluation.
            let literals = elements.compactMap { e -> CELValue? in if case .literal(let v) = e.kind { return v } else { return nil } }
            if literals.count == elements.count {
                let constant = CELValue.list(literals)
                return { _ in constant }
            }
            let steps = elements.map { plan($0) }
            return { a in
                var out: [CELValue] = []
                out.reserveCapacity(steps.count)
                for s in steps {
                    let v = s(&a)
                    if v.isError { return v }
                    out.append(v)
                }
                return .list(out)
            }
        case .map(let entries):
            let steps = entries.map { (plan($0.key), plan($0.value)) }
            return { a in
                var m = CELMap()
                for (ks, vs) in steps {
                    let k = ks(&a)
                    if k.isError { return k }
                    let v = vs(&a)
                    if v.isError { return v }
                    do throws(CELError) { try m.insert(k, v) } catch { return .error(error) }
                }
                return .map(m)
            }
        case .comprehension(let c):
            return comprehension(c)
        }
    }

    private mutating func resolved(_ ref: Checker.Reference) -> Step {
        switch ref {
        case .variable(let n): return identifier(n)
        case .typeName(let n):
            let v = CELValue.type(CELType.runtimeNames[n]!)
            return { _ in v }
        }
    }

    private mutating func identifier(_ raw: String) -> Step {
        let name = raw.hasPrefix(".") ? String(raw.dropFirst()) : raw
        if !raw.hasPrefix("."), let local = scopes.last(where: { $0.name == name }) {
            let slot = local.slot
            return { a in a.slots[slot] }
        }
        if let slot = env.slot(of: name) {
            if !referenced.contains(name) { referenced.append(name) }
            return { a in a.slots[slot] }
        }
        if let t = CELType.runtimeNames[name] {
            return { _ in .type(t) }
        }
        let err = CELValue.error(CELError("undeclared reference to '\(name)'"))
        return { _ in err }
    }

    static func select(_ o: @escaping Step, _ field: String) -> Step {
        { a in
            switch o(&a) {
            case .map(let m):
                return m[string: field] ?? .error(CELError("no such key: '\(field)'"))
            case .error(let e): return .error(e)
            case let v: return .error(CELError("type '\(v.typeName)' has no field '\(field)'"))
            }
        }
    }

    static func has(_ o: @escaping Step, _ field: String) -> Step {
        { a in
            switch o(&a) {
            case .map(let m): return .bool(m[string: field] != nil)
            case .error(let e): return .error(e)
            case let v: return .error(CELError("has() does not apply to type '\(v.typeName)'"))
            }
        }
    }

    private mutating func comprehension(_ c: Expr.Comprehension) -> Step {
        let range = plan(c.range)
        let slot = nextSlot
        nextSlot += 1
        maxSlot = max(maxSlot, nextSlot)
        scopes.append((c.variable, slot))
        // Plain closures, not Optionals: an Optional closure is called through
        // a reabstraction thunk at every element.
        var predicate: Step = { _ in .bool(true) }
        if let p = c.predicate { predicate = plan(p) }
        var transform: Step = { a in a.slots[slot] }
        if let t = c.transform { transform = plan(t) }
        scopes.removeLast()
        nextSlot -= 1
        return Macros.step(kind: c.kind, range: range, slot: slot, predicate: predicate,
                           filtered: c.predicate != nil, transform: transform)
    }

    private mutating func call(_ fn: String, target: Expr?, args: [Expr]) -> Step {
        if let target {
            let t = plan(target)
            let rest = args.map { plan($0) }
            guard let impl = StandardFunctions.member[fn] else {
                let err = CELValue.error(CELError("no such function '\(fn)'"))
                return { a in
                    let v = t(&a)
                    return v.isError ? v : err
                }
            }
            return Planner.strict([t] + rest, impl)
        }
        // Operators get their operands as plain closures: taken out of an
        // array, a closure is wrapped in a reabstraction thunk that every
        // evaluation would pay for.
        if let op = operatorStep(fn, args) { return op }
        let steps = args.map { plan($0) }
        guard let impl = StandardFunctions.global[fn] else {
            let err = CELValue.error(CELError("no such function '\(fn)'"))
            return Planner.strict(steps) { _ in err }
        }
        return Planner.strict(steps, impl)
    }

    private mutating func operatorStep(_ fn: String, _ args: [Expr]) -> Step? {
        switch (fn, args.count) {
        case ("!_", 1): return Operators.not(plan(args[0]))
        case ("-_", 1): return Operators.unary(plan(args[0]), Arithmetic.negate)
        case ("_?_:_", 3):
            let (c, t, f) = (plan(args[0]), plan(args[1]), plan(args[2]))
            return Operators.conditional(c, t, f)
        case (_, 2): break
        default: return nil
        }
        let binary: @Sendable (CELValue, CELValue) -> CELValue
        switch fn {
        case "_&&_", "_||_":
            let (l, r) = (plan(args[0]), plan(args[1]))
            return fn == "_&&_" ? Operators.and(l, r) : Operators.or(l, r)
        case "_<_", "_<=_", "_>_", "_>=_":
            let (l, r) = (plan(args[0]), plan(args[1]))
            switch fn {
            case "_<_": return Operators.ordering(l, r, fn) { $0 < 0 }
            case "_<=_": return Operators.ordering(l, r, fn) { $0 <= 0 }
            case "_>_": return Operators.ordering(l, r, fn) { $0 == 1 }
            default: return Operators.ordering(l, r, fn) { $0 == 0 || $0 == 1 }
            }
        case "_==_": binary = { .bool(Equality.equals($0, $1)) }
        case "_!=_": binary = { .bool(!Equality.equals($0, $1)) }
        case "_+_": binary = Arithmetic.add
        case "_-_": binary = Arithmetic.subtract
        case "_*_": binary = Arithmetic.multiply
        case "_/_": binary = Arithmetic.divide
        case "_%_": binary = Arithmetic.remainder
        case "_[_]": binary = Operators.index
        case "@in": binary = { Equality.contains($1, $0) }
        default: return nil
        }
        let (l, r) = (plan(args[0]), plan(args[1]))
        return Operators.binary(l, r, binary)
    }

    /// A call whose arguments are all evaluated first; the first error wins.
    static func strict(_ steps: [Step], _ impl: @escaping StandardFunctions.Implementation) -> Step {
        { a in
            var args: [CELValue] = []
            args.reserveCapacity(steps.count)
            for s in steps {
                let v = s(&a)
                if v.isError { return v }
                args.append(v)
            }
            return impl(args)
        }
    }
}
