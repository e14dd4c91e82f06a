/// A recursive-descent parser for CEL's grammar (langdef.md, "Syntax").
/// Macros are recognised here, as in cel-go, so that the checker and the
/// planner see `has`, `all`, `exists`, `exists_one`, `map` and `filter` as
/// nodes of their own.
public struct Parser {
    /// Deeper nesting than this is refused, so a hostile or mangled rule file
    /// cannot exhaust the stack of the parser, the checker or the evaluator:
    /// `maxDepth` bounds the parser's own recursion (parentheses included),
    /// `maxHeight` the height of the resulting tree (long `||` chains included).
    public static let maxDepth = 96
    public static let maxHeight = 100

    let source: Source
    var tokens: [Token] = []
    var p = 0
    private var nextID = 1
    private var depth = 0
    private var heights: [Int32] = [0]
    /// For selections and member calls: where the field or method name starts.
    private var nameOffsets: [Int: Int] = [:]

    private init(source: Source) { self.source = source }

    /// Parses `text`; throws the first problem with its line and column.
    public static func parse(_ text: String) throws(CELIssue) -> ParsedExpression {
        let source = Source(text)
        var parser = Parser(source: source)
        parser.tokens = try Lexer.tokenize(source)
        if case .end = parser.current.kind {
            throw parser.fail("unexpected end of expression", .emptyExpression)
        }
        let expr = try parser.expression()
        guard case .end = parser.current.kind else { throw parser.trailing() }
        return ParsedExpression(source: source, root: expr, nodeCount: parser.nextID, nameOffsets: parser.nameOffsets)
    }

    // MARK: - Helpers

    var current: Token { tokens[p] }

