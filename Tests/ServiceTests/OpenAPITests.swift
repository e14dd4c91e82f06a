import Foundation
import Hummingbird
import Testing
@testable import Service

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("the document is JSON with the 3.1 marker and a server")
    func parses() throws {
        let object = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.text.utf8)) as? [String: Any]
        #expect(object?["openapi"] as? String == "3.1.0")
    }
}
