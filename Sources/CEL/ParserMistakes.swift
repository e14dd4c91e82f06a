/// How the parser names what is wrong: the token as written, an operator
/// of another language (`and`, `or`, `not`), a bracket left open (named at
/// the bracket), a bracket that closes nothing, two operands in a row.
extension Parser {
    /// The text of the token at `index` as written, for issue kinds.
    func text(at index: Int) -> String {
        let t = tokens[index]
        switch t.kind {
        case .identifier(let n): return n
        case .punct(let s): return s
        case .end: return ""
        default:
            let end = index + 1 < tokens.count ? tokens[index + 1].offset : source.scalars.count
            var out = String.UnicodeScalarView()
            out.append(contentsOf: source.scalars[t.offset..<end])
            while let last = out.last, last == " " || last == "\n" || last == "\t" || last == "\r" { out.removeLast() }
            return String(out)
        }
    }

    func text(_ t: Token) -> String {
        t.offset == current.offset ? text(at: p) : (tokens.firstIndex { $0.offset == t.offset }.map { text(at: $0) } ?? "")
    }

    /// The words other languages use for CEL's `&&`, `||` and `!`.
    static let wordOperators: [String: String] = ["and": "&&", "or": "||", "not": "!", "AND": "&&", "OR": "||", "NOT": "!", "And": "&&", "Or": "||", "Not": "!"]

    var previousText: String? { p > 0 ? text(at: p - 1) : nil }

    /// Why the current token cannot go on an expression that is complete.
    func trailing() -> CELIssue {
        let t = current
        let message = "unexpected \(describe(t)) after the end of the expression"
        switch t.kind {
        case .identifier(let w) where Parser.wordOperators[w] != nil:
            return fail(message, .wordOperator(found: w, meant: Parser.wordOperators[w]!))
        case .punct(")"), .punct("]"), .punct("}"):
            return fail(message, .unmatchedClosing(text(t)))
        case .punct("(") , .punct("["), .punct("{"), .punct("!"), .punct("."), .identifier, .int, .uint, .double, .string, .bytes:
            return fail(message, .missingOperator(found: text(t)))
        default:
            return fail(message, .unexpectedToken(text(t)))
        }
    }

    /// Why the current token is not `expected`.
    func mismatch(_ expected: String) -> CELIssue {
        let t = current
        let message = "expected '\(expected)' but found \(describe(t))"
        switch t.kind {
        case .identifier(let w) where Parser.wordOperators[w] != nil:
            return fail(message, .wordOperator(found: w, meant: Parser.wordOperators[w]!))
        default: return fail(message, .expectedToken(expected: expected, found: text(t)))   // "" at the end
        }
    }

    /// Expects the bracket that closes the one opened at `opening`; at the
    /// end of the text the mistake is the opening bracket left unclosed.
    mutating func expectClosing(_ s: String, opening: Int) throws(CELIssue) {
        if accept(s) { return }
        if case .end = current.kind {
            let open = s == ")" ? "(" : (s == "]" ? "[" : "{")
            throw fail("unclosed '\(open)': expected '\(s)' but found end of expression", .unclosed(opening: open, closing: s), at: opening)
        }
        throw mismatch(s)
    }

}
