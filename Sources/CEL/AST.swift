/// A parsed expression node. Every node carries an id (for the checker's
/// type table) and the scalar offset where it starts (for diagnostics).
public struct Expr: Sendable {
    public var id: Int
    public var offset: Int
    public var kind: Kind

    public indirect enum Kind: Sendable {
        case literal(CELValue)
        /// A name, possibly qualified with dots; a leading dot means the root namespace.
        case ident(String)
        /// `operand.field`; `testOnly` is the `has(operand.field)` macro.
        case select(operand: Expr, field: String, testOnly: Bool)
        /// A function or operator call. Operators use CEL's internal names
        /// (`_+_`, `_&&_`, `!_`, `_[_]`, `@in`, `_?_:_`); `target` is the receiver
        /// of a member-style call such as `s.startsWith(p)`.
        case call(function: String, target: Expr?, args: [Expr])
        case list([Expr])
        case map([MapEntry])
        case comprehension(Comprehension)
    }

    public struct MapEntry: Sendable {
        public var key: Expr
        public var value: Expr
    }

    /// The macros `all exists exists_one map filter`, kept as their own node
    /// rather than desugared into a generic fold, so evaluation can build a
    /// result list in one pass and stop early where CEL allows.
    public struct Comprehension: Sendable {
        public enum Kind: String, Sendable { case all, exists, existsOne = "exists_one", map, filter }
        public var kind: Kind
        public var variable: String
        public var range: Expr
        /// The predicate of all/exists/exists_one/filter, the filter of the 3-argument map.
        public var predicate: Expr?
        /// The transform of map.
        public var transform: Expr?
    }
}

extension Expr {
    /// Calls `body` on each direct child.
    public func forEachChild(_ body: (Expr) throws -> Void) rethrows {
        switch kind {
        case .literal, .ident: break
        case .select(let operand, _, _): try body(operand)
        case .call(_, let target, let args):
            if let target { try body(target) }
            for a in args { try body(a) }
        case .list(let elements): for e in elements { try body(e) }
        case .map(let entries): for e in entries { try body(e.key); try body(e.value) }
        case .comprehension(let c):
            try body(c.range)
            if let p = c.predicate { try body(p) }
            if let t = c.transform { try body(t) }
        }
    }

    /// If this node is a chain of identifiers and selections (`a.b.c`),
    /// the dotted name; otherwise nil. Used to resolve qualified names.
    public var qualifiedName: String? {
        switch kind {
        case .ident(let n): return n
        case .select(let operand, let field, false):
            return operand.qualifiedName.map { "\($0).\(field)" }
        default: return nil
        }
    }
}
