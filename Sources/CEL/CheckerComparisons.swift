/// What the checker notes about comparisons with text: which string
/// literals are compared with which fields (so a host can check them against
/// the values it knows), and which unknown names stand where text is
/// compared (so the message can say that quotes may be missing).
extension Checker {
    private static let equalities: Set<String> = ["_==_", "_!=_"]
    /// The macros, for "did you mean" on a misspelt one (`exist`).
    static let macros = ["all", "exists", "exists_one", "filter", "has", "map"]

    /// Before the arguments are visited: identifiers compared for equality,
    /// or listed on the right of `in`, may be text without quotes.
    mutating func markComparedText(_ fn: String, _ args: [Expr]) {
        guard args.count == 2 else { return }
        if Checker.equalities.contains(fn) {
            for a in args { if case .ident = a.kind { markText(a) } }
        } else if fn == "@in", case .list(let elements) = args[1].kind {
            for el in elements { if case .ident = el.kind { markText(el) } }
        }
    }

    /// After the arguments are visited (their types known): the string
    /// literals compared with a variable or an object's field.
    mutating func recordComparisons(_ fn: String, _ args: [Expr]) {
        guard args.count == 2 else { return }
        if Checker.equalities.contains(fn) {
            for (subject, other) in [(args[0], args[1]), (args[1], args[0])] {
                if case .literal(.string(let s)) = other.kind, let (owner, name) = self.subject(subject) {
                    noteComparison(LiteralComparison(owner: owner, name: name, literal: s, position: position(of: other)))
                }
            }
        } else if fn == "@in", case .list(let elements) = args[1].kind, let (owner, name) = subject(args[0]) {
            for el in elements {
                if case .literal(.string(let s)) = el.kind {
                    noteComparison(LiteralComparison(owner: owner, name: name, literal: s, position: position(of: el)))
                }
            }
        }
    }

    /// A declared variable (owner nil) or a field of a declared object.
    private func subject(_ e: Expr) -> (String?, String)? {
        switch e.kind {
        case .ident:
            guard case .variable(let v)? = reference(of: e), !isLocal(v) else { return nil }
            return (nil, v)
        case .select(let operand, let field, false):
            if case .object(let o) = type(of: operand) { return (o.name, field) }
            return nil
        default:
            return nil
        }
    }
}
