import Foundation
import Messages

/// What an account may do (SPEC.md §12).
public enum AccountRole: String, Sendable, Codable, CaseIterable, Hashable {
    /// Linked to an inspector directory id: sees its tasks, submits findings.
    case inspector
    /// One department of one jurisdiction: confirms lists, edits checklists, handles referrals.
    case departmentAdmin = "department_admin"
    /// One jurisdiction: plans, draws, deadlines, reports, publication.
    case leadOffice = "lead_office"
    /// Accounts.
    case systemAdmin = "system_admin"
}

/// A version of an account: every change (a new password, a deactivation)
/// is a new audited version; the latest is the account. An inspector
/// account's id is its inspector directory id.
public struct AccountRecord: StoredRecord, Hashable {
    public static let databaseTableName = "account_versions"
    public var accountID: String
    public var version: Int
    /// The jurisdiction it acts in; empty for a system administrator.
    public var jurisdiction: String
    public var role: AccountRole
    /// For an inspector or a department administrator: the department.
    public var department: String?
    /// A slow salted hash (bcrypt), never the password.
    public var passwordHash: String
    public var active: Bool
    public var recordedAt: String
    public var recordedBy: String

    public init(accountID: String, jurisdiction: String, role: AccountRole, department: String?, passwordHash: String, active: Bool = true) {
        self.accountID = accountID; self.version = 0; self.jurisdiction = jurisdiction; self.role = role
        self.department = department; self.passwordHash = passwordHash; self.active = active
        self.recordedAt = ""; self.recordedBy = ""
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id", version, jurisdiction, role, department, passwordHash = "password_hash", active
        case recordedAt = "recorded_at", recordedBy = "recorded_by"
    }
}

extension AccountRecord: AuditedRecord {
    static let auditAction = "account"
    static let allRowsSQL = "SELECT * FROM account_versions WHERE jurisdiction = ? ORDER BY account_id, version"
    var auditSubject: String { "\(accountID)@\(version)" }
}

/// A signed-in session: the token is given to the client once and kept
/// only as its SHA-256; sessions expire and are not audited data.
public struct SessionRecord: StoredRecord, Hashable {
    public static let databaseTableName = "sessions"
    public var tokenSHA256: String
    public var accountID: String
    /// The token page forms carry (CSRF).
    public var csrfToken: String
    public var createdAt: String
    public var expiresAt: String

    public init(tokenSHA256: String, accountID: String, csrfToken: String, createdAt: String, expiresAt: String) {
        self.tokenSHA256 = tokenSHA256; self.accountID = accountID; self.csrfToken = csrfToken
        self.createdAt = createdAt; self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case tokenSHA256 = "token_sha256", accountID = "account_id", csrfToken = "csrf_token"
        case createdAt = "created_at", expiresAt = "expires_at"
    }
}

extension Store {
    /// Records a new version of an account (a new account is version 1).
    @discardableResult
    public func saveAccount(_ account: AccountRecord, by actor: String) throws(StoreError) -> AccountRecord {
        guard SafeName.isValid(account.accountID) else {
            throw StoreError(.invalidField, zh: "账号“\(account.accountID)”只能由字母、数字、“-”“_”“.”组成", en: "account id '\(account.accountID)' may only hold letters, digits, '-', '_' and '.'")
        }
        try Self.requireActor(actor)
        if account.role != .systemAdmin { try Self.requireText("jurisdiction", account.jurisdiction) }
        if account.role == .inspector || account.role == .departmentAdmin { try Self.requireText("department", account.department ?? "") }
        return try backend.write { tx in
            let version = (try tx.int("SELECT MAX(version) FROM account_versions WHERE account_id = ?", [.text(account.accountID)]) ?? 0) + 1
            var record = account
            record.version = version
            record.recordedAt = self.clock()
            record.recordedBy = actor
            return try self.insertAudited(tx, record, by: actor)
        }
    }

    /// The account as it stands (its latest version).
    public func account(_ id: String) throws(StoreError) -> AccountRecord? {
        try backend.read { tx in try Self.account(id, in: tx) }
    }

    private static func account(_ id: String, in tx: any StoreTransaction) throws -> AccountRecord? {
        try tx.fetchOne(AccountRecord.self, "SELECT * FROM account_versions WHERE account_id = ? ORDER BY version DESC LIMIT 1", [.text(id)])
    }

    /// Every account as it stands, by id.
    public func accounts() throws(StoreError) -> [AccountRecord] {
        try backend.read { tx in
            try tx.fetchAll(AccountRecord.self, """
                SELECT a.* FROM account_versions a
                WHERE a.version = (SELECT MAX(b.version) FROM account_versions b WHERE b.account_id = a.account_id)
                ORDER BY a.account_id
                """)
        }
    }

    // MARK: - Sessions

    public func createSession(_ session: SessionRecord) throws(StoreError) {
        try backend.write { tx in
            try tx.execute("DELETE FROM sessions WHERE expires_at < ?", [.text(session.createdAt)])
            try tx.insert(session)
        }
    }

    /// A session and the account it signs in, as the account stands now.
    public struct SessionAccount: Sendable {
        public var session: SessionRecord
        public var account: AccountRecord
    }

    /// The session kept under `tokenSHA256` and its account, read together
    /// (every signed-in request asks for both).
    public func session(tokenSHA256: String) throws(StoreError) -> SessionAccount? {
        try backend.read { tx in
            guard let session = try tx.fetchOne(SessionRecord.self, "SELECT * FROM sessions WHERE token_sha256 = ?", [.text(tokenSHA256)]),
                  let account = try Self.account(session.accountID, in: tx) else { return nil }
            return SessionAccount(session: session, account: account)
        }
    }

    public func deleteSession(tokenSHA256: String) throws(StoreError) {
        try backend.write { tx in try tx.execute("DELETE FROM sessions WHERE token_sha256 = ?", [.text(tokenSHA256)]) }
    }
}
