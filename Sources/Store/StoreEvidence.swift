import Foundation
import Messages

/// A photo or document attached to findings, kept by its SHA-256: findings
/// refer to it as `sha256:<hex>`. The same bytes again are the same record.
public struct EvidenceRecord: StoredRecord, Hashable {
    public static let databaseTableName = "evidence"
    public var sha256: String
    public var jurisdiction: String
    public var contentType: String
    public var size: Int
    public var bytes: Data
    public var uploadedAt: String
    public var uploadedBy: String

    public init(jurisdiction: String, contentType: String, bytes: Data) {
        self.sha256 = sha256Hex(Array(bytes))
        self.jurisdiction = jurisdiction
        self.contentType = contentType
        self.size = bytes.count
        self.bytes = bytes
        self.uploadedAt = ""
        self.uploadedBy = ""
    }

    enum CodingKeys: String, CodingKey {
        case sha256, jurisdiction, contentType = "content_type", size, bytes, uploadedAt = "uploaded_at", uploadedBy = "uploaded_by"
    }
}

extension EvidenceRecord: AuditedRecord {
    static let auditAction = "evidence"
    static let allRowsSQL = "SELECT * FROM evidence WHERE jurisdiction = ? ORDER BY sha256"
    var auditSubject: String { sha256 }

    /// The bytes are covered by their own SHA-256 (the record's key), which
    /// verification recomputes; the canonical form names it, not the bytes.
    var canonical: Canonical {
        var c = Canonical(Self.auditAction)
        c.add("sha256", sha256)
        c.add("jurisdiction", jurisdiction)
        c.add("content_type", contentType)
        c.add("size", String(size))
        c.add("uploaded_at", uploadedAt)
        c.add("uploaded_by", uploadedBy)
        return c
    }
}

extension Store {
    /// Keeps an evidence file (idempotent for the same bytes); returns its record.
    @discardableResult
    public func storeEvidence(_ evidence: EvidenceRecord, by actor: String) throws(StoreError) -> EvidenceRecord {
        try Self.requireActor(actor)
        try Self.requireText("jurisdiction", evidence.jurisdiction)
        return try backend.write { tx in
            if let known = try tx.fetchOne(EvidenceRecord.self, "SELECT * FROM evidence WHERE sha256 = ?", [.text(evidence.sha256)]) {
                return known
            }
            var record = evidence
            record.uploadedAt = self.clock()
            record.uploadedBy = actor
            return try self.insertAudited(tx, record, by: actor)
        }
    }

    public func evidence(jurisdiction: String, sha256: String) throws(StoreError) -> EvidenceRecord? {
        try backend.read { tx in
            try tx.fetchOne(EvidenceRecord.self, "SELECT * FROM evidence WHERE jurisdiction = ? AND sha256 = ?", [.text(jurisdiction), .text(sha256)])
        }
    }
}
