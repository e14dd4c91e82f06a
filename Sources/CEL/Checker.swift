/// Type-checks a parsed expression against an environment, so that a rule
/// file's typo (an unknown variable, `'a' + 1`) is a load error with its
/// position rather than a surprise during an inspection.
struct Checker {
    struct Result {
        var types: [CELType]
        var resultType: CELType
        /// For each identifier or qualified selection node resolved to a
        /// variable or type name: that name.
        var references: [Int: Reference]
        /// String literals compared with variables or object fields.
        var comparisons: [LiteralComparison]
    }

    enum Reference {
        case variable(String)
        case typeName(String)
    }

    private let parsed: ParsedExpression
    private let env: Environment
    private var types: [CELType]
    private var references: [Int: Reference] = [:]
    private var locals: [(String, CELType)] = []
    private var issues: [CELIssue] = []
    private var comparisons: [LiteralComparison] = []
    /// Identifiers that stand where text is compared (`kind == school`).
    private var comparedAsText: Set<Int> = []

    // For the extensions in other files.
    mutating func markText(_ e: Expr) { comparedAsText.insert(e.id) }
    mutating func noteComparison(_ c: LiteralComparison) { comparisons.append(c) }
    func position(of e: Expr) -> SourcePosition { parsed.position(of: e) }
    func reference(of e: Expr) -> Reference? { references[e.id] }
    func isLocal(_ name: String) -> Bool { locals.contains { $0.0 == name } }
    func type(of e: Expr) -> CELType { types[e.id] }

    private init(_ parsed: ParsedExpression, _ env: Environment) {
        self.parsed = parsed
        self.env = env
        self.types = Array(repeating: .dyn, count: parsed.nodeCount)
    }

    static func check(_ parsed: ParsedExpression, in env: Environment) throws(CELIssue) -> Result {
        var c = Checker(parsed, env)
        let t = c.visit(parsed.root)
        if let first = c.issues.first { throw first }
        return Result(types: c.types, resultType: t, references: c.references, comparisons: c.comparisons)
    }

    static func isAssignable(_ param: CELType, _ arg: CELType) -> Bool {
        var u = Unifier()
        return u.assign(param, arg)
    }

    private mutating func report(_ message: String, _ kind: IssueKind, _ e: Expr, atName: Bool = false) {
        let position = atName ? parsed.namePosition(of: e) : parsed.position(of: e)
        issues.append(CELIssue(stage: .check, kind: kind, message: message, position: position))
    }

    /// The names an unknown identifier may have been meant as.
    private var namesInScope: [String] {
        var names = locals.map(\.0)
        for v in env.variables where !names.contains(v.name) { names.append(v.name) }
        return names
    }

    private func lookup(_ name: String) -> Reference? {
        let plain = name.hasPrefix(".") ? String(name.dropFirst()) : name
        if !name.hasPrefix("."), locals.last(where: { $0.0 == plain }) != nil { return .variable(plain) }
        if env.type(of: plain) != nil { return .variable(plain) }
        if CELType.denotations[plain] != nil { return .typeName(plain) }
        return nil
    }

    private func typeOf(_ ref: Reference) -> CELType {
        switch ref {
        case .variable(let n): return locals.last(where: { $0.0 == n })?.1 ?? env.type(of: n) ?? .dyn
        case .typeName(let n): return .type(CELType.denotations[n]!)
        }
    }

    @discardableResult
    private mutating func visit(_ e: Expr) -> CELType {
        let t = infer(e)
        types[e.id] = t
        return t
    }

