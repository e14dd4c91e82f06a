import Foundation
import Hummingbird
import Messages
import Spotcheck
import Store
import WorkingDays

/// `GET /api/v1/status` and `GET /api/v1/report`: as the commands, for the
/// lead office (its jurisdiction) and a department administrator (its
/// department's part); `POST /api/v1/publications` publishes what is due.
struct OfficeAPI {
    let state: ServiceState

    func addRoutes(to api: RouterGroup<ServiceRequestContext>) {
        api.get("status", use: status)
        api.get("report", use: report)
        api.post("publications", use: publish)
    }

    @Sendable func status(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin, .leadOffice)
        let office = try state.office(caller.account.jurisdiction)
        let day = try Query.day(request, "on") ?? state.today
        let all = request.uri.queryParameters.get("all").map { $0 == "true" || $0 == "1" } ?? false
        let responsible = caller.role == .departmentAdmin ? caller.account.department : nil
        let document = try lifecycle { () throws(LifecycleError) in
            try StatusDocument(office, on: day, responsible: responsible, all: all, language: context.language)
        }
        return JSONBody.response(.ok, document)
    }

    @Sendable func report(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin, .leadOffice)
        let document = try Reporting(state: state).report(caller, year: try Query.int(request, "year"),
                                                          plan: request.uri.queryParameters.get("plan"),
                                                          on: try Query.day(request, "on") ?? state.today, language: context.language)
        return JSONBody.response(.ok, document)
    }

    struct Published: Encodable {
        var published: Int
        var awaiting_results: [String]
        var redacted: Int
        var audit_head: ReportDocument.Head
    }

    @Sendable func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .leadOffice)
        let run = try Reporting(state: state).publish(caller, plan: request.uri.queryParameters.get("plan"))
        return JSONBody.response(.ok, Published(published: run.records.count, awaiting_results: run.pending, redacted: run.redacted.total,
                                                audit_head: .init(seq: run.auditHead.seq, hash: run.auditHead.hash)))
    }
}

/// Reports and publication, for the API and the lead office's pages.
struct Reporting {
    let state: ServiceState

    func report(_ caller: Caller, year: Int?, plan: String?, on day: CivilDate, language: Language) throws(ServiceError) -> ReportDocument {
        let office = try state.office(caller.account.jurisdiction)
        if let plan, office.plans.first(where: { $0.id == plan }) == nil {
            throw ServiceError.notFound(zh: "本辖区没有计划“\(plan)”", en: "this jurisdiction has no plan '\(plan)'")
        }
        let department = caller.role == .departmentAdmin ? caller.account.department : nil
        let statistics = try lifecycle { () throws(LifecycleError) in try office.statistics(year: year, plan: plan, department: department, on: day) }
        let head = try stored { () throws(StoreError) in try state.store.auditHead(jurisdiction: office.id) }
        return ReportDocument(statistics, office: office, year: year, plan: plan, department: department, on: day, head: head, language: language)
    }

    func publish(_ caller: Caller, plan: String?) throws(ServiceError) -> CountyOffice.PublicationRun {
        let office = try state.office(caller.account.jurisdiction)
        if let plan, office.plans.first(where: { $0.id == plan }) == nil {
            throw ServiceError.notFound(zh: "本辖区没有计划“\(plan)”", en: "this jurisdiction has no plan '\(plan)'")
        }
        return try lifecycle { () throws(LifecycleError) in try office.publish(plan: plan, on: state.today, by: caller.actor) }
    }
}

/// Query parameters read strictly: a malformed one is a 400, not ignored.
enum Query {
    static func day(_ request: Request, _ name: String) throws(ServiceError) -> CivilDate? {
        guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
        guard let day = CivilDate(text) else {
            throw ServiceError.badRequest(zh: "参数 \(name) 应为 YYYY-MM-DD 日期：\(text)", en: "parameter \(name) must be a YYYY-MM-DD date: \(text)")
        }
        return day
    }

    static func int(_ request: Request, _ name: String) throws(ServiceError) -> Int? {
        guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
        guard let n = Int(text), n >= 0, n < 1_000_000 else {
            throw ServiceError.badRequest(zh: "参数 \(name) 应为非负整数：\(text)", en: "parameter \(name) must be a non-negative integer: \(text)")
        }
        return n
    }
}