    func fail(_ message: String, _ kind: IssueKind = .other, at offset: Int? = nil) -> CELIssue {
        CELIssue(stage: .parse, kind: kind, message: message, position: source.position(of: offset ?? current.offset))
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .identifier(let n): return "'\(n)'"
        case .punct(let s): return "'\(s)'"
        case .end: return "end of expression"
        default: return "literal"
        }
    }

    private func isPunct(_ s: String) -> Bool {
        if case .punct(let q) = current.kind { return q == s }
        return false
    }

    mutating func accept(_ s: String) -> Bool {
        if isPunct(s) { p += 1; return true }
        return false
    }

    private mutating func expect(_ s: String) throws(CELIssue) {
        guard accept(s) else { throw mismatch(s) }
    }

    private mutating func node(_ kind: Expr.Kind, at offset: Int) throws(CELIssue) -> Expr {
        let e = Expr(id: nextID, offset: offset, kind: kind)
        var h: Int32 = 0
        e.forEachChild { h = max(h, heights[$0.id]) }
        h += 1
        if h > Parser.maxHeight {
            throw fail("expression nested too deeply (more than \(Parser.maxHeight) levels)", .tooDeep(Parser.maxHeight), at: offset)
        }
        heights.append(h)
        nextID += 1
        return e
    }

    private mutating func call(_ fn: String, _ args: [Expr], at offset: Int) throws(CELIssue) -> Expr {
        try node(.call(function: fn, target: nil, args: args), at: offset)
    }

    private mutating func enter() throws(CELIssue) {
        depth += 1
        if depth > Parser.maxDepth { throw fail("expression nested too deeply (more than \(Parser.maxDepth) levels)", .tooDeep(Parser.maxDepth)) }
    }

    // MARK: - Grammar

    private mutating func expression() throws(CELIssue) -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = current.offset
        let cond = try conditionalOr()
        guard accept("?") else { return cond }
        let a = try conditionalOr()
        try expect(":")
        let b = try expression()
        return try call("_?_:_", [cond, a, b], at: start)
    }

    private mutating func conditionalOr() throws(CELIssue) -> Expr {
        var lhs = try conditionalAnd()
        while isPunct("||") {
            let at = current.offset
            p += 1
            let rhs = try conditionalAnd()
            lhs = try call("_||_", [lhs, rhs], at: at)
        }
        return lhs
    }

    private mutating func conditionalAnd() throws(CELIssue) -> Expr {
        var lhs = try relation()
        while isPunct("&&") {
            let at = current.offset
            p += 1
            let rhs = try relation()
            lhs = try call("_&&_", [lhs, rhs], at: at)
        }
        return lhs
    }

    private static let relations: [String: String] = [
        "<": "_<_", "<=": "_<=_", ">": "_>_", ">=": "_>=_", "==": "_==_", "!=": "_!=_",
    ]

    private mutating func relation() throws(CELIssue) -> Expr {
        var lhs = try addition()
        while true {
            let at = current.offset
            if case .punct(let s) = current.kind, let fn = Parser.relations[s] {
                p += 1
                lhs = try call(fn, [lhs, try addition()], at: at)
            } else if case .identifier("in") = current.kind {
                p += 1
                lhs = try call("@in", [lhs, try addition()], at: at)
            } else {
                return lhs
            }
        }
    }

    private mutating func addition() throws(CELIssue) -> Expr {
        var lhs = try multiplication()
        while isPunct("+") || isPunct("-") {
            let at = current.offset
            let fn = isPunct("+") ? "_+_" : "_-_"
            p += 1
            lhs = try call(fn, [lhs, try multiplication()], at: at)
        }
        return lhs
    }

    private mutating func multiplication() throws(CELIssue) -> Expr {
        var lhs = try unary()
        while isPunct("*") || isPunct("/") || isPunct("%") {
            let at = current.offset
            let fn = isPunct("*") ? "_*_" : (isPunct("/") ? "_/_" : "_%_")
            p += 1
            lhs = try call(fn, [lhs, try unary()], at: at)
        }
        return lhs
    }

    private mutating func unary() throws(CELIssue) -> Expr {
        var ops: [(String, Int)] = []
        while isPunct("!") || isPunct("-") {
            ops.append((isPunct("!") ? "!_" : "-_", current.offset))
            p += 1
        }
        try enter()
        defer { depth -= 1 }
        // A minus directly before a numeric literal belongs to the literal, so
        // that -9223372036854775808 is a valid int.
        var negateLiteral = false
        if let last = ops.last, last.0 == "-_" {
            switch current.kind {
            case .int, .double: negateLiteral = true; ops.removeLast()
            default: break
            }
        }
        var e = try member(negateLiteral: negateLiteral)
        for (fn, at) in ops.reversed() { e = try call(fn, [e], at: at) }
        return e
    }

    private mutating func member(negateLiteral: Bool) throws(CELIssue) -> Expr {
        var e = try primary(negateLiteral: negateLiteral)
        while true {
            let at = current.offset
            if accept(".") {
                guard case .identifier(let name) = current.kind else {
                    let message = "expected a field or method name after '.' but found \(describe(current))"
                    if case .end = current.kind { throw fail(message, .unexpectedEnd(after: ".")) }
                    throw fail(message, .expectedToken(expected: "a field or method name", found: text(current)))
                }
                let nameAt = current.offset
                p += 1
                let open = current.offset
                if accept("(") {
                    let args = try arguments(closing: ")", opening: open)
                    e = try receiverCall(name, target: e, args: args, at: at)
                } else {
                    e = try node(.select(operand: e, field: name, testOnly: false), at: at)
                }
                nameOffsets[e.id] = nameAt
            } else if accept("[") {
                let index = try expression()
                try expectClosing("]", opening: at)
                e = try call("_[_]", [e, index], at: at)
            } else {
                return e
            }
        }
    }

    private mutating func arguments(closing: String, opening: Int) throws(CELIssue) -> [Expr] {
        var args: [Expr] = []
        if accept(closing) { return args }
        repeat {
            if isPunct(closing) { break }   // trailing comma
            args.append(try expression())
        } while accept(",")
        try expectClosing(closing, opening: opening)
        return args
    }

    private mutating func primary(negateLiteral: Bool) throws(CELIssue) -> Expr {
        let t = current
        let at = t.offset
        switch t.kind {
        case .int(let magnitude):
            p += 1
            if negateLiteral {
                return try node(.literal(.int(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))), at: at)
            }
            guard magnitude <= UInt64(Int64.max) else { throw fail("integer literal out of range", at: at) }
            return try node(.literal(.int(Int64(magnitude))), at: at)
        case .uint(let v):
            if negateLiteral { throw fail("unsigned literal cannot be negative", at: at) }
            p += 1
            return try node(.literal(.uint(v)), at: at)
        case .double(let v):
            p += 1
            return try node(.literal(.double(negateLiteral ? -v : v)), at: at)
        case .string(let s):
            p += 1
            return try node(.literal(.string(s)), at: at)
        case .bytes(let b):
            p += 1
            return try node(.literal(.bytes(b)), at: at)
        case .punct("("):
            p += 1
            let e = try expression()
            try expectClosing(")", opening: at)
            return e
        case .punct("["):
            p += 1
            return try node(.list(try arguments(closing: "]", opening: at)), at: at)
        case .punct("{"):
            p += 1
            return try node(.map(try mapEntries(opening: at)), at: at)
        case .punct("."), .identifier:
            return try identifierOrCall()
        case .end:
            throw fail("unexpected end of expression", .unexpectedEnd(after: previousText))
        case .punct(let op) where Parser.binaryOperators.contains(op):
            throw fail("unexpected \(describe(t))", .missingOperand(operator: op, after: previousText))
        case .punct(let c) where c == ")" || c == "]" || c == "}":
            if let previous = previousText, Parser.binaryOperators.contains(previous) || previous == "!" || previous == "-" {
                throw fail("unexpected \(describe(t))", .nothingAfter(previous))
            }
            throw fail("unexpected \(describe(t))", .unexpectedToken(c))
        default:
            throw fail("unexpected \(describe(t))", .unexpectedToken(text(t)))
        }
    }

    static let binaryOperators: Set<String> = ["&&", "||", "==", "!=", "<", "<=", ">", ">=", "+", "*", "/", "%", "?", ":", ","]

    private mutating func mapEntries(opening: Int) throws(CELIssue) -> [Expr.MapEntry] {
        var entries: [Expr.MapEntry] = []
        if accept("}") { return entries }
        repeat {
            if isPunct("}") { break }
            let k = try expression()
            try expect(":")
            let v = try expression()
            entries.append(Expr.MapEntry(key: k, value: v))
        } while accept(",")
        try expectClosing("}", opening: opening)
        return entries
    }

    private mutating func identifierOrCall() throws(CELIssue) -> Expr {
        let at = current.offset
        let rooted = accept(".")
        guard case .identifier(let name) = current.kind else {
            let message = "expected an identifier but found \(describe(current))"
            if case .end = current.kind { throw fail(message, .unexpectedEnd(after: ".")) }
            throw fail(message, .expectedToken(expected: "an identifier", found: text(current)))
        }
        p += 1
        switch name {
        case "true": return try node(.literal(.bool(true)), at: at)
        case "false": return try node(.literal(.bool(false)), at: at)
        case "null": return try node(.literal(.null), at: at)
        case "in": throw fail("unexpected 'in'", .missingOperand(operator: "in", after: p > 1 ? text(at: p - 2) : nil), at: at)
        default: break
        }
        if Keywords.reserved.contains(name) {
            throw fail("'\(name)' is a reserved word and cannot name a variable or function", .reservedWord(name), at: at)
        }
        // `not x`, `not (x)`: another language's negation.
        if !rooted, let meant = Parser.wordOperators[name], meant == "!" {
            switch current.kind {
            case .identifier, .punct("("), .punct("!"), .int, .double, .string:
                throw fail("unexpected \(describe(current))", .wordOperator(found: name, meant: meant), at: at)
            default: break
            }
        }
        let open = current.offset
        if accept("(") {
            let args = try arguments(closing: ")", opening: open)
            if name == "has" && !rooted { return try hasMacro(args, at: at) }
            return try node(.call(function: name, target: nil, args: args), at: at)
        }
        var full = rooted ? "." + name : name
        // Message construction `pkg.Type{field: value}` needs protocol buffers.
        var look = p
        while case .punct(".") = tokens[look].kind, case .identifier(let part) = tokens[look + 1].kind {
            full += "." + part
            look += 2
        }
        if case .punct("{") = tokens[look].kind {
            throw fail("message construction '\(full){…}' needs protocol buffer types, which Spotcheck does not support", .messageConstruction(full), at: at)
        }
        return try node(.ident(rooted ? "." + name : name), at: at)
    }

    private mutating func hasMacro(_ args: [Expr], at: Int) throws(CELIssue) -> Expr {
        guard args.count == 1, case .select(let operand, let field, _) = args[0].kind else {
            throw fail("has() takes one field selection, like has(entity.phone)", .badHasArgument, at: at)
        }
        let e = try node(.select(operand: operand, field: field, testOnly: true), at: at)
        nameOffsets[e.id] = nameOffsets[args[0].id]
        return e
    }

    private mutating func receiverCall(_ name: String, target: Expr, args: [Expr], at: Int) throws(CELIssue) -> Expr {
        let kind: Expr.Comprehension.Kind?
        switch (name, args.count) {
        case ("all", 2): kind = .all
        case ("exists", 2): kind = .exists
        case ("exists_one", 2): kind = .existsOne
        case ("map", 2), ("map", 3): kind = .map
        case ("filter", 2): kind = .filter
        default: kind = nil
        }
        guard let kind else {
            return try node(.call(function: name, target: target, args: args), at: at)
        }
        guard case .ident(let variable) = args[0].kind, !variable.hasPrefix(".") else {
            throw fail("the first argument of \(name)() must be a simple variable name", .badMacroVariable(macro: name), at: args[0].offset)
        }
        var c = Expr.Comprehension(kind: kind, variable: variable, range: target)
        switch (kind, args.count) {
        case (.map, 2): c.transform = args[1]
        case (.map, _): c.predicate = args[1]; c.transform = args[2]
        default: c.predicate = args[1]
        }
        return try node(.comprehension(c), at: at)
    }
}

/// The result of parsing: the tree plus its source, for positions later.
public struct ParsedExpression: Sendable {
    public let source: Source
    public let root: Expr
    /// One more than the largest node id: the size of per-node tables.
    public let nodeCount: Int
    /// For selections and member calls, by node id: where the name starts.
    let nameOffsets: [Int: Int]

    /// Where the field or method name of a selection or member call starts
    /// (`entity.boardng` → `boardng`); other nodes start where they start.
    public func namePosition(of expr: Expr) -> SourcePosition {
        source.position(of: nameOffsets[expr.id] ?? expr.offset)
    }

    public func position(of expr: Expr) -> SourcePosition { source.position(of: expr.offset) }
}
