import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Service

/// What stands between a request and the store: sign-in throttling, the
/// CSRF token of cookie sessions, body limits, strict documents (422 with
/// positions, never a 500), the security headers of every answer.
@Suite("Request guards")
struct RequestGuardTests {
    @Test("repeated failed sign-ins are refused with 429 and Retry-After; the right password then waits too")
    func throttling() async throws {
        let world = try ServiceWorld { $0.loginFailuresAllowed = 3 }
        let id = try #require(world.accounts[.leadOffice])
        try await Application(router: world.router).test(.router) { client in
            func signIn(_ password: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: #"{"id": "\#(id)", "password": "\#(password)"}"#)) { $0 }
            }
            for _ in 0..<3 { #expect(try await signIn("wrong password").status == .unauthorized) }
            let refused = try await signIn("wrong password")
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect((try refused.json() as? [String: Any])?["error"] is String)
            #expect(try await signIn(ServiceWorld.password(id)).status == .tooManyRequests)
            // Another account from elsewhere is not held up... but from the same client it is.
            let other = try #require(world.accounts[.departmentAdmin])
            let fromSameClient = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                          body: ByteBuffer(string: #"{"id": "\#(other)", "password": "\#(ServiceWorld.password(other))"}"#)) { $0.status }
            #expect(fromSameClient == .tooManyRequests)
        }
        // The throttle itself: a success clears the account, the window lets attempts back in.
        let throttle = LoginThrottle(allowed: 2, window: .seconds(60))
        let start = ContinuousClock.now
        throttle.failed(account: "a", client: "c1", now: start)
        throttle.failed(account: "a", client: "c2", now: start)
        #expect(throttle.wait(account: "a", client: "c3", now: start) != nil)
        #expect(throttle.wait(account: "a", client: "c3", now: start + .seconds(61)) == nil)
        throttle.succeeded(account: "a")
        #expect(throttle.wait(account: "a", client: "c9", now: start) == nil)
    }

    @Test("a wrong password and an unknown account get the same 401")
    func wrongCredentials() async throws {
        let world = try ServiceWorld()
        try await Application(router: world.router).test(.router) { client in
            var bodies: [String] = []
            for body in [#"{"id": "lead-kuancheng", "password": "nope-nope"}"#, #"{"id": "nobody-at-all", "password": "nope-nope"}"#] {
                let r = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: body)) { $0 }
                #expect(r.status == .unauthorized)
                bodies.append(r.text)
            }
            #expect(bodies[0] == bodies[1])
            let malformed = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                     body: ByteBuffer(string: "{")) { $0.status }
            #expect(malformed == .badRequest)
        }
    }

    @Test("a cookie session's write needs its CSRF token; a bearer token needs none")
    func csrf() async throws {
        let world = try ServiceWorld()
        let id = try #require(world.accounts[.departmentAdmin])
        try await Application(router: world.router).test(.router) { client in
            let signedIn = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                    body: ByteBuffer(string: #"{"id": "\#(id)", "password": "\#(ServiceWorld.password(id))"}"#)) { $0 }
            let setCookie = try #require(signedIn.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/"))
            let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
            let csrf = try #require((try signedIn.json() as? [String: Any])?["csrf_token"] as? String)
            let body = #"{"task": "\#(ServiceWorld.task)", "decision": "confirmed"}"#
            var headers: HTTPFields = [.contentType: "application/json", .cookie: cookie]
            let without = try await client.execute(uri: "/api/v1/confirmations", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
            #expect(without.status == .forbidden)
            #expect(without.text.contains("CSRF"))
            headers[CSRFMiddleware.headerName] = "not-the-token"
            #expect(try await client.execute(uri: "/api/v1/confirmations", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0.status } == .forbidden)
            headers[CSRFMiddleware.headerName] = csrf
            #expect(try await client.execute(uri: "/api/v1/confirmations", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0.status } == .created)
            // A page form carries it as a field.
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            #expect(try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "x=1")) { $0.status } == .forbidden)
            #expect(try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)")) { $0.status } == .seeOther)
            // Signed out: the cookie signs nobody in any more.
            #expect(try await client.execute(uri: "/api/v1/tasks", method: .get, headers: [.cookie: cookie]) { $0.status } == .unauthorized)
        }
    }

    @Test("a body over the limit gets 413; findings that do not fit get 422 with their lines and columns; neither a 500")
    func limitsAndDiagnostics() async throws {
        let world = try ServiceWorld { $0.maxBodyBytes = 64 * 1024 }
        try await Application(router: world.router).test(.router) { client in
            let headers = world.headers(.teamInspector)
            let huge = "{\"plan\": \"" + String(repeating: "x", count: 70 * 1024) + "\"}"
            let tooLarge = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: ByteBuffer(string: huge)) { $0 }
            #expect(tooLarge.status == .contentTooLarge)
            #expect((try tooLarge.json() as? [String: Any])?["error"] is String)

            let broken = try world.findingsJSON(changes: ["accompany_missing_days": .string("three")])
            let invalid = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: ByteBuffer(string: broken)) { $0 }
            #expect(invalid.status == .unprocessableContent)
            let diagnostics = try #require((try invalid.json() as? [String: Any])?["diagnostics"] as? [[String: Any]])
            #expect(!diagnostics.isEmpty)
            let column = try #require(diagnostics.first?["column"] as? Int)
            #expect(diagnostics.first?["line"] as? Int == 1 && column > 1)
            #expect(broken.utf8.count > column)

            for garbage in ["", "not json", "[1, 2]", "{\"answers\": 0x10}", "\u{0}"] {
                let r = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: ByteBuffer(string: garbage)) { $0 }
                #expect(r.status == .unprocessableContent, "\(garbage): \(r.status)")
            }
            // Not on this task's team: 403; a task this jurisdiction never drew: 422 at its place.
            let notOnTeam = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: world.headers(.otherInspector),
                                                     body: ByteBuffer(string: try world.findingsJSON())) { $0.status }
            #expect(notOnTeam == .forbidden)
            let undrawn = try world.findingsJSON().replacingOccurrences(of: "\"T-0001\"", with: "\"T-0999\"")
            #expect(try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: ByteBuffer(string: undrawn)) { $0.status } == .unprocessableContent)
            // Evidence that is not a photo or a PDF.
            #expect(try await client.execute(uri: "/api/v1/evidence", method: .post, headers: headers, body: ByteBuffer(string: "<html>")) { $0.status } == .unsupportedMediaType)
            // An unknown route under /api/ answers JSON.
            let missing = try await client.execute(uri: "/api/v1/nothing", method: .get) { $0 }
            #expect(missing.status == .notFound)
            #expect((try missing.json() as? [String: Any])?["error"] is String)
        }
    }

    @Test("a submission is acknowledged with the evaluation, a version and the submission id; the same again is a duplicate")
    func submissionRoundTrip() async throws {
        let world = try ServiceWorld()
        try await Application(router: world.router).test(.router) { client in
            let body = try world.findingsJSON(changes: ["staff_morning_check": .bool(false)], submissionID: "app-0001")
            let first = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: world.headers(.teamInspector),
                                                 body: ByteBuffer(string: body)) { $0 }
            #expect(first.status == .created)
            let evaluation = try #require(try first.json() as? [String: Any])
            #expect(evaluation["submission_id"] as? String == "app-0001")
            #expect(evaluation["version"] as? Int == 1)
            #expect((evaluation["violations"] as? [String]) == ["staff_morning_check"])
            #expect((evaluation["result"] as? [String: Any])?["code"] is String)
            let again = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: world.headers(.teamInspector),
                                                 body: ByteBuffer(string: body)) { $0 }
            #expect(again.status == .ok)
            #expect((try again.json() as? [String: Any])?["duplicate"] as? Bool == true)
            let changed = try world.findingsJSON(submissionID: "app-0001")
            #expect(try await client.execute(uri: "/api/v1/submissions", method: .post, headers: world.headers(.teamInspector),
                                             body: ByteBuffer(string: changed)) { $0.status } == .conflict)
            let second = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: world.headers(.teamInspector),
                                                  body: ByteBuffer(string: try world.findingsJSON(submissionID: "app-0002"))) { $0 }
            #expect((try second.json() as? [String: Any])?["version"] as? Int == 2)
            let actors = try world.store.auditEntries(jurisdiction: "kuancheng").filter { $0.action == "submission" }.map(\.actor)
            #expect(actors.count == 2 && actors.allSatisfy { $0.hasPrefix(world.accounts[.teamInspector]! + " ") })
        }
    }

    @Test("every answer carries the security headers; pages never inline a script")
    func securityHeaders() async throws {
        let world = try ServiceWorld()
        try await Application(router: world.router).test(.router) { client in
            for uri in ["/", "/disclosures", "/login", "/api/v1/health", "/nowhere", "/plans/\(ServiceWorld.canteens)"] {
                try await client.execute(uri: uri, method: .get) { r in
                    let csp = r.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(r.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(r.headers[HTTPField.Name("Referrer-Policy")!] != nil, "\(uri)")
                    let html = String(buffer: r.body)
                    #expect(!html.contains("<script>") && !html.contains(" onclick=") && !html.contains("style="), "\(uri)")
                }
            }
        }
    }

    @Test("pages in Chinese first, English by ?lang=en or Accept-Language, with the lang attribute")
    func languages() async throws {
        let world = try ServiceWorld()
        try await Application(router: world.router).test(.router) { client in
            let zh = try await client.execute(uri: "/", method: .get) { $0.text }
            #expect(zh.contains("<html lang=\"zh-CN\">") && zh.contains("结果公示"))
            let en = try await client.execute(uri: "/?lang=en", method: .get) { $0.text }
            #expect(en.contains("<html lang=\"en\">") && en.contains("Results") && !en.contains("结果公示"))
            let accepted = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.8"]) { $0.text }
            #expect(accepted.contains("<html lang=\"en\">"))
            let error = try await client.execute(uri: "/api/v1/tasks?lang=en", method: .get) { $0.text }
            #expect(error.contains("sign in first") && !error.contains("请先登录"))
            let errorZH = try await client.execute(uri: "/api/v1/tasks", method: .get) { $0.text }
            #expect(errorZH.contains("请先登录"))
        }
    }

    @Test("nothing of one jurisdiction reaches another's lead office")
    func jurisdictionsApart() async throws {
        let world = try ServiceWorld()
        try await Application(router: world.router).test(.router) { client in
            let tasks = try await client.execute(uri: "/api/v1/tasks", method: .get, headers: world.headers(.otherLeadOffice)) { try $0.json() }
            let ids = try #require(tasks as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix(ServiceWorld.halal) })
            let status = try await client.execute(uri: "/api/v1/status?all=true", method: .get, headers: world.headers(.otherLeadOffice)) { try $0.json() }
            let deadlines = try #require((status as? [String: Any])?["deadlines"] as? [[String: Any]])
            #expect((status as? [String: Any])?["jurisdiction"] as? String == "changli")
            #expect(deadlines.allSatisfy { ($0["plan"] as? String) == ServiceWorld.halal })
            // kuancheng's task cannot be confirmed, read or submitted from changli.
            let report = try await client.execute(uri: "/api/v1/report?plan=\(ServiceWorld.canteens)", method: .get,
                                                  headers: world.headers(.otherLeadOffice)) { $0.status }
            #expect(report == .notFound)
        }
    }
}
