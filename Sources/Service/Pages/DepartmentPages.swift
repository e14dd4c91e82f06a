import Foundation
import Hummingbird
import Messages
import Spotcheck
import Store

/// A department administrator's pages: its part of the drawn lists to
/// confirm or reject with a reason (比对和确认), and the referrals sent to
/// it to record as received, handled or closed. Both write through
/// `Reviewing`, as the API does.
struct DepartmentPages {
    let state: ServiceState

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/department/confirmations", use: confirmations)
        router.post("/department/confirmations", use: confirm)
        router.get("/department/referrals", use: referrals)
        router.post("/department/referrals", use: recordReferral)
    }

    struct ConfirmationsModel {
        struct Row {
            var task: String
            var entityName: String
            var entityID: String
            var due: String
            var overdue: Bool
            var decided: Bool
            var decision: String
            var reason: String
            var rejected: Bool
        }
        var shell: PageShell
        var rows: [Row]
        var hasRows: Bool
    }

    @Sendable func confirmations(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin)
        let l = context.language
        let t = UIText.table(l)
        let department = caller.account.department ?? ""
        let decisions = try stored { () throws(StoreError) in try state.store.confirmations(jurisdiction: caller.account.jurisdiction) }
        var latest: [String: ConfirmationRecord] = [:]
        for c in decisions where c.department == department { latest[c.taskID] = c }
        let today = state.today.description
        let rows = try VisibleTasks.of(caller, state: state).filter { $0.teams[department] != nil }.map { task in
            let decision = latest[task.record.id]
            return ConfirmationsModel.Row(task: task.record.id, entityName: task.record.entityName, entityID: task.record.entityKey,
                                          due: task.record.confirmDue, overdue: decision == nil && task.record.confirmDue < today,
                                          decided: decision != nil, decision: decision.map { t["decision." + $0.decision.rawValue] ?? $0.decision.rawValue } ?? "",
                                          reason: decision?.reason ?? "", rejected: decision?.decision == .rejected)
        }
        return state.pages.page("confirmations", ConfirmationsModel(
            shell: PageShell(title: t["confirmations"]!, path: "/department/confirmations", language: l, caller: caller), rows: rows, hasRows: !rows.isEmpty))
    }

    struct ConfirmationForm: Decodable {
        var task: String
        var decision: String
        var reason: String?
    }

    @Sendable func confirm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin)
        let form = try await request.decode(as: ConfirmationForm.self, context: context)
        try Reviewing(state: state).confirm(task: form.task, decision: form.decision, reason: form.reason, by: caller)
        return .redirect(to: "/department/confirmations", type: .found)
    }

    struct ReferralsModel {
        struct Row {
            var id: String
            var task: String
            var kind: String
            var items: String
            var due: String
            var status: String
            var statusLabel: String
            var statusOn: String
            var open: Bool
        }
        var shell: PageShell
        var rows: [Row]
        var hasRows: Bool
        var today: String
        var statuses: [TaskFormModel.Choice]
    }

    @Sendable func referrals(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin)
        let l = context.language
        let t = UIText.table(l)
        let office = try state.office(caller.account.jurisdiction)
        let list = try lifecycle { () throws(LifecycleError) in try office.referrals(to: caller.account.department) }
        let rows = list.map { r in
            ReferralsModel.Row(id: r.referral.id, task: r.referral.taskID, kind: t["route." + r.referral.kind] ?? r.referral.kind,
                               items: r.referral.items.joined(separator: l == .zh ? "、" : ", "), due: r.referral.due ?? "—",
                               status: r.status.rawValue, statusLabel: t["referral." + r.status.rawValue] ?? r.status.rawValue,
                               statusOn: r.statusOn, open: r.status != .closed && r.status != .superseded)
        }
        return state.pages.page("referrals", ReferralsModel(
            shell: PageShell(title: t["received"]!, path: "/department/referrals", language: l, caller: caller),
            rows: rows, hasRows: !rows.isEmpty, today: state.today.description,
            statuses: [ReferralStatus.received, .handled, .closed].map { .init(id: $0.rawValue, label: t["referral." + $0.rawValue] ?? $0.rawValue, selected: false) }))
    }

    struct ReferralForm: Decodable {
        var referral: String
        var status: String
        var decision: String?
        var decision_no: String?
        var decision_public: String?
        var on: String?
    }

    @Sendable func recordReferral(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin)
        let form = try await request.decode(as: ReferralForm.self, context: context)
        func given(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        _ = try Reviewing(state: state).recordReferral(form.referral, status: form.status, decision: given(form.decision),
                                                       decisionNo: given(form.decision_no), decisionPublic: form.decision_public == "true",
                                                       on: given(form.on), by: caller)
        return .redirect(to: "/department/referrals", type: .found)
    }
}
