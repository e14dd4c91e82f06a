import Compliance
import Foundation
import Hummingbird
import Rulebook
import Spotcheck
import Store

/// `GET /api/v1/tasks`: the drawn tasks the caller may see.
struct TaskAPI {
    let state: ServiceState

    func addRoutes(to api: RouterGroup<ServiceRequestContext>) {
        api.get("tasks", use: list)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .inspector, .departmentAdmin, .leadOffice)
        let plan = request.uri.queryParameters.get("plan")
        let tasks = try VisibleTasks.of(caller, plan: plan, state: state)
        return JSONBody.response(.ok, json: .array(try tasks.map { try Self.json($0, state: state) }))
    }

    /// A task as the API gives it (SPEC.md §12).
    static func json(_ task: VisibleTask, state: ServiceState) throws -> JSONValue {
        let office = try state.office(task.record.jurisdiction)
        let entity = try? office.entity(task.record.entityKey)
        var entityFields: [(String, JSONValue)] = [("id", .string(task.record.entityKey)), ("name", .string(task.record.entityName))]
        for (key, value) in (entity ?? [:]).sorted(by: { $0.key < $1.key }) where key != "id" && key != "name" {
            entityFields.append((key, JSONValue(value)))
        }
        return .object([
            ("id", .string(task.record.id)),
            ("plan", .string(task.record.planID)),
            ("task", .string(task.number)),
            ("jurisdiction", .string(task.record.jurisdiction)),
            ("entity", .object(entityFields)),
            ("teams", .object(task.teams.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSONValue.string))) })),
            ("checklists", .object(task.checklists.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSONValue.string))) })),
            ("confirm_due", .string(task.record.confirmDue)),
        ])
    }
}

/// A task with its teams and checklists read.
struct VisibleTask: Sendable {
    var record: TaskRecord
    var teams: [String: [String]]
    var checklists: [String: [String]]

    /// `T-nnnn`, the task's id within its plan.
    var number: String {
        let parts = record.id.split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : record.id
    }

    /// The joint record form of this task for a department.
    func formPath(_ department: String) -> String { "/tasks/\(record.planID)/\(number)/\(department)" }

    /// Where the browser keeps a caller's draft of the form.
    func draftKey(_ department: String, _ caller: Caller) -> String { "\(record.id)|\(department)|\(caller.id)" }
}

enum VisibleTasks {
    /// The tasks of the caller's jurisdiction the caller may see (`Access.canSee`), by id.
    static func of(_ caller: Caller, plan: String? = nil, state: ServiceState) throws(ServiceError) -> [VisibleTask] {
        let office = try state.office(caller.account.jurisdiction)
        let records = try stored { () throws(StoreError) in try state.store.tasks(jurisdiction: office.id, plan: plan) }
        return records.compactMap { record in
            let teams = office.teams(of: record)
            guard Access.canSee(caller, task: record, teams: teams) else { return nil }
            return VisibleTask(record: record, teams: teams, checklists: office.checklists(of: record))
        }
    }

    /// One task the caller may see; 403 for a task that exists but is not
    /// the caller's (draws are public, so saying so reveals nothing), 404
    /// for one that exists nowhere.
    static func one(_ caller: Caller, id: String, state: ServiceState) throws(ServiceError) -> VisibleTask {
        let office = try state.office(caller.account.jurisdiction)
        if let record = try stored({ () throws(StoreError) in try state.store.task(jurisdiction: office.id, id: id) }) {
            let teams = office.teams(of: record)
            if Access.canSee(caller, task: record, teams: teams) {
                return VisibleTask(record: record, teams: teams, checklists: office.checklists(of: record))
            }
        } else {
            var elsewhere = false
            for other in state.allOffices where other.id != office.id {
                if try stored({ () throws(StoreError) in try state.store.task(jurisdiction: other.id, id: id) }) != nil { elsewhere = true }
            }
            if !elsewhere { throw ServiceError.notFound(zh: "没有任务“\(id)”", en: "no task '\(id)'") }
        }
        throw ServiceError.forbidden(zh: "任务“\(id)”不属于本账号的辖区或部门", en: "task '\(id)' is not of this account's jurisdiction or department")
    }
}
