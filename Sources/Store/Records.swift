import GRDB

// The rows the store keeps: plain values, read and written through GRDB's
// Codable records. The store knows nothing of checklists, CEL or rule
// files: findings, certificates and evaluations are opaque text to it.
// Every record carries its jurisdiction; every record but a directory row
// (which its import's digest covers) is audited (`AuditedRecord`).

/// Which directory a row belongs to.
public enum DirectoryKind: String, Sendable, Codable, CaseIterable {
    case entities, inspectors
}

/// One import of a directory into a jurisdiction: a new version, never an overwrite.
public struct DirectoryImportRecord: StoredRecord, Hashable {
    public static let databaseTableName = "directory_imports"
    public var id: Int64?
    public var jurisdiction: String
    public var directory: DirectoryKind
    /// 1, 2, 3 … per jurisdiction and directory.
    public var version: Int
    public var sourceSHA256: String
    /// SHA-256 of the rows (`RowDigest`), so a row edited or deleted later shows.
    public var rowsSHA256: String
    public var rowCount: Int
    public var importedAt: String
    public var importedBy: String

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, directory, version, sourceSHA256 = "source_sha256", rowsSHA256 = "rows_sha256"
        case rowCount = "row_count", importedAt = "imported_at", importedBy = "imported_by"
    }
}

/// One row of a directory version, keyed by its id; `json` is the row as data.
public struct DirectoryRowRecord: StoredRecord, Hashable {
    public static let databaseTableName = "directory_rows"
    public var importID: Int64
    public var key: String
    public var json: String

    public init(importID: Int64 = 0, key: String, json: String) {
        self.importID = importID
        self.key = key
        self.json = json
    }

    enum CodingKeys: String, CodingKey { case importID = "import_id", key, json }
}

/// A version of a plan as it was used: its file, the rule files' digest,
/// and when and why it changed (调整后的计划备案并向社会公开).
public struct PlanVersionRecord: StoredRecord, Hashable {
    public static let databaseTableName = "plan_versions"
    public var jurisdiction: String
    public var planID: String
    public var version: Int
    public var title: String
    public var planSHA256: String
    public var rulesSHA256: String
    /// The plan file as published.
    public var planText: String
    public var revisedOn: String?
    public var reason: String?
    public var recordedAt: String
    public var recordedBy: String

    public init(jurisdiction: String, planID: String, version: Int = 0, title: String, planSHA256: String, rulesSHA256: String,
                planText: String, revisedOn: String?, reason: String?, recordedAt: String = "", recordedBy: String = "") {
        self.jurisdiction = jurisdiction; self.planID = planID; self.version = version; self.title = title
        self.planSHA256 = planSHA256; self.rulesSHA256 = rulesSHA256; self.planText = planText
        self.revisedOn = revisedOn; self.reason = reason; self.recordedAt = recordedAt; self.recordedBy = recordedBy
    }

    enum CodingKeys: String, CodingKey {
        case jurisdiction, planID = "plan_id", version, title, planSHA256 = "plan_sha256", rulesSHA256 = "rules_sha256"
        case planText = "plan_text", revisedOn = "revised_on", reason, recordedAt = "recorded_at", recordedBy = "recorded_by"
    }
}

/// A draw: its seed and the certificate anyone can check it against.
public struct DrawRecord: StoredRecord, Hashable {
    public static let databaseTableName = "draws"
    public var id: String
    public var jurisdiction: String
    public var planID: String
    public var planVersion: Int
    public var seed: String
    public var certificateJSON: String
    /// SHA-256 of the draw's tasks (`RowDigest`), so a task edited or deleted later shows.
    public var tasksSHA256: String
    public var taskCount: Int
    /// The day of the draw, YYYY-MM-DD.
    public var drawnOn: String
    public var recordedAt: String
    public var recordedBy: String

