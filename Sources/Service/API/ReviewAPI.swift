import Foundation
import Hummingbird
import Messages
import Spotcheck
import Store
import WorkingDays

/// `POST /api/v1/confirmations` (a department's 比对和确认 of its part of a
/// drawn task) and `POST /api/v1/referrals/{id}/events` (handling of a referral).
struct ReviewAPI {
    let state: ServiceState

    func addRoutes(to api: RouterGroup<ServiceRequestContext>) {
        api.post("confirmations", use: confirm)
        api.post("referrals/{id}/events", use: referralEvent)
        api.get("referrals", use: referrals)
    }

    struct Confirmation: Decodable {
        var task: String
        var decision: String
        var reason: String?
    }

    @Sendable func confirm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin)
        let body = try await request.decode(as: Confirmation.self, context: context)
        try Reviewing(state: state).confirm(task: body.task, decision: body.decision, reason: body.reason, by: caller)
        return JSONBody.response(.created, ["task": body.task, "department": caller.account.department ?? "", "decision": body.decision])
    }

    struct Event: Decodable {
        var status: String
        var decision: String?
        var decision_no: String?
        var decision_public: Bool?
        var on: String?
    }

    @Sendable func referralEvent(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin, .leadOffice)
        // Referral ids hold `#` (`<submission>#1`), sent as %23.
        let raw = try context.parameters.require("id")
        let id = raw.removingPercentEncoding ?? raw
        let body = try await request.decode(as: Event.self, context: context)
        let status = try Reviewing(state: state).recordReferral(id, status: body.status, decision: body.decision, decisionNo: body.decision_no,
                                                                decisionPublic: body.decision_public ?? false, on: body.on, by: caller)
        return JSONBody.response(.created, ["referral": id, "status": status.rawValue])
    }

    struct ReferralItem: Encodable {
        var id: String
        var task: String
        var recipient: String
        var recipient_name: String
        var kind: String
        var items: [String]
        var due: String?
        var status: String
        var status_on: String
    }

    /// The referrals the caller handles: sent to the administrator's department, or all of the lead office's jurisdiction.
    @Sendable func referrals(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin, .leadOffice)
        let office = try state.office(caller.account.jurisdiction)
        let recipient = caller.role == .departmentAdmin ? caller.account.department : nil
        let list = try lifecycle { () throws(LifecycleError) in try office.referrals(to: recipient) }
        return JSONBody.response(.ok, list.map { r in
            ReferralItem(id: r.referral.id, task: r.referral.taskID, recipient: r.referral.recipient,
                         recipient_name: office.name(of: r.referral.recipient, context.language), kind: r.referral.kind,
                         items: r.referral.items, due: r.referral.due, status: r.status.rawValue, status_on: r.statusOn)
        })
    }
}

/// Confirmations and referral handling, for the API and the pages alike.
struct Reviewing {
    let state: ServiceState

    func confirm(task: String, decision: String, reason: String?, by caller: Caller) throws(ServiceError) {
        guard let choice = ConfirmationRecord.Decision(rawValue: decision) else {
            throw ServiceError(.unprocessableContent, zh: "decision 应为 confirmed 或 rejected，而不是“\(decision)”",
                               en: "decision must be confirmed or rejected, not '\(decision)'")
        }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if choice == .rejected, reason?.isEmpty ?? true {
            throw ServiceError(.unprocessableContent, zh: "退回须写明理由（如已注销、已迁出、不在抽查范围）",
                               en: "a rejection needs a reason (closed, moved away, not in scope)")
        }
        let visible = try VisibleTasks.one(caller, id: task, state: state)
        guard let department = caller.account.department, visible.teams[department] != nil else {
            throw ServiceError.forbidden(zh: "本部门不参与任务“\(task)”", en: "your department has no part in task '\(task)'")
        }
        let office = try state.office(caller.account.jurisdiction)
        try lifecycle { () throws(LifecycleError) in
            try office.confirm(task: task, department: department, decision: choice, reason: choice == .rejected ? reason : nil,
                               on: state.today, by: caller.actor)
        }
    }

    func recordReferral(_ id: String, status: String, decision: String?, decisionNo: String?, decisionPublic: Bool,
                        on: String?, by caller: Caller) throws(ServiceError) -> ReferralStatus {
        guard let next = ReferralStatus(rawValue: status) else {
            throw ServiceError(.unprocessableContent, zh: "status 应为 received、handled 或 closed，而不是“\(status)”",
                               en: "status must be received, handled or closed, not '\(status)'")
        }
        var day = state.today
        if let on {
            guard let given = CivilDate(on) else {
                throw ServiceError(.unprocessableContent, zh: "on 应为 YYYY-MM-DD 日期：\(on)", en: "on must be a YYYY-MM-DD date: \(on)")
            }
            day = given
        }
        let office = try state.office(caller.account.jurisdiction)
        guard let referral = try stored({ () throws(StoreError) in try state.store.referral(jurisdiction: office.id, id: id) }) else {
            for other in state.allOffices where other.id != office.id {
                if try stored({ () throws(StoreError) in try state.store.referral(jurisdiction: other.id, id: id) }) != nil {
                    throw ServiceError.forbidden(zh: "移送“\(id)”不属于本辖区", en: "referral '\(id)' is not of this jurisdiction")
                }
            }
            throw ServiceError.notFound(zh: "没有移送“\(id)”", en: "no referral '\(id)'")
        }
        if caller.role == .departmentAdmin, referral.referral.recipient != caller.account.department {
            throw ServiceError.forbidden(zh: "移送“\(id)”不是移送给本部门的", en: "referral '\(id)' was not sent to your department")
        }
        try lifecycle { () throws(LifecycleError) in
            try office.recordReferral(id, ReferralHandling(status: next, decision: decision, decisionNo: decisionNo,
                                                           decisionPublic: decisionPublic, on: day), by: caller.actor)
        }
        return next
    }
}
