import Testing
@testable import CEL

@Suite("Checker")
struct CheckerTests {
    static let env: Environment = {
        var e = Environment()
        e.declare("value", .double)
        e.declare("certified", .bool)
        e.declare("count", .int)
        e.declare("name", .string)
        e.declare("entity", .map(.string, .dyn))
        e.declare("tags", .list(.string))
        return e
    }()

    static let broken: [(text: String, line: Int, column: Int, message: String)] = [
        ("valeu > 8.0", 1, 1, "undeclared reference to 'valeu'"),
        ("value > 8.0 &&\n  !certifed", 2, 4, "undeclared reference to 'certifed'"),
        ("name + 1", 1, 6, "found no matching overload for '+' applied to (string, int)"),
        ("value && certified", 1, 7, "found no matching overload for '&&' applied to (double, bool)"),
        ("!count", 1, 1, "found no matching overload for '!' applied to (int)"),
        ("count == 'x'", 1, 7, "found no matching overload for '==' applied to (int, string)"),
        ("size(certified)", 1, 1, "found no matching overload for 'size' applied to (bool)"),
        // Field and method errors point at the name, not at the dot.
        ("count.kind", 1, 7, "type 'int' has no field 'kind'"),
        ("tags.all(t, t + 1)", 1, 15, "found no matching overload for '+' applied to (string, int)"),
        ("tags.exists(t, size(t))", 1, 16, "the condition of exists() must be bool, not int"),
        ("noSuchFunction(1)", 1, 1, "undeclared reference to 'noSuchFunction'"),
        ("name.startsWith(1)", 1, 6, "found no matching overload for 'startsWith' applied to (string, int)"),
        ("{[1]: 2}", 1, 2, "unsupported map key type list(int)"),
    ]

    @Test("checker errors carry line, column and message", arguments: broken)
    func checkErrors(_ c: (text: String, line: Int, column: Int, message: String)) {
        do {
            _ = try Self.env.compile(c.text)
            Issue.record("expected a check error for \(c.text)")
        } catch {
            #expect(error.stage == .check)
            #expect(error.position == SourcePosition(line: c.line, column: c.column), "\(c.text): \(error)")
            #expect(error.message == c.message)
        }
    }

    @Test("well-typed rule conditions check", arguments: [
        "value > 8.0 && !certified",
        "entity.credit_grade in ['C', 'D']",
        "has(entity.phone) ? entity.phone.startsWith('1') : false",
        "tags.filter(t, t != '').map(t, size(t)).all(n, n > 0)",
        "timestamp('2024-01-01T00:00:00Z') < timestamp('2024-06-01T00:00:00Z')",
        "entity.registered_on <= timestamp('2022-12-31T00:00:00Z')",
        "count + 1 > 2 ? 'many' : 'few'",
        "value >= 0",   // mixed numeric comparison is allowed
    ])
    func accepts(_ text: String) throws {
        _ = try Self.env.compile(text)
    }

    @Test func resultTypeIsInferred() throws {
        #expect(try Self.env.compile("value * 2.0").resultType == .double)
        #expect(try Self.env.compile("tags.map(t, size(t))").resultType == .list(.int))
        #expect(try Self.env.compile("entity.kind").resultType == .dyn)
    }

    @Test func expectedTypeIsEnforced() {
        #expect(throws: CELIssue.self) { try Self.env.compile("count + 1", expecting: .bool) }
    }
}
