import Directories
import Testing

/// Every message of the Directories module reads in one language (SPEC §10):
/// Chinese, or English under the English choice, never both joined with a
/// slash, never a raw Swift error description; and a value echoed from the
/// file cannot smuggle invisible or control characters into a terminal.
@Suite struct DirectoryMessagesTests {
    static func hasHan(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    /// Every problem, with ASCII payloads so that Han in the English text
    /// can only come from the message itself.
    static let problems: [DirectoryDiagnostic.Problem] = [
        .emptyFile, .noRows, .nulByte, .missingHeaderColumn("name"), .unknownHeaderColumn("area"),
        .duplicateHeaderColumn("name", firstColumn: 4), .wrongCellCount(expected: 3, found: 2),
        .missingValue(column: "name"), .wrongType(column: "students", expected: .int, value: "x"),
        .duplicateKey("K", column: "id", firstLine: 2), .unterminatedQuote, .textAfterClosingQuote, .invalidUTF8,
        .keyHasSurroundingSpace(column: "id"), .keyHasInvisibleCharacter(column: "id", scalar: 0x200B),
        .tooManyRows(limit: 10_000_000), .fileTooLarge(bytes: 5_000_000_000, limit: 4_294_967_296),
    ]

    @Test(arguments: problems)
    func oneLanguagePerMessage(_ problem: DirectoryDiagnostic.Problem) {
        let d = DirectoryDiagnostic(path: "t.csv", line: 2, column: 3, problem: problem)
        #expect(Self.hasHan(d.messageZH), "\(d.messageZH)")
        #expect(!Self.hasHan(d.messageEN), "\(d.messageEN)")
        #expect(d.formatted(chinese: true) == "t.csv:2:3: error: \(d.messageZH)")
        #expect(d.formatted(chinese: false) == "t.csv:2:3: error: \(d.messageEN)")
    }

    @Test func invisibleCharactersOfAnEchoedValueAreShownAsCodePoints() {
        let value = "\u{202E}abc\u{0}\u{200B}d\u{1B}[31m"
        let d = DirectoryDiagnostic(path: "t.csv", line: 2, column: 3,
                                    problem: .wrongType(column: "students", expected: .int, value: value))
        for text in [d.messageZH, d.messageEN] {
            #expect(!text.unicodeScalars.contains { [0x202E, 0x0, 0x200B, 0x1B].contains($0.value) }, "\(text.debugDescription)")
            #expect(text.contains("U+202E") && text.contains("U+0000") && text.contains("U+200B") && text.contains("U+001B"))
            #expect(text.contains("abc") && text.contains("[31m"))
        }
        #expect(DirectoryDiagnostic(path: "t.csv", line: 1, column: 1, problem: .keyHasInvisibleCharacter(column: "id", scalar: 0x200B))
                    .messageEN.contains("U+200B"))
    }

    @Test func readErrorsAndSchemaErrorsHaveOneLanguagePerMessage() {
        let errors: [(zh: String, en: String, description: String)] = [
            { let e = DirectoryReadError(path: "/x/e.csv"); return (e.zh, e.en, e.description) }(),
            { let e = DirectorySchemaError.keyColumnNotDeclared("id"); return (e.zh, e.en, e.description) }(),
            { let e = DirectorySchemaError.duplicateColumn("a"); return (e.zh, e.en, e.description) }(),
            { let e = DirectorySchemaError.emptyColumnName; return (e.zh, e.en, e.description) }(),
        ]
        for e in errors {
            #expect(Self.hasHan(e.zh) && !Self.hasHan(e.en), "\(e)")
            #expect(e.description == e.zh, "\(e.description)")
            #expect(!e.zh.contains(" / ") && !e.en.contains(" / "))
        }
    }
}
