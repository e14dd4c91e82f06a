import Foundation
import Messages

/// A version of a checklist published through the service's editor: the
/// whole file as published, what it replaced (digest and line diff), who
/// and when. Rule files are shared by every jurisdiction of a store, so
/// the latest revision of a checklist is the one in force everywhere; the
/// record sits in the chain of the jurisdiction of whoever published it.
public struct ChecklistVersionRecord: StoredRecord, Hashable {
    public static let databaseTableName = "checklist_versions"
    public var checklistID: String
    /// 1, 2, … per checklist, in the order published.
    public var revision: Int
    public var jurisdiction: String
    public var department: String
    /// The file's own `version:` value.
    public var version: String
    /// The rule file it stands for, relative to the rule files' root.
    public var path: String
    public var text: String
    public var sha256: String
    /// The text it replaced (the file's, for the first revision).
    public var previousSHA256: String
    /// The change as a unified line diff from the text it replaced.
    public var diff: String
    public var recordedAt: String
    public var recordedBy: String

    public init(checklistID: String, jurisdiction: String, department: String, version: String, path: String, text: String,
                previousSHA256: String, diff: String) {
        self.checklistID = checklistID; self.revision = 0; self.jurisdiction = jurisdiction; self.department = department
        self.version = version; self.path = path; self.text = text; self.sha256 = sha256Hex(Array(text.utf8))
        self.previousSHA256 = previousSHA256; self.diff = diff; self.recordedAt = ""; self.recordedBy = ""
    }

    enum CodingKeys: String, CodingKey {
        case checklistID = "checklist_id", revision, jurisdiction, department, version, path, text, sha256
        case previousSHA256 = "previous_sha256", diff, recordedAt = "recorded_at", recordedBy = "recorded_by"
    }
}

extension ChecklistVersionRecord: AuditedRecord {
    static let auditAction = "checklist_version"
    static let allRowsSQL = "SELECT * FROM checklist_versions WHERE jurisdiction = ? ORDER BY checklist_id, revision"
    var auditSubject: String { "\(checklistID)@\(revision)" }
}

extension Store {
    /// Records a new revision of a checklist (the text must differ from the latest).
    @discardableResult
    public func publishChecklistVersion(_ v: ChecklistVersionRecord, by actor: String) throws(StoreError) -> ChecklistVersionRecord {
        guard SafeName.isValid(v.checklistID) else {
            throw StoreError.invalid("checklist_id", v.checklistID, zh: "清单标识只能由字母、数字、“-”“_”“.”组成", en: "a checklist id holds letters, digits, '-', '_' and '.' only")
        }
        try Self.requireActor(actor)
        try Self.requireText("jurisdiction", v.jurisdiction)
        try Self.requireText("text", v.text)
        return try backend.write { tx in
            let latest = try tx.fetchOne(ChecklistVersionRecord.self, "SELECT * FROM checklist_versions WHERE checklist_id = ? ORDER BY revision DESC LIMIT 1",
                                         [.text(v.checklistID)])
            if latest?.sha256 == v.sha256 {
                throw StoreError(.conflict, zh: "清单“\(v.checklistID)”的这一版本已经发布", en: "this version of checklist '\(v.checklistID)' is already published")
            }
            var record = v
            record.revision = (latest?.revision ?? 0) + 1
            record.recordedAt = self.clock()
            record.recordedBy = actor
            return try self.insertAudited(tx, record, by: actor)
        }
    }

    /// Every published revision of a checklist, oldest first.
    public func checklistVersions(_ checklistID: String) throws(StoreError) -> [ChecklistVersionRecord] {
        try backend.read { tx in
            try tx.fetchAll(ChecklistVersionRecord.self, "SELECT * FROM checklist_versions WHERE checklist_id = ? ORDER BY revision", [.text(checklistID)])
        }
    }

    /// The latest revision of every checklist published through the store.
    public func latestChecklistVersions() throws(StoreError) -> [ChecklistVersionRecord] {
        try backend.read { tx in
            try tx.fetchAll(ChecklistVersionRecord.self, """
                SELECT c.* FROM checklist_versions c
                WHERE c.revision = (SELECT MAX(d.revision) FROM checklist_versions d WHERE d.checklist_id = c.checklist_id)
                ORDER BY c.checklist_id
                """, [])
        }
    }
}

extension Schema {
    /// Checklist versions published through the editor (append-only, audited).
    static let v5 = """
        CREATE TABLE checklist_versions (
            checklist_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            jurisdiction TEXT NOT NULL,
            department TEXT NOT NULL,
            version TEXT NOT NULL,
            path TEXT NOT NULL,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            previous_sha256 TEXT NOT NULL,
            diff TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (checklist_id, revision)
        );
        CREATE TRIGGER checklist_versions_no_update BEFORE UPDATE ON checklist_versions
            BEGIN SELECT RAISE(ABORT, 'checklist_versions is append-only'); END;
        CREATE TRIGGER checklist_versions_no_delete BEFORE DELETE ON checklist_versions
            BEGIN SELECT RAISE(ABORT, 'checklist_versions is append-only'); END;
        """
    static let v5Identifier = "v5-checklist-versions"
}

extension PostgresSchema {
    static let v5: [String] = [
        #"""
        CREATE TABLE checklist_versions (
            checklist_id TEXT COLLATE "C" NOT NULL,
            revision BIGINT NOT NULL,
            jurisdiction TEXT COLLATE "C" NOT NULL,
            department TEXT COLLATE "C" NOT NULL,
            version TEXT COLLATE "C" NOT NULL,
            path TEXT COLLATE "C" NOT NULL,
            text TEXT COLLATE "C" NOT NULL,
            sha256 TEXT COLLATE "C" NOT NULL,
            previous_sha256 TEXT COLLATE "C" NOT NULL,
            diff TEXT COLLATE "C" NOT NULL,
            recorded_at TEXT COLLATE "C" NOT NULL,
            recorded_by TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (checklist_id, revision)
        )
        """#,
        "CREATE TRIGGER checklist_versions_no_update BEFORE UPDATE ON checklist_versions FOR EACH ROW EXECUTE FUNCTION spotcheck_append_only()",
        "CREATE TRIGGER checklist_versions_no_delete BEFORE DELETE ON checklist_versions FOR EACH ROW EXECUTE FUNCTION spotcheck_append_only()",
        "CREATE TRIGGER checklist_versions_no_truncate BEFORE TRUNCATE ON checklist_versions FOR EACH STATEMENT EXECUTE FUNCTION spotcheck_append_only()",
    ]
}
