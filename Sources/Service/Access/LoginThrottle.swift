import Foundation
import Synchronization

/// Slows password guessing: after `allowed` failed sign-ins for one
/// account, or from one client address, within `window`, further attempts
/// are refused (429) until the oldest failure leaves the window. A
/// success clears the account's failures, not the address's.
final class LoginThrottle: Sendable {
    private let allowed: Int
    private let window: Duration
    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])

    init(allowed: Int, window: Duration) {
        self.allowed = allowed
        self.window = window
    }

    /// How long the caller must wait before trying again; `nil` when it may try now.
    func wait(account: String, client: String, now: ContinuousClock.Instant = .now) -> Duration? {
        failures.withLock { table in
            [Self.key(account: account), Self.key(client: client)].compactMap { key -> Duration? in
                let recent = (table[key] ?? []).filter { now - $0 < window }
                table[key] = recent.isEmpty ? nil : recent
                guard recent.count >= allowed, let oldest = recent.first else { return nil }
                return window - (now - oldest)
            }.max()
        }
    }

    func failed(account: String, client: String, now: ContinuousClock.Instant = .now) {
        failures.withLock { table in
            for key in [Self.key(account: account), Self.key(client: client)] {
                table[key, default: []].append(now)
            }
        }
    }

    func succeeded(account: String) {
        _ = failures.withLock { $0.removeValue(forKey: Self.key(account: account)) }
    }

    private static func key(account: String) -> String { "account:" + account }
    private static func key(client: String) -> String { "client:" + client }
}
