import Foundation
import Hummingbird
import Messages

/// Why the service refused a request, as data: the HTTP status, the
/// message in both languages, and the diagnostics (file, line, column) of
/// a document that did not fit. It is presented as JSON under `/api/` and
/// as a page elsewhere, in the caller's language (`ErrorPresentation`).
public struct ServiceError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var message: LocalizedText
    public var diagnostics: [Diagnostic]
    /// Extra headers (`Retry-After` on 429, `Location` on a redirect to the login page).
    public var headers: [String: String]

    public init(_ status: HTTPResponse.Status, zh: String, en: String, diagnostics: [Diagnostic] = [], headers: [String: String] = [:]) {
        self.status = status
        self.message = LocalizedText(zh: zh, en: en)
        self.diagnostics = diagnostics
        self.headers = headers
    }

    public init(_ status: HTTPResponse.Status, _ message: LocalizedText, diagnostics: [Diagnostic] = []) {
        self.init(status, zh: message.zh, en: message.en, diagnostics: diagnostics)
    }

    /// 401: the route needs a signed-in caller.
    public static let signInRequired = ServiceError(.unauthorized, zh: "请先登录", en: "sign in first")

    /// 403: signed in, but this role, department or jurisdiction may not.
    public static func forbidden(zh: String, en: String) -> ServiceError { ServiceError(.forbidden, zh: zh, en: en) }

    public static func notFound(zh: String, en: String) -> ServiceError { ServiceError(.notFound, zh: zh, en: en) }

    /// 400: a body or a parameter that cannot be read at all.
    public static func badRequest(zh: String, en: String) -> ServiceError { ServiceError(.badRequest, zh: zh, en: en) }

    /// 422: a document that was read but does not fit, with its diagnostics.
    public static func unprocessable(_ diagnostics: [Diagnostic]) -> ServiceError {
        let n = diagnostics.filter { $0.severity == .error }.count
        return ServiceError(.unprocessableContent, zh: "提交的内容有 \(n) 处错误", en: "the document has \(n) error(s)", diagnostics: diagnostics)
    }

    public static func tooLarge(limit: Int) -> ServiceError {
        ServiceError(.contentTooLarge, zh: "请求内容超过 \(limit) 字节的上限", en: "the request body is over the \(limit)-byte limit")
    }
}
