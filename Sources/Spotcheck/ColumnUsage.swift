import CEL

/// Which columns of a record variable (`entity`) a plan's expressions read,
/// found once from their syntax: `entity.x`, `has(entity.x)` and
/// `entity['x']` read column `x`. A draw then builds, for each of millions
/// of rows, a CEL map of those few columns instead of all of them.
///
/// Any other use of the variable (passed whole to a function, compared,
/// iterated, indexed by a computed key, or shadowed by a macro variable of
/// the same name) may read any column: the usage is then `all`, and every
/// column is bound, as before.
enum ColumnUsage: Equatable {
    case all
    case columns(Set<String>)

    /// The usage of `variable` across `texts` (CEL sources that compiled).
    static func of(_ variable: String, in texts: [String]) -> ColumnUsage {
        var used = Set<String>()
        for text in texts {
            guard let parsed = try? Parser.parse(text) else { return .all }
            guard collect(parsed.root, variable, into: &used) else { return .all }
        }
        return .columns(used)
    }

    /// Adds the columns `expr` reads; false when it may read any.
    private static func collect(_ expr: Expr, _ variable: String, into used: inout Set<String>) -> Bool {
        switch expr.kind {
        case .ident(let name):
            let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
            if bare == variable { return false }
            if bare.hasPrefix(variable + ".") {
                // A qualified name `entity.x.y`: column x.
                used.insert(String(bare.dropFirst(variable.count + 1).prefix { $0 != "." }))
            }
            return true
        case .select(let operand, let field, _):
            if isVariable(operand, variable) {
                used.insert(field)
                return true
            }
            return collect(operand, variable, into: &used)
        case .call(let function, let target, let args):
            if function == "_[_]", target == nil, args.count == 2, isVariable(args[0], variable) {
                guard case .literal(.string(let column)) = args[1].kind else { return false }
                used.insert(column)
                return true
            }
            var ok = true
            expr.forEachChild { if ok { ok = collect($0, variable, into: &used) } }
            return ok
        case .comprehension(let c):
            if c.variable == variable { return false }
            var ok = true
            expr.forEachChild { if ok { ok = collect($0, variable, into: &used) } }
            return ok
        case .literal, .list, .map:
            var ok = true
            expr.forEachChild { if ok { ok = collect($0, variable, into: &used) } }
            return ok
        }
    }

    private static func isVariable(_ expr: Expr, _ variable: String) -> Bool {
        if case .ident(let name) = expr.kind { return name == variable || name == "." + variable }
        return false
    }

    /// Whether `column` must be bound.
    func includes(_ column: String) -> Bool {
        switch self {
        case .all: return true
        case .columns(let set): return set.contains(column)
        }
    }
}
