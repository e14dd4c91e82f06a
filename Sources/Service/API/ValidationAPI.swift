import Foundation
import Hummingbird
import Messages
import Spotcheck

/// `POST /api/v1/validate`: a checklist or plan draft (YAML text) →
/// `{"valid", "diagnostics": [{"line", "column", "severity", "message"}]}`.
struct ValidationAPI {
    let state: ServiceState

    func addRoutes(to api: RouterGroup<ServiceRequestContext>) {
        api.post("validate", use: validate)
    }

    struct Result: Encodable {
        struct Item: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: String
            var message: String
        }
        struct Example: Encodable {
            var checklist: String
            var name: String
            var line: Int
            var passed: Bool
            var problems: [String]
        }
        var valid: Bool
        var file: String
        var diagnostics: [Item]
        var examples: [Example]
    }

    /// A JSON body `{"text": "…"}`, or the YAML itself as the body.
    struct Draft: Decodable {
        var text: String
    }

    @Sendable func validate(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try Access.require(context, .departmentAdmin, .leadOffice)
        let bytes = try await Body.bytes(request, limit: state.configuration.maxBodyBytes)
        let text: String
        if (request.headers[.contentType] ?? "").hasPrefix("application/json") {
            guard let draft = try? JSONDecoder().decode(Draft.self, from: Data(bytes)) else {
                throw ServiceError.badRequest(zh: "JSON 请求应为 {\"text\": \"…YAML…\"}", en: "a JSON request must be {\"text\": \"…YAML…\"}")
            }
            text = draft.text
        } else {
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw ServiceError.badRequest(zh: "草稿应为 UTF-8 文本", en: "the draft must be UTF-8 text")
            }
            text = decoded
        }
        let outcome = DraftReview.validate(text, workspace: state.workspace, replacing: try state.publishedTexts())
        return JSONBody.response(.ok, Self.result(outcome, context.language))
    }

    static func result(_ o: DraftReview.Outcome, _ l: Language) -> Result {
        Result(valid: o.valid, file: o.relativePath,
               diagnostics: o.diagnostics.map { .init(file: $0.path, line: $0.line, column: $0.column, severity: $0.severity.rawValue, message: $0.message.text(l)) },
               examples: o.examples.map { .init(checklist: $0.checklist, name: $0.example, line: $0.place.line, passed: $0.passed, problems: $0.problems.map { $0.text(l) }) })
    }
}