    public init(id: String, jurisdiction: String, planID: String, planVersion: Int, seed: String, certificateJSON: String,
                drawnOn: String) {
        self.id = id; self.jurisdiction = jurisdiction; self.planID = planID; self.planVersion = planVersion
        self.seed = seed; self.certificateJSON = certificateJSON; self.tasksSHA256 = ""; self.taskCount = 0
        self.drawnOn = drawnOn; self.recordedAt = ""; self.recordedBy = ""
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, planID = "plan_id", planVersion = "plan_version", seed, certificateJSON = "certificate_json"
        case tasksSHA256 = "tasks_sha256", taskCount = "task_count", drawnOn = "drawn_on", recordedAt = "recorded_at"
        case recordedBy = "recorded_by"
    }
}

/// A task (一校一表): one drawn entity with its teams and checklists.
public struct TaskRecord: StoredRecord, Hashable {
    public static let databaseTableName = "tasks"
    /// `<plan>/T-nnnn`.
    public var id: String
    public var jurisdiction: String
    public var drawID: String
    public var planID: String
    public var entityKey: String
    public var entityName: String
    /// `{department: [inspector ids]}` as JSON.
    public var teamsJSON: String
    /// `{department: [checklist ids]}` as JSON.
    public var checklistsJSON: String
    /// The day the list must be confirmed by (比对和确认), YYYY-MM-DD.
    public var confirmDue: String

    public init(id: String, jurisdiction: String, drawID: String, planID: String, entityKey: String, entityName: String,
                teamsJSON: String, checklistsJSON: String, confirmDue: String) {
        self.id = id; self.jurisdiction = jurisdiction; self.drawID = drawID; self.planID = planID
        self.entityKey = entityKey; self.entityName = entityName; self.teamsJSON = teamsJSON
        self.checklistsJSON = checklistsJSON; self.confirmDue = confirmDue
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, drawID = "draw_id", planID = "plan_id", entityKey = "entity_key", entityName = "entity_name"
        case teamsJSON = "teams_json", checklistsJSON = "checklists_json", confirmDue = "confirm_due"
    }
}

/// A department's decision on its part of a drawn task (比对和确认): the
/// entity confirmed, or rejected with a reason (closed, moved, not in scope).
/// A later decision replaces an earlier one; both are kept.
public struct ConfirmationRecord: StoredRecord, Hashable {
    public enum Decision: String, Sendable, Codable, CaseIterable { case confirmed, rejected }
    public static let databaseTableName = "confirmations"
    public var id: Int64?
    public var jurisdiction: String
    public var taskID: String
    public var department: String
    public var decision: Decision
    public var reason: String?
    public var decidedOn: String
    public var recordedAt: String
    public var recordedBy: String

    public init(jurisdiction: String, taskID: String, department: String, decision: Decision, reason: String?, decidedOn: String) {
        self.id = nil; self.jurisdiction = jurisdiction; self.taskID = taskID; self.department = department
        self.decision = decision; self.reason = reason; self.decidedOn = decidedOn; self.recordedAt = ""; self.recordedBy = ""
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, taskID = "task_id", department, decision, reason, decidedOn = "decided_on"
        case recordedAt = "recorded_at", recordedBy = "recorded_by"
    }
}

/// What the inspectors of one department recorded for one task and one
/// checklist, as sent; versions of (task, checklist) are 1, 2, 3 ….
public struct SubmissionRecord: StoredRecord, Hashable {
    public static let databaseTableName = "submissions"
    /// The client's id: sending the same id with the same content again is idempotent.
    public var submissionID: String
    public var jurisdiction: String
    public var taskID: String
    public var department: String
    public var checklist: String
    public var inspectors: [String]
    public var inspectedOn: String
    /// The day the results were entered (回填), YYYY-MM-DD.
    public var receivedOn: String
    /// The findings as sent (YAML or JSON text).
    public var payload: String
    public var payloadSHA256: String
    public var version: Int
    public var receivedAt: String
    public var receivedBy: String

