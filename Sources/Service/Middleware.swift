import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messages

/// Chooses the language of messages and pages: `?lang=en|zh`, else the
/// first of Accept-Language that Spotcheck speaks, else Chinese.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Self.language(query: request.uri.queryParameters.get("lang"),
                                         acceptLanguage: request.headers[.acceptLanguage])
        return try await next(request, context)
    }

    static func language(query: String?, acceptLanguage: String?) -> Language {
        if let query, let l = Language(rawValue: query.lowercased()) { return l }
        for part in (acceptLanguage ?? "").split(separator: ",") {
            let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }
}

/// Every refusal as the caller can read it: JSON `{"error", "diagnostics"?}`
/// under `/api/`, a page elsewhere; in the chosen language. Errors that
/// are not the caller's (a bug, a broken disk) are logged and answered 500
/// without detail.
struct ErrorPresentation: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return present(error, request, context)
        } catch let error as HTTPError {
            return present(Self.translate(error), request, context)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return present(ServiceError(.internalServerError, zh: "服务器内部错误", en: "internal server error"), request, context)
        }
    }

    /// Hummingbird's own refusals (no route, too large, not signed in) in our words.
    static func translate(_ error: HTTPError) -> ServiceError {
        switch error.status {
        case .notFound: return .notFound(zh: "没有这个页面或接口", en: "no such page or route")
        case .contentTooLarge: return ServiceError(.contentTooLarge, zh: "请求内容过大", en: "the request body is too large")
        case .unauthorized: return .signInRequired
        case .methodNotAllowed: return ServiceError(.methodNotAllowed, zh: "此地址不接受该请求方法", en: "this address does not take that method")
        default:
            return ServiceError(error.status, zh: "请求无法处理（\(error.status.code)）", en: "the request cannot be handled (\(error.status.code))")
        }
    }

    func present(_ error: ServiceError, _ request: Request, _ context: Context) -> Response {
        let l = context.language
        var response: Response
        if request.uri.path.hasPrefix("/api/") {
            response = JSONBody.response(error.status, ErrorBody(error, l))
        } else if error.status == .unauthorized, request.method == .get {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            response = Response(status: .seeOther, headers: [.location: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")])
        } else {
            response = pages.errorPage(error, language: l, caller: context.identity)
        }
        for (name, value) in error.headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }
}

/// The JSON body of a refusal.
struct ErrorBody: Encodable {
    struct Item: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
    }
    var error: String
    var diagnostics: [Item]?

    init(_ e: ServiceError, _ l: Language) {
        error = e.message.text(l)
        diagnostics = e.diagnostics.isEmpty ? nil : e.diagnostics.map {
            Item(file: $0.path, line: $0.line, column: $0.column, severity: $0.severity.rawValue, message: $0.message.text(l))
        }
    }
}

/// Headers every response carries: scripts only from this site and never
/// inline, no framing, no sniffing, no referrer beyond this origin.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = ServiceRequestContext
    static let policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil, context.identity != nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// One log line a request: method, path without its query (queries may
/// hold the names people search for), status, time and the account id;
/// never bodies, names or tokens.
struct RequestLog: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let ms = (ContinuousClock.now - start).components
            let elapsed = Double(ms.seconds) * 1000 + Double(ms.attoseconds) / 1e15
            context.logger.info("request", metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                "ms": "\(NumberText.plain((elapsed * 10).rounded() / 10))", "account": "\(context.identity?.id ?? "-")",
            ])
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as ServiceError {
            status = error.status.code
            throw error
        } catch let error as HTTPError {
            status = error.status.code
            throw error
        }
    }
}
