import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Service

/// The role × route matrix of SPEC.md §12: every route, called by every
/// kind of caller, answers with the status its rules give: 401 without
/// credentials where it needs them, 403 with credentials not allowed,
/// success for the caller it serves, and nothing of another jurisdiction.
@Suite("Role × route matrix")
struct AccessMatrixTests {
    /// A request of the matrix and the statuses expected, by caller.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var method: HTTPRequest.Method
        var uri: @Sendable (ServiceWorld) throws -> String
        var body: @Sendable (ServiceWorld) throws -> [UInt8]?
        var contentType: String = "application/json"
        var expected: [Who: HTTPResponse.Status]
        var description: String { name }
    }

    static let everyone200: [Who: HTTPResponse.Status] = Dictionary(uniqueKeysWithValues: Who.allCases.map { ($0, .ok) })

    static func only(_ allowed: [Who: HTTPResponse.Status], signedIn: HTTPResponse.Status = .forbidden) -> [Who: HTTPResponse.Status] {
        var out: [Who: HTTPResponse.Status] = [.anyone: .unauthorized]
        for who in Who.allCases where who != .anyone { out[who] = allowed[who] ?? signedIn }
        return out
    }

    /// A PNG's first bytes: evidence must be a photo or a PDF.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    static let cases: [Case] = [
        Case(name: "GET /api/v1/health", method: .get, uri: { _ in "/api/v1/health" }, body: { _ in nil }, expected: everyone200),
        Case(name: "GET /api/v1/openapi.json", method: .get, uri: { _ in "/api/v1/openapi.json" }, body: { _ in nil }, expected: everyone200),
        Case(name: "GET /api/v1/tasks", method: .get, uri: { _ in "/api/v1/tasks" }, body: { _ in nil },
             expected: only([.teamInspector: .ok, .otherInspector: .ok, .departmentAdmin: .ok, .otherDepartmentAdmin: .ok,
                             .leadOffice: .ok, .otherLeadOffice: .ok])),
        Case(name: "POST /api/v1/submissions", method: .post, uri: { _ in "/api/v1/submissions" }, body: { Array(try $0.findingsJSON().utf8) },
             expected: only([.teamInspector: .created])),
        Case(name: "POST /api/v1/evidence", method: .post, uri: { _ in "/api/v1/evidence" }, body: { _ in png }, contentType: "image/png",
             expected: only([.teamInspector: .created, .otherInspector: .created])),
        Case(name: "POST /api/v1/validate", method: .post, uri: { _ in "/api/v1/validate" },
             body: { _ in Array(try String(contentsOfFile: ServiceWorld.root + "/Checklists/fire/school_kitchen_fire_safety.yaml", encoding: .utf8).utf8) },
             contentType: "application/yaml",
             expected: only([.departmentAdmin: .ok, .otherDepartmentAdmin: .ok, .leadOffice: .ok, .otherLeadOffice: .ok])),
        Case(name: "POST /api/v1/confirmations", method: .post, uri: { _ in "/api/v1/confirmations" },
             body: { _ in Array(#"{"task": "\#(ServiceWorld.task)", "decision": "confirmed"}"#.utf8) },
             expected: only([.departmentAdmin: .created])),
        Case(name: "GET /api/v1/referrals", method: .get, uri: { _ in "/api/v1/referrals" }, body: { _ in nil },
             expected: only([.departmentAdmin: .ok, .otherDepartmentAdmin: .ok, .leadOffice: .ok, .otherLeadOffice: .ok])),
        Case(name: "GET /api/v1/status", method: .get, uri: { _ in "/api/v1/status" }, body: { _ in nil },
             expected: only([.departmentAdmin: .ok, .otherDepartmentAdmin: .ok, .leadOffice: .ok, .otherLeadOffice: .ok])),
        Case(name: "GET /api/v1/report", method: .get, uri: { _ in "/api/v1/report?year=2024" }, body: { _ in nil },
             expected: only([.departmentAdmin: .ok, .otherDepartmentAdmin: .ok, .leadOffice: .ok, .otherLeadOffice: .ok])),
        Case(name: "POST /api/v1/publications", method: .post, uri: { _ in "/api/v1/publications" }, body: { _ in nil },
             expected: only([.leadOffice: .ok, .otherLeadOffice: .ok])),
        Case(name: "GET /api/v1/disclosures", method: .get, uri: { _ in "/api/v1/disclosures?q=中学" }, body: { _ in nil }, expected: everyone200),
        Case(name: "DELETE /api/v1/session", method: .delete, uri: { _ in "/api/v1/session" }, body: { _ in nil },
             expected: only(Dictionary(uniqueKeysWithValues: Who.allCases.map { ($0, .noContent) }))),
        Case(name: "GET /", method: .get, uri: { _ in "/" }, body: { _ in nil }, expected: everyone200),
        Case(name: "GET /disclosures", method: .get, uri: { _ in "/disclosures?q=中学" }, body: { _ in nil }, expected: everyone200),
        Case(name: "GET /plans/{plan}", method: .get, uri: { _ in "/plans/\(ServiceWorld.canteens)" }, body: { _ in nil }, expected: everyone200),
        Case(name: "GET /plans/{plan}/draws/{draw}", method: .get, uri: { w in try w.drawPath() }, body: { _ in nil }, expected: everyone200),
        Case(name: "GET /plans/{plan}/draws/{draw}/certificate.json", method: .get, uri: { w in try w.drawPath() + "/certificate.json" },
             body: { _ in nil }, expected: everyone200),
        Case(name: "GET /office", method: .get, uri: { _ in "/office" }, body: { _ in nil },
             expected: only([.leadOffice: .ok, .otherLeadOffice: .ok]).merging([.anyone: .seeOther]) { $1 }),
        Case(name: "GET /office/report", method: .get, uri: { _ in "/office/report" }, body: { _ in nil },
             expected: only([.leadOffice: .ok, .otherLeadOffice: .ok]).merging([.anyone: .seeOther]) { $1 }),
        Case(name: "GET /office/publish", method: .get, uri: { _ in "/office/publish" }, body: { _ in nil },
             expected: only([.leadOffice: .ok, .otherLeadOffice: .ok]).merging([.anyone: .seeOther]) { $1 }),
        Case(name: "POST /office/publish", method: .post, uri: { _ in "/office/publish" }, body: { _ in nil },
             expected: only([.leadOffice: .ok, .otherLeadOffice: .ok])),
    ]

    @Test("every caller gets the status the rules give", arguments: cases)
    func matrix(_ c: Case) async throws {
        let world = try ServiceWorld()
        let app = Application(router: world.router)
        try await app.test(.router) { client in
            for who in Who.allCases {
                var headers = world.headers(who, json: false)
                let body = try c.body(world)
                if body != nil { headers[.contentType] = c.contentType }
                let status = try await client.execute(uri: try c.uri(world), method: c.method, headers: headers,
                                                      body: body.map { ByteBuffer(bytes: $0) }) { $0.status }
                #expect(status == c.expected[who], "\(c.name) as \(who): \(status.code), expected \(c.expected[who]?.code ?? 0)")
            }
        }
    }

    @Test("recording a referral's handling: the receiving department's administrator and the lead office only")
    func referralEvents() async throws {
        let world = try ServiceWorld()
        let app = Application(router: world.router)
        try await app.test(.router) { client in
            // A fire-safety problem found by education is referred on.
            let findings = try world.findingsJSON(changes: ["canteen_extinguishers_ok": .bool(false)])
            let submitted = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: world.headers(.teamInspector),
                                                     body: ByteBuffer(string: findings)) { $0 }
            #expect(submitted.status == .created)
            let referrals = try #require((try submitted.json() as? [String: Any])?["referrals"] as? [[String: Any]])
            let recipient = try #require(referrals.first?["to"] as? String)
            let referralID = try #require(try world.kuancheng.referrals().first?.referral.id)
            let uri = "/api/v1/referrals/\(referralID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["#", "/"]))!)/events"
            // The receiving department's administrator may; another's may not.
            let receiver = try #require(world.admins[recipient])
            let token = try world.state.sessions.signIn(id: receiver, password: ServiceWorld.password(receiver), client: "t").token
            var receiverHeaders = HTTPFields()
            receiverHeaders[.authorization] = "Bearer \(token)"
            receiverHeaders[.contentType] = "application/json"
            let body = #"{"status": "received", "on": "2024-05-21"}"#
            let asReceiver = try await client.execute(uri: uri, method: .post, headers: receiverHeaders, body: ByteBuffer(string: body)) { $0.status }
            #expect(asReceiver == .created)
            var expected: [Who: HTTPResponse.Status] = [.anyone: .unauthorized, .teamInspector: .forbidden, .otherInspector: .forbidden,
                                                        .otherDepartmentAdmin: .forbidden, .leadOffice: .created, .otherLeadOffice: .forbidden]
            expected[.departmentAdmin] = recipient == "education" ? .created : .forbidden
            for (who, want) in expected.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let got = try await client.execute(uri: uri, method: .post, headers: world.headers(who), body: ByteBuffer(string: body)) { $0.status }
                #expect(got == want, "\(who): \(got.code), expected \(want.code)")
            }
            let unknown = try await client.execute(uri: "/api/v1/referrals/nothing-like-it/events", method: .post,
                                                   headers: world.headers(.leadOffice), body: ByteBuffer(string: body)) { $0.status }
            #expect(unknown == .notFound)
            // The audit log names who recorded it.
            let actors = try world.store.auditEntries(jurisdiction: "kuancheng").filter { $0.action == "referral_event" }.map(\.actor)
            #expect(actors.contains { $0.hasPrefix(receiver + " ") })
        }
    }
}

extension ServiceWorld {
    /// The page of the canteen plan's draw.
    func drawPath() throws -> String {
        let draw = try #require(try store.draws(jurisdiction: "kuancheng", plan: Self.canteens).first)
        return "/plans/\(Self.canteens)/draws/" + (draw.id.split(separator: "/").last.map(String.init) ?? "")
    }
}
