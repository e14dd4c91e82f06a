import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Service

/// The working pages (the inspector's form, the department administrator's
/// lists and editor) in the role × route matrix: a page for signed-in staff
/// sends the public to the login page (303), answers 403 to a signed-in
/// caller it does not serve, and never shows another team's or
/// department's work.
@Suite("Working pages × roles")
struct WorkPageAccessTests {
    typealias Case = AccessMatrixTests.Case
    static let form = "/tasks/\(ServiceWorld.canteens)/T-0001/education"
    static let checklist = "/department/checklists/education.school_canteen"
    static let urlEncoded = "application/x-www-form-urlencoded"

    static func page(_ allowed: [Who: HTTPResponse.Status]) -> [Who: HTTPResponse.Status] {
        AccessMatrixTests.only(allowed).merging([.anyone: .seeOther]) { $1 }
    }

    static let cases: [Case] = [
        Case(name: "GET /tasks", method: .get, uri: { _ in "/tasks" }, body: { _ in nil },
             expected: page([.teamInspector: .ok, .otherInspector: .ok])),
        Case(name: "GET /tasks/{plan}/{task}/{department}", method: .get, uri: { _ in form }, body: { _ in nil },
             expected: page([.teamInspector: .ok])),
        Case(name: "POST /tasks/{plan}/{task}/{department}/preview", method: .post, uri: { _ in form + "/preview" },
             body: { _ in Array("answers.orders_external_meals=false".utf8) }, contentType: urlEncoded,
             expected: AccessMatrixTests.only([.teamInspector: .ok])),
        // An empty form is refused with the form shown again (422), to the team only.
        Case(name: "POST /tasks/{plan}/{task}/{department}", method: .post, uri: { _ in form },
             body: { _ in Array("inspected_on=2024-05-15".utf8) }, contentType: urlEncoded,
             expected: AccessMatrixTests.only([.teamInspector: .unprocessableContent])),
        Case(name: "GET /evidence/{sha256}", method: .get, uri: { _ in "/evidence/" + String(repeating: "ab", count: 32) }, body: { _ in nil },
             expected: page([.teamInspector: .notFound, .otherInspector: .notFound, .departmentAdmin: .notFound,
                             .otherDepartmentAdmin: .notFound, .leadOffice: .notFound, .otherLeadOffice: .notFound])),
        Case(name: "GET /department/confirmations", method: .get, uri: { _ in "/department/confirmations" }, body: { _ in nil },
             expected: page([.departmentAdmin: .ok, .otherDepartmentAdmin: .ok])),
        Case(name: "POST /department/confirmations", method: .post, uri: { _ in "/department/confirmations" },
             body: { _ in Array("task=\(ServiceWorld.task)&decision=rejected&reason=%E5%B7%B2%E6%B3%A8%E9%94%80".utf8) }, contentType: urlEncoded,
             expected: AccessMatrixTests.only([.departmentAdmin: .found])),
        Case(name: "GET /department/referrals", method: .get, uri: { _ in "/department/referrals" }, body: { _ in nil },
             expected: page([.departmentAdmin: .ok, .otherDepartmentAdmin: .ok])),
        Case(name: "GET /department/checklists", method: .get, uri: { _ in "/department/checklists" }, body: { _ in nil },
             expected: page([.departmentAdmin: .ok, .otherDepartmentAdmin: .ok])),
        Case(name: "GET /department/checklists/{id}", method: .get, uri: { _ in checklist }, body: { _ in nil },
             expected: page([.departmentAdmin: .ok])),
        // The text in force again: nothing to publish (409), and only by its department.
        Case(name: "POST /department/checklists/{id}", method: .post, uri: { _ in checklist },
             body: { _ in
                 let text = try String(contentsOfFile: ServiceWorld.root + "/Checklists/education/school_canteen.yaml", encoding: .utf8)
                 return Array(("text=" + text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).utf8)
             }, contentType: urlEncoded,
             expected: AccessMatrixTests.only([.departmentAdmin: .conflict])),
    ]

    @Test("every caller gets the status the rules give", arguments: cases)
    func matrix(_ c: Case) async throws {
        try await AccessMatrixTests().matrix(c)
    }
}
