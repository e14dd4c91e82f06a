import Foundation
import WorkingDays

/// How `spotcheck serve` runs: where it listens, which store and rule
/// files it serves, and the limits it holds requests to.
public struct ServiceConfiguration: Sendable {
    /// The folder holding `Rules/` and `Checklists/`.
    public var root: String
    /// The store: a SQLite file.
    public var store: String
    public var host: String
    public var port: Int
    /// The day the service acts on (deadlines, entry dates); `nil` is today in China.
    public var fixedDay: CivilDate?
    /// Cost of new bcrypt hashes (12 in service; tests use the minimum).
    public var bcryptCost: UInt8
    /// Largest JSON or form body accepted; larger ones get 413.
    public var maxBodyBytes: Int
    /// Largest evidence file (a photo or a document) accepted.
    public var maxEvidenceBytes: Int
    /// How long a session lasts.
    public var sessionLifetime: Duration
    /// Failed logins allowed per account (and per client address) in `loginWindow` before 429.
    public var loginFailuresAllowed: Int
    public var loginWindow: Duration

    public init(root: String = ".", store: String, host: String = "127.0.0.1", port: Int = 8080, fixedDay: CivilDate? = nil,
                bcryptCost: UInt8 = 12, maxBodyBytes: Int = 1 << 20, maxEvidenceBytes: Int = 10 << 20,
                sessionLifetime: Duration = .seconds(12 * 3600), loginFailuresAllowed: Int = 5, loginWindow: Duration = .seconds(15 * 60)) {
        self.root = root
        self.store = store
        self.host = host
        self.port = port
        self.fixedDay = fixedDay
        self.bcryptCost = bcryptCost
        self.maxBodyBytes = maxBodyBytes
        self.maxEvidenceBytes = maxEvidenceBytes
        self.sessionLifetime = sessionLifetime
        self.loginFailuresAllowed = loginFailuresAllowed
        self.loginWindow = loginWindow
    }
}
