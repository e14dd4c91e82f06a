import Foundation
import Hummingbird
import Store

/// `GET /api/v1/health`, `POST /api/v1/session` (sign in), `DELETE /api/v1/session` (sign out).
struct SessionAPI {
    let state: ServiceState

    func addRoutes(to api: RouterGroup<ServiceRequestContext>) {
        api.get("health") { _, _ in JSONBody.response(.ok, ["status": "ok"]) }
        api.post("session", use: signIn)
        api.delete("session", use: signOut)
    }

    struct Credentials: Decodable {
        var id: String
        var password: String
    }

    struct SignedIn: Encodable {
        var token: String
        var role: String
        var csrf_token: String
        var jurisdiction: String?
        var department: String?
    }

    @Sendable func signIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let credentials = try await request.decode(as: Credentials.self, context: context)
        let (token, session, account) = try state.sessions.signIn(id: credentials.id, password: credentials.password, client: context.clientAddress)
        var response = JSONBody.response(.ok, SignedIn(token: token, role: account.role.rawValue, csrf_token: session.csrfToken,
                                                       jurisdiction: account.jurisdiction.isEmpty ? nil : account.jurisdiction,
                                                       department: account.department))
        response.setCookie(SessionCookie.make(token, lifetime: state.configuration.sessionLifetime))
        return response
    }

    @Sendable func signOut(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try context.caller()
        try state.sessions.signOut(caller)
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.expired)
        return response
    }
}

/// The session cookie: HttpOnly (no script reads it), SameSite=Lax (not
/// sent with another site's forms), for the whole site.
enum SessionCookie {
    static func make(_ token: String, lifetime: Duration) -> Cookie {
        Cookie(name: sessionCookieName, value: token, maxAge: Int(lifetime.components.seconds), path: "/", httpOnly: true, sameSite: .lax)
    }

    static let expired = Cookie(name: sessionCookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax)
}
