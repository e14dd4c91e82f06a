import Messages

/// A referral with where it stands now.
public struct ReferralState: Sendable, Hashable {
    public var referral: ReferralRecord
    public var status: ReferralStatus
    /// The day of the last change, YYYY-MM-DD.
    public var statusOn: String
}

extension Store {
    /// Records a step in a referral's life (received, handled with its
    /// decision, closed), by a named user or command. A move the life of a
    /// referral does not allow (closing an open one, anything after closed
    /// or superseded) is refused.
    @discardableResult
    public func recordReferralEvent(_ event: ReferralEventRecord, by actor: String) throws(StoreError) -> ReferralEventRecord {
        try Self.requireDate("on", event.onDate)
        try Self.requireActor(actor)
        if event.status == .handled, (event.decision ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError(.invalidField, zh: "办理结果须写明处理决定（decision）", en: "a handled referral needs its decision")
        }
        return try backend.write { tx in
            guard let referral = try tx.fetchOne(ReferralRecord.self, "SELECT * FROM referrals WHERE jurisdiction = ? AND id = ?",
                                                 [.text(event.jurisdiction), .text(event.referralID)]) else {
                throw StoreError.unknown(Noun.referral, event.referralID)
            }
            guard let now = try tx.fetchOne(ReferralStatusRecord.self, "SELECT * FROM referral_status WHERE referral_id = ?", [.text(referral.id)]) else {
                throw StoreError(.corruptRow, zh: "移送“\(referral.id)”没有状态记录", en: "referral '\(referral.id)' has no status")
            }
            guard now.status.allows(event.status) else {
                throw StoreError(.notAllowed, zh: "移送“\(referral.id)”当前为“\(now.status.label.zh)”，不能改为“\(event.status.label.zh)”",
                                 en: "referral '\(referral.id)' is \(now.status.label.en) and cannot become \(event.status.label.en)")
            }
            guard event.onDate >= now.statusOn else {
                throw StoreError(.notAllowed, zh: "日期 \(event.onDate) 早于上一状态的日期 \(now.statusOn)", en: "the date \(event.onDate) is before that of the last change, \(now.statusOn)")
            }
            return try self.appendEvent(tx, event, by: actor)
        }
    }

    /// Inserts an audited event and moves the referral's status to it.
    @discardableResult
    func appendEvent(_ tx: any StoreTransaction, _ event: ReferralEventRecord, by actor: String) throws -> ReferralEventRecord {
        var e = event
        e.recordedAt = clock()
        e.recordedBy = actor
        let stored = try insertAudited(tx, e, by: actor)
        guard let id = stored.id else { throw StoreError.database("no event id") }
        try tx.execute("""
            INSERT INTO referral_status (referral_id, jurisdiction, status, status_on, last_event_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (referral_id) DO UPDATE SET status = excluded.status, status_on = excluded.status_on,
                last_event_id = excluded.last_event_id
            """, [.text(stored.referralID), .text(stored.jurisdiction), .text(stored.status.rawValue), .text(stored.onDate), .int(id)])
        return stored
    }

    /// The jurisdiction's referrals with their status, by id; only those of
    /// `recipient` or in `statuses` when given.
    public func referrals(jurisdiction: String, recipient: String? = nil, statuses: Set<ReferralStatus>? = nil,
                          task: String? = nil) throws(StoreError) -> [ReferralState] {
        let rows = try backend.read { tx in
            (try tx.fetchAll(ReferralRecord.self, """
                SELECT * FROM referrals WHERE jurisdiction = ? AND (CAST(? AS TEXT) IS NULL OR recipient = ?)
                  AND (CAST(? AS TEXT) IS NULL OR task_id = ?) ORDER BY id
                """, [.text(jurisdiction), StoreValue(recipient), StoreValue(recipient), StoreValue(task), StoreValue(task)]),
             try tx.fetchAll(ReferralStatusRecord.self, "SELECT * FROM referral_status WHERE jurisdiction = ?", [.text(jurisdiction)]))
        }
        let status = Dictionary(rows.1.map { ($0.referralID, $0) }, uniquingKeysWith: { a, _ in a })
        return rows.0.compactMap { r in
            guard let s = status[r.id] else { return nil }
            guard statuses?.contains(s.status) ?? true else { return nil }
            return ReferralState(referral: r, status: s.status, statusOn: s.statusOn)
        }
    }

    public func referral(jurisdiction: String, id: String) throws(StoreError) -> ReferralState? {
        try referrals(jurisdiction: jurisdiction).first { $0.referral.id == id }
    }

    /// A referral's life, oldest first.
    public func referralEvents(jurisdiction: String, referral: String) throws(StoreError) -> [ReferralEventRecord] {
        try backend.read { tx in
            try tx.fetchAll(ReferralEventRecord.self, "SELECT * FROM referral_events WHERE jurisdiction = ? AND referral_id = ? ORDER BY id",
                            [.text(jurisdiction), .text(referral)])
        }
    }

    /// Every event of the jurisdiction's referrals, oldest first.
    public func referralEvents(jurisdiction: String) throws(StoreError) -> [ReferralEventRecord] {
        try backend.read { tx in
            try tx.fetchAll(ReferralEventRecord.self, "SELECT * FROM referral_events WHERE jurisdiction = ? ORDER BY id", [.text(jurisdiction)])
        }
    }
}

extension ReferralStatus {
    public var label: LocalizedText {
        switch self {
        case .open: return LocalizedText(zh: "待接收", en: "open")
        case .received: return LocalizedText(zh: "已接收", en: "received")
        case .handled: return LocalizedText(zh: "已处理", en: "handled")
        case .closed: return LocalizedText(zh: "已办结", en: "closed")
        case .superseded: return LocalizedText(zh: "已被更正版本取代", en: "superseded")
        }
    }
}