    public init(submissionID: String, jurisdiction: String, taskID: String, department: String, checklist: String,
                inspectors: [String], inspectedOn: String, receivedOn: String, payload: String) {
        self.submissionID = submissionID; self.jurisdiction = jurisdiction; self.taskID = taskID
        self.department = department; self.checklist = checklist; self.inspectors = inspectors
        self.inspectedOn = inspectedOn; self.receivedOn = receivedOn; self.payload = payload
        self.payloadSHA256 = sha256Hex(payload); self.version = 0; self.receivedAt = ""; self.receivedBy = ""
    }

    /// Whether `other` is the same submission sent again (same id, same
    /// content: who inspected, when, and what they found; the day it was
    /// received may be a later one).
    func isResending(_ other: SubmissionRecord) -> Bool {
        submissionID == other.submissionID && taskID == other.taskID && department == other.department
            && checklist == other.checklist && inspectors == other.inspectors && inspectedOn == other.inspectedOn
            && payloadSHA256 == other.payloadSHA256
    }

    enum CodingKeys: String, CodingKey {
        case submissionID = "submission_id", jurisdiction, taskID = "task_id", department, checklist, inspectors
        case inspectedOn = "inspected_on", receivedOn = "received_on", payload, payloadSHA256 = "payload_sha256"
        case version, receivedAt = "received_at", receivedBy = "received_by"
    }
}

/// The interpreter's evaluation of one submission version; `document` is
/// the evaluation document (JSON), read back typed by the lifecycle.
public struct EvaluationRecord: StoredRecord, Hashable {
    public static let databaseTableName = "evaluations"
    public var id: Int64?
    public var jurisdiction: String
    public var submissionID: String
    public var taskID: String
    public var planID: String
    public var department: String
    public var checklist: String
    public var version: Int
    public var resultCode: String
    public var resultRank: Int
    public var violations: [String]
    public var document: String
    /// The day the results were entered, YYYY-MM-DD.
    public var enteredOn: String
    public var recordedAt: String

    public init(jurisdiction: String, submissionID: String, taskID: String, planID: String, department: String,
                checklist: String, version: Int, resultCode: String, resultRank: Int, violations: [String],
                document: String, enteredOn: String) {
        self.id = nil; self.jurisdiction = jurisdiction; self.submissionID = submissionID; self.taskID = taskID
        self.planID = planID; self.department = department; self.checklist = checklist; self.version = version
        self.resultCode = resultCode; self.resultRank = resultRank; self.violations = violations
        self.document = document; self.enteredOn = enteredOn; self.recordedAt = ""
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, submissionID = "submission_id", taskID = "task_id", planID = "plan_id", department
        case checklist, version, resultCode = "result_code", resultRank = "result_rank", violations, document
        case enteredOn = "entered_on", recordedAt = "recorded_at"
    }
}

/// A problem handed to a competent body (移送/转办). Immutable: its life is
/// its events (`ReferralEventRecord`).
public struct ReferralRecord: StoredRecord, Hashable {
    public static let databaseTableName = "referrals"
    public var id: String
    public var jurisdiction: String
    public var submissionID: String
    public var taskID: String
    /// The department or authority it goes to.
    public var recipient: String
    /// transfer | judicial | credit_record | rectification_followup (opaque to the store).
    public var kind: String
    /// The routing rule that produced it.
    public var route: String
    public var items: [String]
    /// When handling is due, YYYY-MM-DD; nil when no deadline applies.
    public var due: String?
    public var createdOn: String

    public init(id: String, jurisdiction: String, submissionID: String, taskID: String, recipient: String, kind: String,
                route: String, items: [String], due: String?, createdOn: String) {
        self.id = id; self.jurisdiction = jurisdiction; self.submissionID = submissionID; self.taskID = taskID
        self.recipient = recipient; self.kind = kind; self.route = route; self.items = items; self.due = due
        self.createdOn = createdOn
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, submissionID = "submission_id", taskID = "task_id", recipient, kind, route, items, due
        case createdOn = "created_on"
    }
}

