import Testing
@testable import CEL

@Suite("Parser")
struct ParserTests {
    /// Each broken expression with the line, column and message its diagnostic must carry.
    static let broken: [(text: String, line: Int, column: Int, message: String)] = [
        ("value > ", 1, 9, "unexpected end of expression"),
        // An unclosed bracket is reported at the bracket left open.
        ("a && (b || c", 1, 6, "unclosed '(': expected ')' but found end of expression"),
        ("x ? 1", 1, 6, "expected ':' but found end of expression"),
        ("1 +\n  * 2", 2, 3, "unexpected '*'"),
        ("'unterminated", 1, 1, "unterminated string literal"),
        ("a.b.\n(c)", 2, 1, "expected a field or method name after '.' but found '('"),
        ("99999999999999999999", 1, 1, "integer literal out of range"),
        ("9223372036854775808", 1, 1, "integer literal out of range"),
        ("while > 1", 1, 1, "'while' is a reserved word and cannot name a variable or function"),
        ("'\\q'", 1, 2, "invalid escape sequence '\\q'"),
        ("has(a)", 1, 1, "has() takes one field selection, like has(entity.phone)"),
        ("items.all(1, true)", 1, 11, "the first argument of all() must be a simple variable name"),
        ("value # 2", 1, 7, "unexpected character '#'"),
        ("名称 == 'x'", 1, 1, "unexpected character '名'"),
        ("'多字节' == x y", 1, 12, "unexpected 'y' after the end of the expression"),
        ("Foo{a: 1}", 1, 1, "message construction 'Foo{…}' needs protocol buffer types, which Spotcheck does not support"),
    ]

    @Test("parse errors carry line, column and message", arguments: broken)
    func parseErrors(_ c: (text: String, line: Int, column: Int, message: String)) {
        do {
            _ = try Parser.parse(c.text)
            Issue.record("expected a parse error for \(c.text)")
        } catch {
            #expect(error.stage == .parse)
            #expect(error.position == SourcePosition(line: c.line, column: c.column), "\(c.text): \(error)")
            #expect(error.message == c.message)
        }
    }

    @Test func negativeIntegerLimits() throws {
        let env = Environment()
        #expect(try env.compile("-9223372036854775808").evaluate([:], in: env) == .int(.min))
        #expect(try env.compile("--19").evaluate([:], in: env) == .int(19))
        #expect(try env.compile("-(-42)").evaluate([:], in: env) == .int(42))
    }

    @Test func deepNestingIsRefusedNotCrashing() {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        #expect(throws: CELIssue.self) { try Parser.parse(deep) }
        let deepUnary = String(repeating: "!", count: 5000) + "true"
        #expect(throws: CELIssue.self) { try Parser.parse(deepUnary) }
    }

    @Test func macrosBecomeComprehensions() throws {
        let p = try Parser.parse("items.exists(i, i.ok)")
        guard case .comprehension(let c) = p.root.kind else {
            Issue.record("not a comprehension"); return
        }
        #expect(c.kind == .exists)
        #expect(c.variable == "i")
    }

    @Test func stringsAndBytes() throws {
        let env = Environment()
        #expect(try env.compile(#"'\u4e2d' + "文""#).evaluate([:], in: env) == .string("中文"))
        #expect(try env.compile(#"b'\xff\000'"#).evaluate([:], in: env) == .bytes([0xFF, 0]))
        #expect(try env.compile(#"r'\n'"#).evaluate([:], in: env) == .string("\\n"))
        #expect(try env.compile("'''a\nb'''").evaluate([:], in: env) == .string("a\nb"))
    }
}

extension CELValue: Equatable {
    public static func == (a: CELValue, b: CELValue) -> Bool {
        switch (a, b) {
        case (.error(let x), .error(let y)): return x == y
        case (.int, .int), (.uint, .uint), (.double, .double), (.string, .string), (.bool, .bool),
             (.bytes, .bytes), (.null, .null), (.list, .list), (.map, .map), (.timestamp, .timestamp),
             (.duration, .duration), (.type, .type):
            return Equality.equals(a, b)
        default: return false
        }
    }
}
