import Dispatch
import Foundation
import Store
import Synchronization

/// Group commit: submissions that arrive while the store is writing wait
/// and go into the next transaction together, so many inspectors'
/// submissions share one durable commit (one fsync) instead of one each.
/// Each caller is answered only after the transaction holding its
/// submission has committed; a refused submission (its savepoint rolled
/// back) does not affect the others of its group.
final class SubmissionQueue: Sendable {
    private struct Waiting {
        var submission: AttributedSubmission
        var reply: CheckedContinuation<SubmitResult, any Error>
    }
    private struct State {
        var waiting: [Waiting] = []
        var draining = false
    }

    private let store: Store
    private let state = Mutex(State())
    /// The one thread that writes: store writes block on the disk, and must
    /// not hold the threads that serve requests.
    private let writer = DispatchQueue(label: "spotcheck.submissions")
    /// Submissions written per transaction at most, so one group's commit stays short.
    static let largestGroup = 256

    init(store: Store) {
        self.store = store
    }

    /// Stores the submission; returns once it is durable.
    func submit(_ submission: EvaluatedSubmission, by actor: String) async throws -> SubmitResult {
        try await withCheckedThrowingContinuation { reply in
            let startDrain = state.withLock { s in
                s.waiting.append(Waiting(submission: AttributedSubmission(submission, by: actor), reply: reply))
                if s.draining { return false }
                s.draining = true
                return true
            }
            if startDrain { writer.async { self.drain() } }
        }
    }

    /// Writes groups until nobody waits.
    private func drain() {
        while true {
            let group: [Waiting] = state.withLock { s in
                let n = min(s.waiting.count, Self.largestGroup)
                if n == 0 { s.draining = false }
                let group = Array(s.waiting.prefix(n))
                s.waiting.removeFirst(n)
                return group
            }
            if group.isEmpty { return }
            do {
                let results = try store.submitBatch(group.map(\.submission))
                for (waiting, result) in zip(group, results) { waiting.reply.resume(with: result.mapError { $0 as any Error }) }
            } catch {
                for waiting in group { waiting.reply.resume(throwing: error) }
            }
        }
    }
}
