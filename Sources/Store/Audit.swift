import Foundation
import GRDB
import Messages

/// One entry of a jurisdiction's audit log. Each entry carries the hash of
/// the one before, so that editing, deleting or reordering entries breaks
/// the chain; each names who made the change (a user or a command).
public struct AuditEntry: StoredRecord, Hashable {
    public static let databaseTableName = "audit_log"
    public var jurisdiction: String
    public var seq: Int
    public var at: String
    public var actor: String
    public var action: String
    public var subject: String
    public var payloadSHA256: String
    public var previousHash: String
    public var hash: String

    /// The previous hash of a chain's first entry: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// SHA-256 of previous ‖ jurisdiction ‖ seq ‖ at ‖ actor ‖ action ‖ subject ‖ payload, newline-separated.
    public static func computeHash(previousHash: String, jurisdiction: String, seq: Int, at: String, actor: String,
                                   action: String, subject: String, payloadSHA256: String) -> String {
        sha256Hex([previousHash, jurisdiction, String(seq), at, actor, action, subject, payloadSHA256].joined(separator: "\n"))
    }

    public var recomputedHash: String {
        Self.computeHash(previousHash: previousHash, jurisdiction: jurisdiction, seq: seq, at: at, actor: actor,
                         action: action, subject: subject, payloadSHA256: payloadSHA256)
    }

    enum CodingKeys: String, CodingKey {
        case jurisdiction, seq, at, actor, action, subject, payloadSHA256 = "payload_sha256"
        case previousHash = "previous_hash", hash
    }
}

/// The last entry of a jurisdiction's chain: published with every
/// disclosure and report, so a chain rewritten later disagrees with what
/// the public already holds.
public struct AuditHead: StoredRecord, Hashable {
    public static let databaseTableName = "audit_heads"
    public var jurisdiction: String
    public var seq: Int
    public var hash: String

    public init(jurisdiction: String, seq: Int, hash: String) {
        self.jurisdiction = jurisdiction
        self.seq = seq
        self.hash = hash
    }
}

/// A kind of row the audit log records: one entry per row, whose payload is
/// the SHA-256 of the row's canonical form. `audit verify` reads every row
/// back with `allRowsSQL` and checks it against its entry, and every entry
/// against its row.
protocol AuditedRecord: StoredRecord {
    /// The entry's action, e.g. `submission`.
    static var auditAction: String { get }
    /// Every row of one jurisdiction.
    static var allRowsSQL: String { get }
    var jurisdiction: String { get }
    /// The row's id, unique within its kind.
    var auditSubject: String { get }
    /// The record with the id the database gave it on insert.
    func inserted(id: Int64) -> Self
    /// The text the audit entry hashes.
    var canonical: Canonical { get }
}

extension AuditedRecord {
    /// The canonical form: the record's Codable form (a kind may say otherwise).
    var canonical: Canonical { Canonical.of(self, kind: Self.auditAction) }
    func inserted(id: Int64) -> Self { self }
}

extension DirectoryImportRecord: AuditedRecord {
    static let auditAction = "directory_import"
    static let allRowsSQL = "SELECT * FROM directory_imports WHERE jurisdiction = ? ORDER BY id"
    var auditSubject: String { "\(directory.rawValue)/\(version)" }
    func inserted(id: Int64) -> Self { var r = self; r.id = id; return r }
}

extension PlanVersionRecord: AuditedRecord {
    static let auditAction = "plan_version"
    static let allRowsSQL = "SELECT * FROM plan_versions WHERE jurisdiction = ? ORDER BY plan_id, version"
    var auditSubject: String { "\(planID)@\(version)" }
}

extension DrawRecord: AuditedRecord {
    static let auditAction = "draw"
    static let allRowsSQL = "SELECT * FROM draws WHERE jurisdiction = ? ORDER BY id"
    var auditSubject: String { id }
}

extension ConfirmationRecord: AuditedRecord {
    static let auditAction = "confirmation"
    static let allRowsSQL = "SELECT * FROM confirmations WHERE jurisdiction = ? ORDER BY id"
    var auditSubject: String { "confirmation/\(id ?? 0)" }
    func inserted(id: Int64) -> Self { var r = self; r.id = id; return r }
}

extension SubmissionRecord: AuditedRecord {
    static let auditAction = "submission"
    static let allRowsSQL = "SELECT * FROM submissions WHERE jurisdiction = ? ORDER BY submission_id"
    var auditSubject: String { submissionID }
}

extension EvaluationRecord: AuditedRecord {
    static let auditAction = "evaluation"
    static let allRowsSQL = "SELECT * FROM evaluations WHERE jurisdiction = ? ORDER BY id"
    var auditSubject: String { "evaluation/\(id ?? 0)" }
    func inserted(id: Int64) -> Self { var r = self; r.id = id; return r }
}

