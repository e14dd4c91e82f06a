import Testing
@testable import CEL

/// Mistakes people make when they write CEL, each recognised as what it is
/// (a kind a host can explain), at the place to fix.
@Suite("Issue kinds")
struct IssueKindTests {
    static let entity = ObjectType(name: "entity", fields: [
        .init("kind", .string), .init("students", .int), .init("boarding", .bool),
        .init("registered_on", .timestamp), .init("tags", .list(.string)),
    ])

    static let env: Environment = {
        var e = Environment()
        e.declare("value", .int)
        e.declare("mode", .string)
        e.declare("accompany_meal_system", .bool)
        e.declare("entity", .object(entity))
        return e
    }()

    static let syntax: [(text: String, line: Int, column: Int, kind: IssueKind)] = [
        ("value = 1", 1, 7, .singleEquals),
        ("value === 1", 1, 7, .wrongOperator(found: "===", meant: "==")),
        ("value !== 1", 1, 7, .wrongOperator(found: "!==", meant: "!=")),
        ("value => 1", 1, 7, .wrongOperator(found: "=>", meant: ">=")),
        ("value <> 1", 1, 7, .wrongOperator(found: "<>", meant: "!=")),
        ("value > 1 & value < 3", 1, 11, .wrongOperator(found: "&", meant: "&&")),
        ("value > 1 | value < 3", 1, 11, .wrongOperator(found: "|", meant: "||")),
        ("value > 1 and value < 3", 1, 11, .wordOperator(found: "and", meant: "&&")),
        ("value > 1 AND value < 3", 1, 11, .wordOperator(found: "AND", meant: "&&")),
        ("value ≥ 1", 1, 7, .wrongOperator(found: "≥", meant: ">=")),
        ("(value > 1 or value < 3)", 1, 12, .wordOperator(found: "or", meant: "||")),
        ("not accompany_meal_system", 1, 1, .wordOperator(found: "not", meant: "!")),
        ("(value > 1 && value < 3", 1, 1, .unclosed(opening: "(", closing: ")")),
        ("mode in ['a', 'b'", 1, 9, .unclosed(opening: "[", closing: "]")),
        ("size(mode > 1", 1, 5, .unclosed(opening: "(", closing: ")")),
        ("value > 1)", 1, 10, .unmatchedClosing(")")),
        ("mode == 'school", 1, 9, .unterminatedString(quote: "'")),
        ("mode == \"school", 1, 9, .unterminatedString(quote: "\"")),
        ("value （ 1", 1, 7, .fullWidth(found: "（", ascii: "(")),
        ("value ＞＝ 1", 1, 7, .fullWidth(found: "＞＝", ascii: ">=")),
        ("mode == “a”", 1, 9, .fullWidth(found: "“", ascii: "\"")),
        ("mode == 存续", 1, 9, .unquotedText("存续")),
        ("value > 1 value < 3", 1, 11, .missingOperator(found: "value")),
        ("value > > 1", 1, 9, .missingOperand(operator: ">", after: ">")),
        ("&& value", 1, 1, .missingOperand(operator: "&&", after: nil)),
        ("value > 1 && )", 1, 14, .nothingAfter("&&")),
        ("value >", 1, 8, .unexpectedEnd(after: ">")),
        ("", 1, 1, .emptyExpression),
        ("   ", 1, 4, .emptyExpression),
    ]

    @Test("syntax mistakes are recognised at the token to fix", arguments: syntax)
    func syntaxKinds(_ c: (text: String, line: Int, column: Int, kind: IssueKind)) {
        do {
            _ = try Self.env.compile(c.text)
            Issue.record("\(c.text) compiled")
        } catch {
            #expect(error.stage == .parse)
            #expect(error.kind == c.kind, "\(c.text)")
            #expect(error.position == SourcePosition(line: c.line, column: c.column), "\(c.text): \(error.position)")
        }
    }

    static let check: [(text: String, column: Int, kind: IssueKind)] = [
        ("entity.boardng", 8, .undefinedField(field: "boardng", owner: "entity", candidates: entity.fieldNames)),
        ("has(entity.boardng)", 12, .undefinedField(field: "boardng", owner: "entity", candidates: entity.fieldNames)),
        ("entity.students > '3'", 17, .noMatchingOverload(function: ">", member: false, arguments: [.int, .string], literals: [nil, "3"])),
        ("accompany_meals_system", 1, .undeclaredReference(name: "accompany_meals_system", candidates: ["value", "mode", "accompany_meal_system", "entity"], asText: false)),
        ("mode == school", 9, .undeclaredReference(name: "school", candidates: ["value", "mode", "accompany_meal_system", "entity"], asText: true)),
        ("value + 1", 7, .resultType(expected: .bool, found: .int)),
    ]

    @Test("check mistakes carry what a host needs to explain them", arguments: check)
    func checkKinds(_ c: (text: String, column: Int, kind: IssueKind)) {
        do {
            _ = try Self.env.compile(c.text, expecting: .bool)
            Issue.record("\(c.text) compiled")
        } catch {
            #expect(error.stage == .check)
            #expect(error.kind == c.kind, "\(c.text): \(error.kind)")
            #expect(error.position == SourcePosition(line: 1, column: c.column), "\(c.text): \(error.position)")
        }
    }

    @Test("a declared object checks its fields and still reads like a map")
    func objects() throws {
        #expect(try Self.env.compile("entity.students > 300 && entity.boarding").resultType == .bool)
        #expect(try Self.env.compile("entity.registered_on < timestamp('2022-01-01T00:00:00Z')").resultType == .bool)
        #expect(try Self.env.compile("'x' in entity.tags").resultType == .bool)
        #expect(try Self.env.compile("has(entity.students)").resultType == .bool)
        #expect(try Self.env.compile("'kind' in entity && size(entity) > 0").resultType == .bool)
        #expect(try Self.env.compile("entity['kind']").resultType == .dyn)
        let map = CELMap(strings: ["kind": .string("school"), "students": .int(400)])
        let p = try Self.env.compile("entity.kind == 'school' && entity.students > 300 && !has(entity.boarding)")
        #expect(p.evaluate(["entity": .map(map)], in: Self.env) == .bool(true))
    }

    @Test("text compared with a variable or a field is recorded with its place")
    func comparisons() throws {
        let p = try Self.env.compile("entity.kind in ['school', 'kindergarten'] || mode == 'a' || 'b' != mode")
        let found = p.literalComparisons.map { "\($0.owner ?? "-").\($0.name)=\($0.literal)@\($0.position)" }
        #expect(found == ["entity.kind=school@1:17", "entity.kind=kindergarten@1:27", "-.mode=a@1:54", "-.mode=b@1:61"])
    }
}
