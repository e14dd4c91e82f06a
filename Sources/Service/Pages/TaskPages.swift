import Compliance
import Foundation
import Hummingbird
import Messages
import Rulebook
import Spotcheck
import Store

/// The inspector's pages: my tasks, the joint record form of a task for my
/// department, its live preview (skip logic from the checklist's CEL), and
/// the evaluation shown once submitted. The form's findings go through
/// `Submitting`, as the API's do.
struct TaskPages {
    let state: ServiceState

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/tasks", use: list)
        router.get("/tasks/{plan}/{task}/{department}", use: form)
        router.post("/tasks/{plan}/{task}/{department}/preview", use: preview)
        router.post("/tasks/{plan}/{task}/{department}", use: submit)
        router.get("/evidence/{sha256}", use: evidence)
    }

    struct ListModel {
        struct Row {
            var id: String
            var entityName: String
            var entityID: String
            var planTitle: String
            var links: [TaskFormModel.Choice]
        }
        var shell: PageShell
        var tasks: [Row]
        var hasTasks: Bool
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .inspector)
        let l = context.language
        let office = try state.office(caller.account.jurisdiction)
        let rows = try VisibleTasks.of(caller, state: state).map { task -> ListModel.Row in
            let mine = task.teams.filter { $0.value.contains(caller.id) }.keys.sorted()
            let plan = office.rulebook.plan(task.record.planID)
            return ListModel.Row(id: task.record.id, entityName: task.record.entityName, entityID: task.record.entityKey,
                                 planTitle: plan.map { l == .zh ? $0.title : ($0.titleEN ?? $0.title) } ?? task.record.planID,
                                 links: mine.map { .init(id: task.formPath($0), label: office.name(of: $0, l), selected: false) })
        }
        return state.pages.page("tasks", ListModel(shell: PageShell(title: UIText.table(l)["myTasks"]!, path: "/tasks", language: l, caller: caller),
                                                   tasks: rows, hasTasks: !rows.isEmpty))
    }

    /// The task and department of a form's path, for an inspector on that team.
    private func target(_ context: ServiceRequestContext) throws -> (Caller, VisibleTask, String, CountyOffice) {
        let caller = try Access.require(context, .inspector)
        let plan = try context.parameters.require("plan"), number = try context.parameters.require("task")
        let department = try context.parameters.require("department")
        let task = try VisibleTasks.one(caller, id: plan + "/" + number, state: state)
        guard department == caller.account.department, task.teams[department]?.contains(caller.id) == true else {
            throw ServiceError.forbidden(zh: "您不在任务“\(task.record.id)”中“\(department)”的检查组里", en: "you are not on the '\(department)' team of task '\(task.record.id)'")
        }
        return (caller, task, department, try state.office(caller.account.jurisdiction))
    }

    @Sendable func form(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (caller, task, department, office) = try target(context)
        let model = try TaskFormModel(task: task, department: department, form: FindingsForm(fields: []), problems: [], state: state,
                                      office: office, caller: caller, language: context.language)
        return state.pages.page("taskform", model)
    }

    /// Where each item stands for the answers so far: `{"items": {id: {"status", "value"?, "needs_evidence"}}}`.
    @Sendable func preview(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (_, task, department, office) = try target(context)
        let form = FindingsForm(urlEncoded: try await Body.bytes(request, limit: state.configuration.maxBodyBytes))
        let entity = (try? office.entity(task.record.entityKey)) ?? [:]
        var items: [(String, JSONValue)] = []
        for id in task.checklists[department] ?? [] {
            guard let c = office.rulebook.checklist(id),
                  let p = office.workspace.interpreter.preview(form.draft(c, task: task, entity: entity, department: department, today: state.today),
                                                               language: context.language) else { continue }
            for item in p.items {
                var fields: [(String, JSONValue)] = [("status", .string(item.status.rawValue)), ("needs_evidence", .bool(item.needsEvidence))]
                if let v = item.value { fields.append(("value", .string(v))) }
                items.append((item.id, .object(fields)))
            }
        }
        return JSONBody.response(.ok, json: .object([("items", .object(items))]))
    }

    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (caller, task, department, office) = try target(context)
        let l = context.language
        let form = FindingsForm(urlEncoded: try await Body.bytes(request, limit: state.configuration.maxBodyBytes))
        let entity = (try? office.entity(task.record.entityKey)) ?? [:]
        var outcomes: [SubmissionOutcome] = []
        var problems: [String] = []
        for id in task.checklists[department] ?? [] {
            guard let c = office.rulebook.checklist(id) else { continue }
            let p = office.workspace.interpreter.preview(form.draft(c, task: task, entity: entity, department: department, today: state.today), language: l)
            let skip = Set((p?.items ?? []).filter { $0.status == .notApplicable }.map(\.id))
            let bytes = Array(form.document(c, task: task, department: department, skipping: skip).serialized(pretty: false).utf8)
            do {
                outcomes.append(try await Submitting(state: state).submit(bytes, named: "\(c.id).json", by: caller).outcome)
            } catch let error as ServiceError {
                problems.append(error.message.text(l))
                problems += error.diagnostics.map { $0.message.text(l) }
            }
        }
        if !problems.isEmpty || outcomes.isEmpty {
            if outcomes.isEmpty && problems.isEmpty { problems.append(UIText.table(l)["noChecklist"]!) }
            let model = try TaskFormModel(task: task, department: department, form: form, problems: problems, state: state,
                                          office: office, caller: caller, language: l)
            return state.pages.page("taskform", model, status: .unprocessableContent)
        }
        return state.pages.page("taskresult", TaskResultModel(outcomes, task: task, department: department, office: office,
                                                             caller: caller, language: l))
    }

    /// An uploaded evidence file, for thumbnails: to the staff of its jurisdiction.
    @Sendable func evidence(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .inspector, .departmentAdmin, .leadOffice)
        let digest = try context.parameters.require("sha256").lowercased()
        guard digest.count == 64, digest.allSatisfy(\.isHexDigit),
              let record = try stored({ () throws(StoreError) in try state.store.evidence(jurisdiction: caller.account.jurisdiction, sha256: digest) }) else {
            throw ServiceError.notFound(zh: "没有这个证据文件", en: "no such evidence file")
        }
        return Response(status: .ok, headers: [.contentType: record.contentType, .cacheControl: "private, max-age=86400"],
                        body: .init(byteBuffer: ByteBuffer(bytes: record.bytes)))
    }
}