/// Where a referral stands: open → received → handled → closed, or superseded.
public enum ReferralStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case open, received, handled, closed, superseded

    /// The moves the life of a referral allows; a status may also be
    /// recorded again (a corrected date or decision) except once closed.
    public func allows(_ next: ReferralStatus) -> Bool {
        switch (self, next) {
        case (.open, .received), (.open, .handled), (.open, .superseded): return true
        case (.received, .received), (.received, .handled), (.received, .superseded): return true
        case (.handled, .handled), (.handled, .closed), (.handled, .superseded): return true
        default: return false
        }
    }

    /// Closed or superseded: nothing is awaited any more.
    public var isFinal: Bool { self == .closed || self == .superseded }
}

/// One step in a referral's life, by a named user or command.
public struct ReferralEventRecord: StoredRecord, Hashable {
    public static let databaseTableName = "referral_events"
    public var id: Int64?
    public var jurisdiction: String
    public var referralID: String
    public var status: ReferralStatus
    /// The handling decision (处理决定), its number and whether it is public (行政处罚决定).
    public var decision: String?
    public var decisionNo: String?
    public var decisionPublic: Bool?
    public var onDate: String
    public var recordedAt: String
    public var recordedBy: String

    public init(jurisdiction: String, referralID: String, status: ReferralStatus, decision: String? = nil,
                decisionNo: String? = nil, decisionPublic: Bool? = nil, onDate: String) {
        self.id = nil; self.jurisdiction = jurisdiction; self.referralID = referralID; self.status = status
        self.decision = decision; self.decisionNo = decisionNo; self.decisionPublic = decisionPublic
        self.onDate = onDate; self.recordedAt = ""; self.recordedBy = ""
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, referralID = "referral_id", status, decision, decisionNo = "decision_no"
        case decisionPublic = "decision_public", onDate = "on_date", recordedAt = "recorded_at", recordedBy = "recorded_by"
    }
}

/// A referral's present status: the replay of its events, kept for queries.
public struct ReferralStatusRecord: StoredRecord, Hashable {
    public static let databaseTableName = "referral_status"
    public var referralID: String
    public var jurisdiction: String
    public var status: ReferralStatus
    public var statusOn: String
    public var lastEventID: Int64

    enum CodingKeys: String, CodingKey {
        case referralID = "referral_id", jurisdiction, status, statusOn = "status_on", lastEventID = "last_event_id"
    }
}

/// The public record of one task's result (already redacted by the caller),
/// with the head of the audit chain it was published under.
public struct DisclosureRecord: StoredRecord, Hashable {
    public static let databaseTableName = "disclosures"
    public var id: Int64?
    public var jurisdiction: String
    public var taskID: String
    public var planID: String
    public var creditCode: String
    public var entityName: String
    public var resultCode: String
    public var publishedOn: String
    public var recordJSON: String
    /// A digest of what the record was made from (evaluations, decisions):
    /// the same again needs no new record.
    public var sourceSHA256: String
    public var auditSeq: Int
    public var auditHash: String
    public var recordedAt: String
    public var recordedBy: String

    public init(jurisdiction: String, taskID: String, planID: String, creditCode: String, entityName: String,
                resultCode: String, publishedOn: String, recordJSON: String, sourceSHA256: String = "") {
        self.id = nil; self.jurisdiction = jurisdiction; self.taskID = taskID; self.planID = planID
        self.creditCode = creditCode; self.entityName = entityName; self.resultCode = resultCode
        self.publishedOn = publishedOn; self.recordJSON = recordJSON; self.sourceSHA256 = sourceSHA256
        self.auditSeq = 0; self.auditHash = ""
        self.recordedAt = ""; self.recordedBy = ""
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, taskID = "task_id", planID = "plan_id", creditCode = "credit_code"
        case entityName = "entity_name", resultCode = "result_code", publishedOn = "published_on"
        case recordJSON = "record_json", sourceSHA256 = "source_sha256", auditSeq = "audit_seq", auditHash = "audit_hash", recordedAt = "recorded_at"
        case recordedBy = "recorded_by"
    }
}
