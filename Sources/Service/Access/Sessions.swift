import Foundation
import HummingbirdBcrypt
import Messages
import Store

/// Signing in and out: passwords checked against their bcrypt hashes,
/// sessions kept in the store as digests of their tokens, failed attempts
/// throttled.
struct Sessions: Sendable {
    let store: Store
    let throttle: LoginThrottle
    let lifetime: Duration
    /// A hash of no password anyone has, checked when the account does not
    /// exist so that timing does not tell which ids exist.
    let decoyHash: String

    init(store: Store, throttle: LoginThrottle, lifetime: Duration, bcryptCost: UInt8) {
        self.store = store
        self.throttle = throttle
        self.lifetime = lifetime
        self.decoyHash = Bcrypt.hash(Tokens.random(), cost: bcryptCost)
    }

    /// A new session for `id` when the password is right; 401 when the
    /// account or the password is wrong (the same answer for both), 429
    /// while too many attempts have failed.
    func signIn(id: String, password: String, client: String) throws(ServiceError) -> (token: String, session: SessionRecord, account: AccountRecord) {
        if let wait = throttle.wait(account: id, client: client) {
            let seconds = Int(wait.components.seconds) + 1
            throw ServiceError(.tooManyRequests, zh: "登录失败次数过多，请 \(seconds) 秒后再试", en: "too many failed sign-ins; try again in \(seconds) s",
                               headers: ["Retry-After": String(seconds)])
        }
        let account = try stored { () throws(StoreError) in try store.account(id) }
        let hash = account?.passwordHash ?? decoyHash
        guard Bcrypt.verify(password, hash: hash), let account, account.active else {
            throttle.failed(account: id, client: client)
            throw ServiceError(.unauthorized, zh: "账号或密码不正确", en: "wrong account or password")
        }
        throttle.succeeded(account: id)
        let token = Tokens.random()
        let now = Date()
        let session = SessionRecord(tokenSHA256: Tokens.digest(token), accountID: account.accountID, csrfToken: Tokens.random(),
                                    createdAt: Self.iso(now), expiresAt: Self.iso(now.addingTimeInterval(Double(lifetime.components.seconds))))
        try stored { () throws(StoreError) in try store.createSession(session) }
        return (token, session, account)
    }

    /// The caller a token stands for, if its session is live and its account active.
    func caller(token: String, byBearer: Bool) throws(ServiceError) -> Caller? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        guard let found = try stored({ () throws(StoreError) in try store.session(tokenSHA256: Tokens.digest(token)) }),
              found.session.expiresAt > Self.iso(Date()), found.account.active else { return nil }
        return Caller(account: found.account, session: found.session, byBearer: byBearer)
    }

    func signOut(_ caller: Caller) throws(ServiceError) {
        try stored { () throws(StoreError) in try store.deleteSession(tokenSHA256: caller.session.tokenSHA256) }
    }

    /// A new password's hash (`spotcheck user add`, tests).
    static func hash(_ password: String, cost: UInt8) -> String { Bcrypt.hash(password, cost: cost) }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}

/// A store read or write inside a request.
func stored<T>(_ body: () throws(StoreError) -> T) throws(ServiceError) -> T {
    do { return try body() } catch { throw ServiceError(error) }
}

extension ServiceError {
    /// The store's refusal: the server's fault (500) unless the caller can
    /// correct it (409 conflicts, 422 states and fields, 404 unknown records).
    init(_ error: StoreError) {
        switch error.kind {
        case .conflict: self.init(.conflict, error.message)
        case .unknown: self.init(.notFound, error.message)
        case .invalidField, .notAllowed, .mismatch, .batchItem: self.init(.unprocessableContent, error.message)
        case .cannotOpen, .notAStore, .corruptRow, .database: self.init(.internalServerError, error.message)
        }
    }
}