    private mutating func infer(_ e: Expr) -> CELType {
        switch e.kind {
        case .literal(let v):
            switch v {
            case .null: return .null
            case .bool: return .bool
            case .int: return .int
            case .uint: return .uint
            case .double: return .double
            case .string: return .string
            case .bytes: return .bytes
            default: return .dyn
            }
        case .ident(let name):
            guard let ref = lookup(name) else {
                report("undeclared reference to '\(name)'",
                       .undeclaredReference(name: name, candidates: namesInScope, asText: comparedAsText.contains(e.id)), e)
                return .error
            }
            references[e.id] = ref
            return typeOf(ref)
        case .select(let operand, let field, let testOnly):
            // A dotted name may be a qualified variable or type name.
            if !testOnly, let q = e.qualifiedName, let ref = lookup(q) {
                references[e.id] = ref
                return typeOf(ref)
            }
            let t = visit(operand)
            switch t {
            case .map(let k, let v):
                if !Checker.isAssignable(k, .string) { report("map with \(k) keys has no field '\(field)'", .noFields(field: field, type: t), e, atName: true) }
                return testOnly ? .bool : v
            case .object(let o):
                guard let ft = o.field(field) else {
                    report("undefined field '\(field)'", .undefinedField(field: field, owner: o.name, candidates: o.fieldNames), e, atName: true)
                    return .error
                }
                return testOnly ? .bool : ft
            case .dyn, .error: return testOnly ? .bool : .dyn
            default:
                report("type '\(t)' has no field '\(field)'", .noFields(field: field, type: t), e, atName: true)
                return .error
            }
        case .call(let fn, let target, let args):
            return call(fn, target: target, args: args, e)
        case .list(let elements):
            let ts = elements.map { visit($0) }
            return .list(join(ts))
        case .map(let entries):
            var ks: [CELType] = [], vs: [CELType] = []
            for entry in entries {
                let k = visit(entry.key)
                switch k {
                case .int, .uint, .bool, .string, .dyn, .error: break
                default: report("unsupported map key type \(k)", .other, entry.key)
                }
                ks.append(k)
                vs.append(visit(entry.value))
            }
            return .map(join(ks), join(vs))
        case .comprehension(let c):
            let rangeType = visit(c.range)
            let element: CELType
            switch rangeType {
            case .list(let el): element = el
            case .map(let k, _): element = k
            case .object: element = .string
            case .dyn, .error: element = .dyn
            default:
                report("\(c.kind.rawValue)() needs a list or map, not \(rangeType)", .macroRange(macro: c.kind.rawValue, found: rangeType), c.range)
                element = .error
            }
            locals.append((c.variable, element))
            defer { locals.removeLast() }
            if let p = c.predicate {
                let pt = visit(p)
                if !Checker.isAssignable(.bool, pt) {
                    report("the condition of \(c.kind.rawValue)() must be bool, not \(pt)", .macroCondition(macro: c.kind.rawValue, found: pt), p)
                }
            }
            let transformType = c.transform.map { visit($0) }
            switch c.kind {
            case .all, .exists, .existsOne: return .bool
            case .map: return .list(transformType ?? .dyn)
            case .filter: return .list(element)
            }
        }
    }

    private func join(_ ts: [CELType]) -> CELType {
        guard let first = ts.first else { return .dyn }
        return ts.allSatisfy { $0 == first } ? first : .dyn
    }

    private mutating func call(_ fn: String, target: Expr?, args: [Expr], _ e: Expr) -> CELType {
        markComparedText(fn, args)
        var argTypes: [CELType] = []
        if let target { argTypes.append(visit(target)) }
        // An unknown function is the mistake, not its arguments (`exist(v, …)`'s `v`).
        guard let overloads = Overloads.table[fn] else {
            let functions = Overloads.table.keys.filter { $0.first?.isLetter == true } + Checker.macros
            report("undeclared reference to '\(fn)'", .undeclaredFunction(name: fn, candidates: functions.sorted()), e, atName: target != nil)
            return .error
        }
        // Arguments are checked before the call, so their own mistakes are reported first.
        for a in args { argTypes.append(visit(a)) }
        recordComparisons(fn, args)
        var results: [CELType] = []
        for o in overloads where o.member == (target != nil) && o.params.count == argTypes.count {
            var u = Unifier()
            if zip(o.params, argTypes).allSatisfy({ u.assign($0.0, $0.1) }) {
                results.append(u.substitute(o.result))
            }
        }
        if results.isEmpty {
            let shown = argTypes.map(\.description).joined(separator: ", ")
            let literals = ([target].compactMap { $0 } + args).map { a -> String? in
                if case .literal(.string(let s)) = a.kind { return s } else { return nil }
            }
            report("found no matching overload for '\(Checker.display(fn))' applied to (\(shown))",
                   .noMatchingOverload(function: Checker.display(fn), member: target != nil, arguments: argTypes, literals: literals),
                   e, atName: target != nil)
            return .error
        }
        return join(results)
    }

    /// Operators by their symbol in messages.
    static func display(_ fn: String) -> String {
        let names = ["_&&_": "&&", "_||_": "||", "!_": "!", "-_": "-", "_==_": "==", "_!=_": "!=",
                     "_<_": "<", "_<=_": "<=", "_>_": ">", "_>=_": ">=", "_+_": "+", "_-_": "-",
                     "_*_": "*", "_/_": "/", "_%_": "%", "_[_]": "[]", "@in": "in", "_?_:_": "?:"]
        return names[fn] ?? fn
    }
}
