import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// The session cookie's name.
let sessionCookieName = "spotcheck_session"

/// Recognises the caller from `Authorization: Bearer TOKEN` or the session
/// cookie; a request with neither (or a dead session) goes on unsigned and
/// the routes that need a caller answer 401.
struct SessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = ServiceRequestContext
    let sessions: Sessions

    func authenticate(request: Request, context: Context) async throws -> Caller? {
        if let bearer = request.headers.bearer {
            return try sessions.caller(token: bearer.token, byBearer: true)
        }
        if let cookie = request.cookies[sessionCookieName] {
            return try sessions.caller(token: cookie.value, byBearer: false)
        }
        return nil
    }
}

/// Refuses a write made with the session cookie that does not carry the
/// session's CSRF token: in the `X-CSRF-Token` header (scripts) or the
/// `csrf` field of a form. Another site can make a browser send the
/// cookie, not the token. Bearer callers need none.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    static let headerName = HTTPField.Name("X-CSRF-Token")!
    /// Signing in acts for nobody yet: a browser still holding an old
    /// session cookie may sign in again without that session's token.
    static let signIn: Set<String> = ["/login", "/api/v1/session"]
    static let formField = "csrf"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), let caller = context.identity, !caller.byBearer,
              !Self.signIn.contains(request.uri.path) else {
            return try await next(request, context)
        }
        let expected = caller.session.csrfToken
        if let header = request.headers[Self.headerName] {
            guard Tokens.equal(header, expected) else { throw Self.refusal }
            return try await next(request, context)
        }
        guard (request.headers[.contentType] ?? "").hasPrefix("application/x-www-form-urlencoded") else { throw Self.refusal }
        var request = request
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw ServiceError.tooLarge(limit: context.maxUploadSize)
        }
        request.body = .init(buffer: body)
        let fields = FormFields(String(buffer: body))
        guard let token = fields.first(Self.formField), Tokens.equal(token, expected) else { throw Self.refusal }
        return try await next(request, context)
    }

    static let refusal = ServiceError(.forbidden, zh: "表单已失效或来源不明（缺少 CSRF 令牌），请刷新页面后重试",
                                      en: "the form is stale or did not come from this site (no CSRF token); reload the page and try again")
}

/// The fields of an `application/x-www-form-urlencoded` body, in order;
/// a name may repeat (checkboxes).
struct FormFields: Sendable {
    var pairs: [(name: String, value: String)]

    init(_ body: String) {
        pairs = body.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(kv[0]), kv.count > 1 ? Self.decode(kv[1]) : "")
        }
    }

    func first(_ name: String) -> String? { pairs.first { $0.name == name }?.value }
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    private static func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
    }
}
