import Foundation
import Hummingbird
import Messages
import Spotcheck
import Store

/// The lead office's pages: deadlines due and overdue with who must meet
/// them, the report against targets, and publication.
struct OfficePages {
    let state: ServiceState

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/office", use: deadlines)
        router.get("/office/report", use: report)
        router.get("/office/publish", use: publishForm)
        router.post("/office/publish", use: publish)
    }

    struct DeadlinesModel {
        var shell: PageShell
        var jurisdiction: String
        var on: String
        var overdue: Int
        var items: [StatusDocument.Item]
        var hasItems: Bool
        var rejections: [Rejection]
        var hasRejections: Bool
    }

    /// A drawn entity a department rejected from its list, with the reason (比对和确认).
    struct Rejection {
        var task: String
        var entityName: String
        var department: String
        var decidedOn: String
        var reason: String
    }

    @Sendable func deadlines(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .leadOffice)
        let l = context.language
        let office = try state.office(caller.account.jurisdiction)
        let day = try Query.day(request, "on") ?? state.today
        let status = try lifecycle { () throws(LifecycleError) in try StatusDocument(office, on: day, language: l) }
        let rejections = try self.rejections(office, language: l)
        let model = DeadlinesModel(shell: PageShell(title: UIText.table(l)["deadlines"]!, path: "/office", language: l, caller: caller),
                                   jurisdiction: office.jurisdiction.name.text(l), on: status.on, overdue: status.overdue,
                                   items: status.deadlines, hasItems: !status.deadlines.isEmpty,
                                   rejections: rejections, hasRejections: !rejections.isEmpty)
        return state.pages.page("office", model)
    }

    /// The entries whose latest decision by a department is a rejection.
    func rejections(_ office: CountyOffice, language l: Language) throws(ServiceError) -> [Rejection] {
        let decisions = try stored { () throws(StoreError) in try state.store.confirmations(jurisdiction: office.id) }
        var latest: [String: ConfirmationRecord] = [:]
        for c in decisions { latest[c.taskID + "|" + c.department] = c }
        let tasks = try stored { () throws(StoreError) in try state.store.tasks(jurisdiction: office.id) }
        let names = Dictionary(tasks.map { ($0.id, $0.entityName) }, uniquingKeysWith: { a, _ in a })
        return latest.values.filter { $0.decision == .rejected }.sorted { ($0.taskID, $0.department) < ($1.taskID, $1.department) }.map {
            Rejection(task: $0.taskID, entityName: names[$0.taskID] ?? "", department: office.name(of: $0.department, l),
                      decidedOn: $0.decidedOn, reason: $0.reason ?? "")
        }
    }

    struct Choice {
        var id: String
        var label: String
        var selected: Bool
    }

    struct ReportView {
        struct Line {
            var title: String
            var share: String
            var count: String
            var goal: String
            var verdict: String
            var verdictClass: String
        }
        struct Count {
            var label: String
            var count: Int
        }
        var summary: String
        var targets: [Line]
        var byResult: [Count]
        var byDepartment: [Count]
        var byGrade: [Count]
        var auditHead: String
    }

    struct ReportModel {
        var shell: PageShell
        var years: [Choice]
        var plans: [Choice]
        var report: ReportView
    }

    @Sendable func report(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .leadOffice)
        let l = context.language
        let t = UIText.table(l)
        let office = try state.office(caller.account.jurisdiction)
        let year = try Query.int(request, "year")
        let plan = request.uri.queryParameters.get("plan").flatMap { $0.isEmpty ? nil : $0 }
        let doc = try Reporting(state: state).report(caller, year: year, plan: plan, on: state.today, language: l)
        let years = Set(office.plans.map { $0.window.lowerBound.year }).sorted()
        let zh = l == .zh
        let view = ReportView(
            summary: zh ? "检查任务 \(doc.inspections) 项（部门检查 \(doc.department_inspections) 次），涉及主体 \(doc.entities) 户；抽中任务 \(doc.progress.drawn_tasks) 项，已公示 \(doc.progress.disclosed_tasks) 项；重点检查事项发现问题 \(doc.key_item_violations) 项。"
                        : "\(doc.inspections) inspected tasks (\(doc.department_inspections) department inspections), \(doc.entities) entities; \(doc.progress.drawn_tasks) drawn tasks, \(doc.progress.disclosed_tasks) disclosed; \(doc.key_item_violations) problems on key items.",
            targets: doc.targets.map { x in
                ReportView.Line(title: x.title, share: x.share.map(ReportOutput.percent) ?? "—", count: "\(x.numerator)/\(x.denominator)",
                                goal: x.at_least.map { "≥ " + ReportOutput.percent($0) } ?? "—",
                                verdict: x.met.map { $0 ? t["met"]! : t["notMet"]! } ?? "—",
                                verdictClass: x.met.map { $0 ? "met" : "missed" } ?? "none")
            },
            byResult: doc.by_result.map { .init(label: $0.label, count: $0.count) },
            byDepartment: doc.by_department.map { .init(label: $0.label, count: $0.count) },
            byGrade: doc.by_credit_grade.map { .init(label: $0.label, count: $0.count) },
            auditHead: "#\(doc.audit_head.seq) \(doc.audit_head.hash)")
        let model = ReportModel(
            shell: PageShell(title: t["report"]!, path: "/office/report", language: l, caller: caller),
            years: years.map { Choice(id: String($0), label: String($0), selected: $0 == year) },
            plans: office.plans.map { Choice(id: $0.id, label: zh ? $0.title : ($0.titleEN ?? $0.title), selected: $0.id == plan) },
            report: view)
        return state.pages.page("report", model)
    }

    struct PublishModel {
        var shell: PageShell
        var done: Bool
        var published: Int
        var redacted: Int
        var auditHead: String
        var awaiting: [String]
        var awaitingCount: Int
    }

    @Sendable func publishForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .leadOffice)
        let office = try state.office(caller.account.jurisdiction)
        let status = try lifecycle { () throws(LifecycleError) in try StatusDocument(office, on: state.today, language: context.language) }
        let awaiting = status.deadlines.filter { $0.kind == Deadline.Kind.enterResults.rawValue }.map { "\($0.subject) · \($0.responsible_name) · \($0.due)" }
        return publishPage(context, caller, PublishModel(shell: shell(context, caller), done: false, published: 0, redacted: 0, auditHead: "",
                                                         awaiting: awaiting, awaitingCount: awaiting.count))
    }

    @Sendable func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .leadOffice)
        let run = try Reporting(state: state).publish(caller, plan: nil)
        return publishPage(context, caller, PublishModel(shell: shell(context, caller), done: true, published: run.records.count,
                                                         redacted: run.redacted.total, auditHead: "#\(run.auditHead.seq) \(run.auditHead.hash)",
                                                         awaiting: run.pending, awaitingCount: run.pending.count))
    }

    func shell(_ context: ServiceRequestContext, _ caller: Caller) -> PageShell {
        PageShell(title: UIText.table(context.language)["publish"]!, path: "/office/publish", language: context.language, caller: caller)
    }

    func publishPage(_ context: ServiceRequestContext, _ caller: Caller, _ model: PublishModel) -> Response {
        state.pages.page("publish", model)
    }
}
