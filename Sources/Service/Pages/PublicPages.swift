import Draw
import Foundation
import Hummingbird
import Messages
import Rulebook
import Spotcheck
import Store

/// The public's pages: home, a plan with its versions and draws, a draw's
/// entity list and certificate explained, and the published results.
struct PublicPages {
    let state: ServiceState
    var book: Rulebook { state.workspace.rulebook }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/", use: home)
        router.get("/plans/{plan}", use: plan)
        router.get("/plans/{plan}/draws/{draw}", use: draw)
        router.get("/plans/{plan}/draws/{draw}/certificate.json", use: certificate)
        router.get("/disclosures", use: disclosures)
    }

    struct PlanCard {
        var id: String
        var title: String
        var jurisdiction: String
        var window: String
        var departments: String
    }

    struct HomeModel {
        var shell: PageShell
        var plans: [PlanCard]
        var records: [RecordCard]
    }

    @Sendable func home(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let l = context.language
        var plans: [PlanCard] = []
        for office in state.allOffices {
            for version in try stored({ () throws(StoreError) in try state.store.plans(jurisdiction: office.id) }) {
                guard let p = book.plan(version.planID) else { continue }
                plans.append(card(p, l))
            }
        }
        let latest = try stored { () throws(StoreError) in try state.store.searchDisclosures(DisclosureQuery(perPage: 10)) }
        let model = HomeModel(shell: PageShell(title: UIText.table(l)["site"]!, path: "/", language: l, caller: context.identity),
                              plans: plans, records: latest.records.compactMap { RecordCard($0, rulebook: book, language: l) })
        return state.pages.page("home", model)
    }

    func card(_ p: Plan, _ l: Language) -> PlanCard {
        PlanCard(id: p.id, title: l == .en ? (p.titleEN ?? p.title) : p.title,
                 jurisdiction: book.jurisdiction(p.jurisdiction)?.name.text(l) ?? p.jurisdiction,
                 window: "\(p.window.lowerBound) – \(p.window.upperBound)",
                 departments: p.departments.map { book.name(of: $0, in: p.jurisdiction, l) }.joined(separator: l == .zh ? "、" : ", "))
    }

    /// A plan the store has published (recorded a version of); 404 otherwise.
    func publishedPlan(_ id: String) throws(ServiceError) -> Plan {
        guard let plan = book.plan(id),
              !(try stored({ () throws(StoreError) in try state.store.planVersions(jurisdiction: plan.jurisdiction, plan: id) })).isEmpty else {
            throw ServiceError.notFound(zh: "没有已公布的计划“\(id)”", en: "no published plan '\(id)'")
        }
        return plan
    }

    struct PlanModel {
        struct DrawRow {
            var drawnOn: String
            var taskCount: Int
            var seed: String
            var href: String
        }
        struct Version {
            var version: Int
            var recordedAt: String
            var revision: String?
            var sha256: String
            var text: String
        }
        var shell: PageShell
        var id: String
        var jurisdiction: String
        var window: String
        var departments: String
        var basis: String?
        var draws: [DrawRow]
        var versions: [Version]
    }

    @Sendable func plan(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let l = context.language
        let plan = try publishedPlan(try context.parameters.require("plan"))
        let c = card(plan, l)
        let versions = try stored { () throws(StoreError) in try state.store.planVersions(jurisdiction: plan.jurisdiction, plan: plan.id) }
        let draws = try stored { () throws(StoreError) in try state.store.draws(jurisdiction: plan.jurisdiction, plan: plan.id) }
        let model = PlanModel(
            shell: PageShell(title: c.title, path: "/plans/\(plan.id)", language: l, caller: context.identity),
            id: plan.id, jurisdiction: c.jurisdiction, window: c.window, departments: c.departments, basis: plan.basis,
            draws: draws.map { d in
                .init(drawnOn: d.drawnOn, taskCount: d.taskCount, seed: d.seed,
                      href: "/plans/\(plan.id)/draws/\(d.id.split(separator: "/").last.map(String.init) ?? d.id)")
            },
            versions: versions.reversed().map { v in
                .init(version: v.version, recordedAt: v.recordedAt, revision: [v.revisedOn, v.reason].compactMap { $0 }.joined(separator: " "),
                      sha256: v.planSHA256, text: v.planText)
            })
        return state.pages.page("plan", model)
    }

    /// The draw `{plan}/{draw}` of a published plan; 404 otherwise.
    func storedDraw(_ context: ServiceRequestContext) throws -> (Plan, DrawRecord) {
        let plan = try publishedPlan(try context.parameters.require("plan"))
        let id = plan.id + "/" + (try context.parameters.require("draw"))
        guard let draw = try stored({ () throws(StoreError) in try state.store.draw(jurisdiction: plan.jurisdiction, id: id) }) else {
            throw ServiceError.notFound(zh: "没有抽取结果“\(id)”", en: "no draw '\(id)'")
        }
        return (plan, draw)
    }

    @Sendable func certificate(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (_, draw) = try storedDraw(context)
        var response = JSONBody.bytes(.ok, Data(draw.certificateJSON.utf8))
        response.headers[.contentDisposition] = "attachment; filename=\"certificate.json\""
        return response
    }

    @Sendable func draw(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let l = context.language
        let (plan, draw) = try storedDraw(context)
        let tasks = try stored { () throws(StoreError) in try state.store.tasks(jurisdiction: plan.jurisdiction, plan: plan.id) }
            .filter { $0.drawID == draw.id }
        let file = try? DrawCertificateFile.decode(from: Data(draw.certificateJSON.utf8))
        let model = DrawExplanation(plan: plan, draw: draw, certificate: file?.certificate, tasks: tasks, rulebook: book,
                                    shell: PageShell(title: (l == .zh ? "抽取结果：" : "Draw: ") + card(plan, l).title,
                                                     path: "/plans/\(plan.id)/draws/\(draw.id.split(separator: "/").last ?? "")",
                                                     language: l, caller: context.identity),
                                    language: l)
        return state.pages.page("draw", model)
    }

    @Sendable func disclosures(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let l = context.language
        let form = try DisclosureSearchForm(request)
        let page = try stored { () throws(StoreError) in try state.store.searchDisclosures(form.query) }
        let model = DisclosureSearchPage(form: form, page: page, request: request, rulebook: book,
                                         shell: PageShell(title: UIText.table(l)["disclosures"]!, path: "/disclosures", language: l, caller: context.identity),
                                         language: l)
        return state.pages.page("disclosures", model)
    }
}
