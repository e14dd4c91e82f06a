import Store

/// The audit log's formats as documented, written out independently of the
/// store's code: an entry's hash, and the canonical text of a submission
/// row that its entry's `payload_sha256` digests. The chain tests check the
/// store against them; the tamper tests use them to forge a chain the way
/// someone holding only the database file and the documentation would.
enum AuditFormat {
    static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 of previous ‖ jurisdiction ‖ seq ‖ at ‖ actor ‖ action ‖ subject ‖ payload, newline-separated.
    static func hash(_ e: AuditEntry, previous: String) -> String {
        SHA256.hex([previous, e.jurisdiction, String(e.seq), e.at, e.actor, e.action, e.subject, e.payloadSHA256]
            .joined(separator: "\n"))
    }

    /// The canonical form of a submission: its kind, then every field in
    /// declaration order as `name=length:value` (length in UTF-8 bytes), a
    /// list as `name#count` then `-=length:value` per element.
    static func canonical(_ s: SubmissionRecord) -> String {
        var text = "submission\n"
        func add(_ name: String, _ value: String) { text += "\(name)=\(value.utf8.count):\(value)\n" }
        add("submission_id", s.submissionID)
        add("jurisdiction", s.jurisdiction)
        add("task_id", s.taskID)
        add("department", s.department)
        add("checklist", s.checklist)
        text += "inspectors#\(s.inspectors.count)\n"
        for inspector in s.inspectors { add("-", inspector) }
        add("inspected_on", s.inspectedOn)
        add("received_on", s.receivedOn)
        add("payload", s.payload)
        add("payload_sha256", s.payloadSHA256)
        add("version", String(s.version))
        add("received_at", s.receivedAt)
        add("received_by", s.receivedBy)
        return text
    }
}
