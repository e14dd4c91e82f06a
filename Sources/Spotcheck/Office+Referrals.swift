import Messages
import Rulebook
import Store
import WorkingDays

/// A step in a referral's handling, as the receiving body reports it.
public struct ReferralHandling: Sendable {
    public var status: ReferralStatus
    /// The handling decision (处理决定), required when handled.
    public var decision: String?
    /// The decision's document number (决定书文号).
    public var decisionNo: String?
    /// Whether the decision is public (行政处罚决定): then it is published with the result.
    public var decisionPublic: Bool
    public var on: CivilDate

    public init(status: ReferralStatus, decision: String? = nil, decisionNo: String? = nil, decisionPublic: Bool = false, on: CivilDate) {
        self.status = status
        self.decision = decision
        self.decisionNo = decisionNo
        self.decisionPublic = decisionPublic
        self.on = on
    }
}

extension CountyOffice {
    /// Records a referral's handling: received → handled (decision, number,
    /// date) → closed. Each step is an audited event by `actor`; a step the
    /// referral's life does not allow is refused.
    public func recordReferral(_ referralID: String, _ step: ReferralHandling, by actor: String) throws(LifecycleError) {
        let at = Place(path: referralID, line: 1, column: 1)
        guard step.status != .open, step.status != .superseded else {
            throw LifecycleError(at, zh: "只能记录 received、handled 或 closed；superseded 由更正后的提交自动产生",
                                 en: "only received, handled or closed can be recorded; superseded comes from a corrected submission")
        }
        let event = ReferralEventRecord(jurisdiction: id, referralID: referralID, status: step.status, decision: step.decision,
                                        decisionNo: step.decisionNo, decisionPublic: step.status == .handled ? step.decisionPublic : nil,
                                        onDate: step.on.description)
        _ = try storeCall({ () throws(StoreError) in try store.recordReferralEvent(event, by: actor) }, at: at)
    }

    /// This jurisdiction's referrals, those sent to `recipient` only when given.
    public func referrals(to recipient: String? = nil, task: String? = nil) throws(LifecycleError) -> [ReferralState] {
        try storeCall({ () throws(StoreError) in try store.referrals(jurisdiction: id, recipient: recipient, task: task) })
    }

    /// The handling results to report to the leading group office: every
    /// referral handled or closed, with its decision.
    public func handlingResults(plan: String? = nil) throws(LifecycleError) -> [HandlingResult] {
        let events = try storeCall({ () throws(StoreError) in try store.referralEvents(jurisdiction: id) })
        let tasks = Set(try storeCall({ () throws(StoreError) in try store.tasks(jurisdiction: id, plan: plan) }).map(\.id))
        var decided: [String: ReferralEventRecord] = [:]
        for e in events where e.status == .handled { decided[e.referralID] = e }
        return try referrals().filter { tasks.contains($0.referral.taskID) }.compactMap { state in
            guard let e = decided[state.referral.id], state.status == .handled || state.status == .closed else { return nil }
            return HandlingResult(referral: state.referral, status: state.status, decision: e.decision ?? "",
                                  decisionNo: e.decisionNo, decisionPublic: e.decisionPublic ?? false, handledOn: e.onDate,
                                  recipientName: LocalizedText(zh: name(of: state.referral.recipient, .zh), en: name(of: state.referral.recipient, .en)))
        }
    }
}

/// A referral's handling result (处理结果), reported to the leading group office.
public struct HandlingResult: Sendable {
    public var referral: ReferralRecord
    public var status: ReferralStatus
    public var decision: String
    public var decisionNo: String?
    public var decisionPublic: Bool
    public var handledOn: String
    public var recipientName: LocalizedText
}
