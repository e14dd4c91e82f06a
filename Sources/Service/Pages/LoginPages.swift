import Foundation
import HTTPTypes
import Hummingbird
import Messages
import Store

/// `/login` (the form with inputs `id` and `password`) and `/logout`.
struct LoginPages {
    let state: ServiceState

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/login", use: form)
        router.post("/login", use: signIn)
        router.post("/logout", use: signOut)
    }

    struct Model {
        var shell: PageShell
        var next: String
        var id: String
        var problem: String?
    }

    @Sendable func form(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        if let caller = context.identity { return Self.redirect(next ?? Self.home(of: caller.role)) }
        return page(context, next: next ?? "", id: "", problem: nil, status: .ok)
    }

    func page(_ context: ServiceRequestContext, next: String, id: String, problem: String?, status: HTTPResponse.Status) -> Response {
        let l = context.language
        return state.pages.page("login", Model(shell: PageShell(title: UIText.table(l)["signInTitle"]!, path: "/login", language: l, caller: nil),
                                               next: next, id: id, problem: problem), status: status)
    }

    struct Credentials: Decodable {
        var id: String
        var password: String
        var next: String?
    }

    @Sendable func signIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let form = try await request.decode(as: Credentials.self, context: context)
        let next = Self.safeNext(form.next)
        let outcome: Result<(token: String, session: SessionRecord, account: AccountRecord), ServiceError>
        do { outcome = .success(try state.sessions.signIn(id: form.id, password: form.password, client: context.clientAddress)) } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let signedIn):
            var response = Self.redirect(next ?? Self.home(of: signedIn.account.role))
            response.setCookie(SessionCookie.make(signedIn.token, lifetime: state.configuration.sessionLifetime))
            return response
        case .failure(let error):
            guard error.status == .unauthorized || error.status == .tooManyRequests else { throw error }
            var response = page(context, next: next ?? "", id: form.id, problem: error.message.text(context.language), status: error.status)
            for (name, value) in error.headers { if let field = HTTPField.Name(name) { response.headers[field] = value } }
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let caller = context.identity { try state.sessions.signOut(caller) }
        var response = Self.redirect("/")
        response.setCookie(SessionCookie.expired)
        return response
    }

    /// Where each role starts.
    static func home(of role: AccountRole) -> String {
        switch role {
        case .inspector: return "/tasks"
        case .departmentAdmin: return "/department/confirmations"
        case .leadOffice: return "/office"
        case .systemAdmin: return "/"
        }
    }

    /// Only a path of this site: never another host (`//evil`, `https://…`).
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\r"), !next.contains("\n") else { return nil }
        return next
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
