// The rows the store keeps. Plain values: the store knows nothing of
// checklists, CEL or rule files; payloads are opaque JSON or text.

/// One row of a directory (entities or inspectors), keyed by its id.
public struct DirectoryRecord: Sendable, Hashable, Codable {
    public var key: String
    public var json: String

    public init(key: String, json: String) {
        self.key = key
        self.json = json
    }
}

/// One import of a directory: the history the store keeps of them.
public struct DirectoryImport: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public var sourceSHA256: String
    public var rowCount: Int
    public var importedAt: String

    public init(id: Int, name: String, sourceSHA256: String, rowCount: Int, importedAt: String) {
        self.id = id
        self.name = name
        self.sourceSHA256 = sourceSHA256
        self.rowCount = rowCount
        self.importedAt = importedAt
    }
}

/// One version of a plan: the hash of the plan file and of the rule files it was run with.
public struct PlanVersion: Sendable, Hashable, Codable {
    public var planID: String
    public var version: Int
    public var title: String
    public var planSHA256: String
    public var rulesSHA256: String
    public var recordedAt: String

    public init(planID: String, version: Int, title: String, planSHA256: String, rulesSHA256: String, recordedAt: String) {
        self.planID = planID
        self.version = version
        self.title = title
        self.planSHA256 = planSHA256
        self.rulesSHA256 = rulesSHA256
        self.recordedAt = recordedAt
    }
}

/// A draw: its seed and the certificate anyone can check it against.
public struct DrawRecord: Sendable, Hashable, Codable {
    public var id: String
    public var planID: String
    public var seed: String
    public var certificateJSON: String
    public var createdAt: String

    public init(id: String, planID: String, seed: String, certificateJSON: String, createdAt: String) {
        self.id = id
        self.planID = planID
        self.seed = seed
        self.certificateJSON = certificateJSON
        self.createdAt = createdAt
    }
}

/// A task (一校一表): one drawn entity with its teams and checklists.
public struct TaskRecord: Sendable, Hashable, Codable {
    public var id: String
    public var drawID: String
    public var planID: String
    public var entityKey: String
    public var teamsJSON: String
    public var checklistsJSON: String
    /// The date by which the list must be confirmed, YYYY-MM-DD.
    public var confirmedDue: String

    public init(id: String, drawID: String, planID: String, entityKey: String,
                teamsJSON: String, checklistsJSON: String, confirmedDue: String) {
        self.id = id
        self.drawID = drawID
        self.planID = planID
        self.entityKey = entityKey
        self.teamsJSON = teamsJSON
        self.checklistsJSON = checklistsJSON
        self.confirmedDue = confirmedDue
    }
}

/// What the inspectors of one department recorded for one task and one checklist.
public struct SubmissionRecord: Sendable, Hashable, Codable {
    /// The client's id for this submission: submitting the same id twice is idempotent.
    public var submissionID: String
    public var taskID: String
    public var department: String
    public var checklist: String
    public var inspectors: [String]
    /// YYYY-MM-DD.
    public var inspectedOn: String
    /// The findings, opaque to the store (YAML or JSON text).
    public var payload: String

    public init(submissionID: String, taskID: String, department: String, checklist: String,
                inspectors: [String], inspectedOn: String, payload: String) {
        self.submissionID = submissionID
        self.taskID = taskID
        self.department = department
        self.checklist = checklist
        self.inspectors = inspectors
        self.inspectedOn = inspectedOn
        self.payload = payload
    }
}

/// A submission as stored: the submission as it was sent, plus its version
/// within (task, checklist) and when it arrived.
public struct StoredSubmission: Sendable, Hashable, Codable {
    /// The submission as it was sent.
    public var record: SubmissionRecord
    /// 1 for the first submission of (task, checklist), then 2, 3 … for each resubmission.
    public var version: Int
    /// ISO 8601 UTC, from the store's clock.
    public var receivedAt: String

    public init(_ record: SubmissionRecord, version: Int, receivedAt: String) {
        self.record = record
        self.version = version
        self.receivedAt = receivedAt
    }

    public var submissionID: String { record.submissionID }
    public var taskID: String { record.taskID }
    public var department: String { record.department }
    public var checklist: String { record.checklist }
    public var inspectors: [String] { record.inspectors }
    public var inspectedOn: String { record.inspectedOn }
    public var payload: String { record.payload }
}

/// What `submit` did.
public enum SubmitResult: Sendable, Hashable {
    /// Stored as a new version.
    case stored(version: Int)
    /// This submission id was already stored with the same content: nothing written.
    case duplicate(version: Int)

    public var version: Int {
        switch self {
        case .stored(let version), .duplicate(let version): return version
        }
    }
}

/// The interpreter's evaluation of one submission version.
public struct EvaluationRecord: Sendable, Hashable, Codable {
    public var submissionID: String
    public var taskID: String
    public var checklist: String
    /// The version of the submission evaluated.
    public var version: Int
    public var resultCode: String
    public var violations: [String]
    public var json: String
    /// YYYY-MM-DD: the day the results were entered.
    public var enteredOn: String

    public init(submissionID: String, taskID: String, checklist: String, version: Int,
                resultCode: String, violations: [String], json: String, enteredOn: String) {
        self.submissionID = submissionID
        self.taskID = taskID
        self.checklist = checklist
        self.version = version
        self.resultCode = resultCode
        self.violations = violations
        self.json = json
        self.enteredOn = enteredOn
    }
}

public enum ReferralStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case handled
    case overdue
}

/// A problem handed to the competent authority.
public struct ReferralRecord: Sendable, Hashable, Codable {
    public var id: String
    public var submissionID: String
    public var taskID: String
    /// The department or authority it goes to.
    public var to: String
    /// transfer | judicial | credit_record | rectification_followup … (opaque to the store).
    public var kind: String
    /// The violated items (or rules) it concerns.
    public var items: [String]
    /// YYYY-MM-DD, when handling is due; nil when no deadline applies.
    public var due: String?
    public var status: ReferralStatus
    /// YYYY-MM-DD of the last status change (set by `setReferralStatus`).
    public var statusOn: String?

    public init(id: String, submissionID: String, taskID: String, to: String, kind: String,
                items: [String], due: String?, status: ReferralStatus = .open, statusOn: String? = nil) {
        self.id = id
        self.submissionID = submissionID
        self.taskID = taskID
        self.to = to
        self.kind = kind
        self.items = items
        self.due = due
        self.status = status
        self.statusOn = statusOn
    }
}

/// The public record of one task's result (already redacted by the caller).
public struct DisclosureRecord: Sendable, Hashable, Codable {
    public var taskID: String
    public var planID: String
    /// YYYY-MM-DD.
    public var publishedOn: String
    public var json: String

    public init(taskID: String, planID: String, publishedOn: String, json: String) {
        self.taskID = taskID
        self.planID = planID
        self.publishedOn = publishedOn
        self.json = json
    }
}