extension ReferralRecord: AuditedRecord {
    static let auditAction = "referral"
    static let allRowsSQL = "SELECT * FROM referrals WHERE jurisdiction = ? ORDER BY id"
    var auditSubject: String { id }
}

extension ReferralEventRecord: AuditedRecord {
    static let auditAction = "referral_event"
    static let allRowsSQL = "SELECT * FROM referral_events WHERE jurisdiction = ? ORDER BY id"
    var auditSubject: String { "referral_event/\(id ?? 0)" }
    func inserted(id: Int64) -> Self { var r = self; r.id = id; return r }
}

extension DisclosureRecord: AuditedRecord {
    static let auditAction = "disclosure"
    static let allRowsSQL = "SELECT * FROM disclosures WHERE jurisdiction = ? ORDER BY id"
    var auditSubject: String { "disclosure/\(id ?? 0)" }
    func inserted(id: Int64) -> Self { var r = self; r.id = id; return r }
}

/// The digest of many rows (a directory version's rows, a draw's tasks),
/// held by the audited record that owns them: a row edited, added or
/// deleted later changes the digest.
enum RowDigest {
    static func of(_ lines: [String]) -> String {
        var c = Canonical("rows")
        c.addCount("rows", lines.count)
        for line in lines { c.add("-", line) }
        return c.sha256
    }

    /// The same text as `of` over `key TAB json` lines, hashed row by row
    /// (`DirectoryRowsDigest`, which an import streams).
    static func directory(_ rows: [DirectoryRowRecord]) -> String {
        let sorted = rows.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return DirectoryRowsDigest.ofOrdered(count: sorted.count) { line in
            for row in sorted {
                var key = row.key, json = row.json
                key.withUTF8 { k in json.withUTF8 { j in line(UnsafeRawBufferPointer(k), UnsafeRawBufferPointer(j)) } }
            }
        }
    }

    static func tasks(_ tasks: [TaskRecord]) -> String {
        of(tasks.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.map { Canonical.of($0, kind: "task").text })
    }
}

extension Store {
    /// Inserts an audited record and appends its entry to its jurisdiction's
    /// chain, inside the caller's transaction.
    @discardableResult
    func insertAudited<R: AuditedRecord>(_ tx: any StoreTransaction, _ record: R, by actor: String) throws -> R {
        let id = try tx.insert(record)
        let stored = record.inserted(id: id)
        try appendAudit(tx, jurisdiction: stored.jurisdiction, actor: actor, action: R.auditAction,
                        subject: stored.auditSubject, payloadSHA256: stored.canonical.sha256)
        return stored
    }

    /// Appends an entry to a jurisdiction's chain, inside the caller's transaction.
    @discardableResult
    func appendAudit(_ tx: any StoreTransaction, jurisdiction: String, actor: String, action: String, subject: String,
                     payloadSHA256: String) throws -> AuditEntry {
        let head = try tx.fetchOne(AuditHead.self, "SELECT * FROM audit_heads WHERE jurisdiction = ?", [.text(jurisdiction)])
        let seq = (head?.seq ?? 0) + 1
        let previous = head?.hash ?? AuditEntry.genesisHash
        let at = clock()
        let hash = AuditEntry.computeHash(previousHash: previous, jurisdiction: jurisdiction, seq: seq, at: at, actor: actor,
                                          action: action, subject: subject, payloadSHA256: payloadSHA256)
        let entry = AuditEntry(jurisdiction: jurisdiction, seq: seq, at: at, actor: actor, action: action, subject: subject,
                               payloadSHA256: payloadSHA256, previousHash: previous, hash: hash)
        try tx.insert(entry)
        try tx.execute("""
            INSERT INTO audit_heads (jurisdiction, seq, hash) VALUES (?, ?, ?)
            ON CONFLICT (jurisdiction) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """, [.text(jurisdiction), .int(Int64(seq)), .text(hash)])
        return entry
    }

    /// A jurisdiction's audit log, in order.
    public func auditEntries(jurisdiction: String) throws(StoreError) -> [AuditEntry] {
        try backend.read { tx in
            try tx.fetchAll(AuditEntry.self, "SELECT * FROM audit_log WHERE jurisdiction = ? ORDER BY seq", [.text(jurisdiction)])
        }
    }

    /// The last entry of a jurisdiction's chain (seq 0 and 64 zeros when empty).
    public func auditHead(jurisdiction: String) throws(StoreError) -> AuditHead {
        try backend.read { tx in
            try tx.fetchOne(AuditHead.self, "SELECT * FROM audit_heads WHERE jurisdiction = ?", [.text(jurisdiction)])
        } ?? AuditHead(jurisdiction: jurisdiction, seq: 0, hash: AuditEntry.genesisHash)
    }

    /// Every jurisdiction that has rows in the store, sorted.
    public func jurisdictions() throws(StoreError) -> [String] {
        try backend.read { tx in
            try tx.strings("SELECT DISTINCT jurisdiction FROM audit_log ORDER BY jurisdiction")
        }
    }
}
