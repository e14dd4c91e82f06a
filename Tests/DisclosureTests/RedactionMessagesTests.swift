import Testing
@testable import Disclosure

/// A refused redaction rule reads in one language per message, in the
/// project's words: never the regular-expression engine's error text
/// (`Error Domain=NSCocoaErrorDomain Code=2048 …`).
@Suite("Redaction messages")
struct RedactionMessagesTests {
    static func hasHan(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test(arguments: ["(unclosed", "[a-", "*start", "a{2,1}"])
    func anInvalidPatternIsDescribedWithoutTheEngineText(_ pattern: String) throws {
        let error = try #require(throws: RedactionError.self) { try Redactor(rules: [.pattern(pattern, replacement: "")]) }
        for text in [error.description, error.zh, error.en] {
            #expect(!text.contains("Domain") && !text.contains("Code=") && !text.contains("NSRegularExpression"), "\(text)")
            #expect(text.contains(pattern))
        }
        #expect(error.description == error.zh)
        #expect(Self.hasHan(error.zh) && !Self.hasHan(error.en))
        #expect(error.message(chinese: false) == error.en)
    }
}
