import Crypto
import Foundation

/// One entry of the audit log. Each entry carries the hash of the one
/// before, so that editing, deleting or reordering entries breaks the chain.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var seq: Int
    public var at: String
    public var action: String
    public var subject: String
    public var payloadSHA256: String
    public var previousHash: String
    public var hash: String

    public init(seq: Int, at: String, action: String, subject: String,
                payloadSHA256: String, previousHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.action = action
        self.subject = subject
        self.payloadSHA256 = payloadSHA256
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The previous hash of the first entry: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// SHA-256 hex of previousHash ‖ "\n" ‖ seq ‖ "\n" ‖ at ‖ "\n" ‖ action ‖ "\n" ‖ subject ‖ "\n" ‖ payloadSHA256.
    public static func computeHash(previousHash: String, seq: Int, at: String, action: String,
                                   subject: String, payloadSHA256: String) -> String {
        sha256Hex([previousHash, String(seq), at, action, subject, payloadSHA256].joined(separator: "\n"))
    }

    /// The hash this entry should carry, recomputed from its fields.
    public var recomputedHash: String {
        Self.computeHash(previousHash: previousHash, seq: seq, at: at, action: action,
                         subject: subject, payloadSHA256: payloadSHA256)
    }
}

/// What is wrong with one place of the audit log.
public struct AuditProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// An entry's fields no longer give its hash: the entry was edited.
        case editedEntry = "edited-entry"
        /// The sequence numbers jump: entries were deleted before this one.
        case missingEntries = "missing-entries"
        /// An entry does not link to the entry before it (deleted, inserted or reordered).
        case brokenLink = "broken-link"
        /// The log ends before the last entry the store appended: its tail was deleted.
        case truncatedTail = "truncated-tail"
        /// A stored row no longer matches the entry that recorded it.
        case dataMismatch = "data-mismatch"
        /// A stored row has no audit entry.
        case unrecordedData = "unrecorded-data"
    }

    /// The sequence number of the entry concerned; nil for a stored row that no entry records.
    public var seq: Int?
    public var kind: Kind
    public var detail: String

    public init(seq: Int?, kind: Kind, detail: String) {
        self.seq = seq
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "#\(seq.map(String.init) ?? "-") \(kind.rawValue): \(detail)" }
}

/// The result of `Store.verifyAudit()`.
public struct AuditReport: Sendable, Hashable, CustomStringConvertible {
    /// The number of entries in the log.
    public var count: Int
    /// Every problem found, in the order of the log.
    public var problems: [AuditProblem]

    public init(count: Int, problems: [AuditProblem]) {
        self.count = count
        self.problems = problems
    }

    public var ok: Bool { problems.isEmpty }

    /// The sequence number of the first entry found wrong.
    public var firstBadSeq: Int? { problems.compactMap(\.seq).min() }

    /// What is wrong, first problem first; nil when the log verifies.
    public var problem: String? { problems.first?.description }

    public var description: String {
        if ok {
            return "审计日志完整：\(count) 条，哈希链校验通过 / audit log intact: \(count) entries, hash chain verified"
        }
        let first = firstBadSeq.map(String.init) ?? "?"
        var lines = ["审计日志被篡改：\(count) 条中发现 \(problems.count) 处问题，首个问题位于第 \(first) 条 / audit log tampered with: \(problems.count) problem(s) in \(count) entries, first at seq \(first)"]
        lines += problems.map { "  \($0.description)" }
        return lines.joined(separator: "\n")
    }
}

func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
}

/// An unambiguous text form of a record, hashed into an audit entry's
/// payloadSHA256: every value is length-prefixed, every list counted.
struct Canonical {
    private(set) var text = ""

    init(_ kind: String) { text = "\(kind)\n" }

    mutating func add(_ name: String, _ value: String) {
        text += "\(name)=\(value.utf8.count):\(value)\n"
    }

    mutating func add(_ name: String, _ value: String?) {
        if let value { add(name, value) } else { text += "\(name)=nil\n" }
    }

    mutating func add(_ name: String, _ value: Int) { add(name, String(value)) }

    mutating func add(_ name: String, _ values: [String]) {
        text += "\(name)#\(values.count)\n"
        for value in values { add("-", value) }
    }

    var sha256: String { sha256Hex(text) }
}

extension StoredSubmission {
    /// The payload of the audit entry that recorded this submission.
    var canonical: Canonical {
        var c = Canonical("submission")
        c.add("submission_id", submissionID)
        c.add("task_id", taskID)
        c.add("department", department)
        c.add("checklist", checklist)
        c.add("inspectors", inspectors)
        c.add("inspected_on", inspectedOn)
        c.add("payload", payload)
        c.add("version", version)
        c.add("received_at", receivedAt)
        return c
    }
}

extension EvaluationRecord {
    var canonical: Canonical {
        var c = Canonical("evaluation")
        c.add("submission_id", submissionID)
        c.add("task_id", taskID)
        c.add("checklist", checklist)
        c.add("version", version)
        c.add("result_code", resultCode)
        c.add("violations", violations)
        c.add("json", json)
        c.add("entered_on", enteredOn)
        return c
    }
}

extension ReferralRecord {
    var canonical: Canonical {
        var c = Canonical("referral")
        c.add("id", id)
        c.add("submission_id", submissionID)
        c.add("task_id", taskID)
        c.add("to", to)
        c.add("kind", kind)
        c.add("items", items)
        c.add("due", due)
        c.add("status", status.rawValue)
        return c
    }
}

extension DrawRecord {
    var canonical: Canonical {
        var c = Canonical("draw")
        c.add("id", id)
        c.add("plan_id", planID)
        c.add("seed", seed)
        c.add("certificate_json", certificateJSON)
        c.add("created_at", createdAt)
        return c
    }
}

extension TaskRecord {
    var canonical: Canonical {
        var c = Canonical("task")
        c.add("id", id)
        c.add("draw_id", drawID)
        c.add("plan_id", planID)
        c.add("entity_key", entityKey)
        c.add("teams_json", teamsJSON)
        c.add("checklists_json", checklistsJSON)
        c.add("confirmed_due", confirmedDue)
        return c
    }
}

extension DisclosureRecord {
    var canonical: Canonical {
        var c = Canonical("disclosure")
        c.add("task_id", taskID)
        c.add("plan_id", planID)
        c.add("published_on", publishedOn)
        c.add("json", json)
        return c
    }
}
