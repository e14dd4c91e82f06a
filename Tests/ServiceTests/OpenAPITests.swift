import Foundation
import Hummingbird
import Testing
@testable import Service

/// `/api/v1/openapi.json` (SPEC.md §12): a valid OpenAPI 3.1 document
/// that describes every route the router serves under `/api/v1`, and no
/// route it does not serve.
@Suite("OpenAPI document")
struct OpenAPITests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.text.utf8)) as? [String: Any])
    }

    @Test("the document validates as OpenAPI 3.1 (openapi-spec-validator)")
    func validates() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).json")
        try OpenAPIDocument.text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "openapi_spec_validator", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // .ci/run installs the validator; its absence is a failure, not a skip.
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("OK"), "\(text)")
        #expect(try Self.document()["openapi"] as? String == "3.1.0")
    }

    @Test("every route served under /api/v1 is in the document, and every documented route is served")
    func listsEveryRoute() throws {
        let world = try ServiceWorld()
        let served = Set(world.router.routes.compactMap { route -> String? in
            let path = route.path.description
            guard path.hasPrefix("/api/v1/") else { return nil }
            return "\(route.method.rawValue) \(path.dropFirst("/api/v1".count))"
        })
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        let methods = ["get", "put", "post", "delete", "patch", "head", "options"]
        let documented = Set(paths.flatMap { path, operations in
            operations.keys.filter { methods.contains($0) }.map { "\($0.uppercased()) \(path)" }
        })
        #expect(served.count >= 14)
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        let servers = try #require(try Self.document()["servers"] as? [[String: Any]])
        #expect(servers.first?["url"] as? String == "/api/v1")
    }

    @Test("the service serves the document it holds")
    func served() async throws {
        let world = try ServiceWorld()
        try await Application(router: world.router).test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(String(buffer: response.body) == OpenAPIDocument.text)
            }
        }
    }
}
