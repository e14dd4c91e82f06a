import Testing
@testable import CEL

@Suite("Evaluation")
struct EvaluationTests {
    func eval(_ text: String, _ bindings: [String: CELValue] = [:]) throws -> CELValue {
        var env = Environment()
        for k in bindings.keys { env.declare(k, .dyn) }
        return try env.compile(text).evaluate(bindings, in: env)
    }

    func errorMessage(_ v: CELValue) -> String? {
        if case .error(let e) = v { return e.message }
        return nil
    }

    @Test("errors are values with a reason", arguments: [
        ("1 / 0", "division by zero"),
        ("5 % 0", "modulus by zero"),
        ("9223372036854775807 + 1", "integer overflow"),
        ("-9223372036854775808 - 1", "integer overflow"),
        ("0u - 1u", "unsigned integer overflow"),
        ("int(1e99)", "range error: 1e+99 does not fit in int"),
        ("[1, 2][5]", "invalid_argument: index 5 out of range for a list of size 2"),
        ("{'a': 1}['b']", "no such key: 'b'"),
        ("timestamp('2024-13-01T00:00:00Z')", "invalid timestamp '2024-13-01T00:00:00Z'"),
        ("duration('1 fortnight')", "invalid duration '1 fortnight'"),
        ("bool('yes')", "Type conversion error: cannot convert 'yes' to bool"),
    ])
    func errorValues(_ c: (String, String)) throws {
        #expect(errorMessage(try eval(c.0)) == c.1)
    }

    @Test func logicalOperatorsAbsorbErrors() throws {
        #expect(try eval("false && 1 / 0 > 1") == .bool(false))
        #expect(try eval("1 / 0 > 1 && false") == .bool(false))
        #expect(try eval("1 / 0 > 1 || true") == .bool(true))
        #expect(try eval("true || 1 / 0 > 1") == .bool(true))
        #expect(errorMessage(try eval("true && 1 / 0 > 1")) == "division by zero")
        #expect(errorMessage(try eval("1 / 0 > 1 || false")) == "division by zero")
    }

    @Test func unboundVariableIsAnErrorValue() throws {
        var env = Environment()
        env.declare("x", .int)
        var activation = Activation(env)
        let v = try env.compile("x + 1").evaluate(&activation)
        #expect(errorMessage(v) == "no value bound for 'x'")
    }

    @Test func ruleConditions() throws {
        let entity = CELValue.map(CELMap(strings: ["credit_grade": "C", "halal": true]))
        #expect(try eval("value > 8.0 && !certified", ["value": 9.5, "certified": false]) == .bool(true))
        #expect(try eval("value > 8.0 && !certified", ["value": 4.0, "certified": false]) == .bool(false))
        #expect(try eval("entity.credit_grade in ['C', 'D']", ["entity": entity]) == .bool(true))
        #expect(try eval("has(entity.phone)", ["entity": entity]) == .bool(false))
        #expect(try eval("[1, 2, 3].map(x, x * 2).filter(y, y > 2)") == .list([4, 6]))
        #expect(try eval("[1, 2, 3].exists_one(x, x > 2)") == .bool(true))
    }

    @Test func timestampsAndDurations() throws {
        #expect(try eval("timestamp('2024-09-27T00:00:00Z') + duration('72h')") ==
                .timestamp(try CELTimestamp.parse("2024-09-30T00:00:00Z")))
        #expect(try eval("timestamp('2024-06-12T10:00:00+08:00').getHours('Asia/Shanghai')") == .int(10))
        #expect(try eval("timestamp('2024-06-12T10:00:00+08:00').getHours()") == .int(2))
        #expect(try eval("timestamp('2024-06-12T00:00:00Z').getDayOfWeek()") == .int(3))
        #expect(try eval("string(duration('1h30m'))") == .string("5400s"))
    }

    @Test func stringsCompareByCodePoint() throws {
        #expect(try eval("'Am\\u00E9lie' == 'Ame\\u0301lie'") == .bool(false))
        #expect(try eval("size('宽城满族自治县')") == .int(7))
        #expect(try eval("'宽城县市场监督管理局'.contains('市场监督')") == .bool(true))
        #expect(try eval("'12130827MB0000001X'.matches('^[0-9A-Z]{18}$')") == .bool(true))
    }

    @Test func programIsReusableAcrossActivations() throws {
        var env = Environment()
        env.declare("value", .double)
        let p = try env.compile("value > 8.0")
        var a = Activation(env)
        for (v, want) in [(9.0, true), (7.0, false), (8.0, false), (8.5, true)] {
            a.bind("value", .double(v))
            #expect(p.evaluate(&a) == .bool(want))
        }
        #expect(p.referencedVariables == ["value"])
    }
}
