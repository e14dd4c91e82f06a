import Foundation

/// Runs independent jobs on several threads and hands their results back on
/// the calling thread in job order, as if they had run one after another.
///
/// Each worker thread owns a `State` (its scratch space: buffers, evaluator
/// scratch), made on that thread and never shared. Workers take the next
/// job from a shared counter, so a slow job does not hold up the others;
/// a worker may run at most `window` jobs ahead of the one being delivered,
/// so memory stays bounded however many jobs there are, and output streams.
public enum OrderedWork {
    /// The number of workers to use by default: one per active core.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `work(i, &state)` for every `i` in `0..<count` on `workers`
    /// threads and calls `deliver(i, result)` on the calling thread for
    /// `i = 0, 1, 2, …` in order. With one worker (or one job) everything
    /// runs on the calling thread, in order, with the same state.
    public static func run<State: ~Copyable, Result: Sendable>(
        count: Int, workers: Int = defaultWorkers, window: Int = 64,
        state makeState: @escaping @Sendable () -> State,
        work: @escaping @Sendable (Int, inout State) -> Result,
        deliver: (Int, Result) -> Void
    ) {
        let workers = max(1, min(workers, count))
        if workers == 1 {
            var state = makeState()
            for i in 0..<count { deliver(i, work(i, &state)) }
            return
        }
        let shared = Shared<Result>(window: max(window, workers))
        var threads: [Thread] = []
        for _ in 0..<workers {
            let t = Thread {
                var state = makeState()
                while let i = shared.take(count: count) {
                    shared.put(i, work(i, &state))
                }
                shared.finished()
            }
            t.stackSize = 8 << 20
            threads.append(t)
            t.start()
        }
        for i in 0..<count { deliver(i, shared.next(i)) }
        shared.waitForWorkers(workers)
    }

    /// The jobs taken, the results waiting, and one lock with its condition.
    private final class Shared<Result: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var slots: [Result?]
        private let window: Int
        /// The next job to take.
        private var taken = 0
        /// The jobs delivered so far.
        private var delivered = 0
        private var done = 0

        init(window: Int) {
            self.window = window
            slots = Array(repeating: nil, count: window)
        }

        /// The next job, once it is within `window` of delivery; nil when all are taken.
        func take(count: Int) -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while taken < count && taken - delivered >= window { condition.wait() }
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }

        func put(_ i: Int, _ r: Result) {
            condition.lock()
            slots[i % window] = r
            condition.broadcast()
            condition.unlock()
        }

        /// Job `i`'s result, waiting for it; frees its slot for job `i + window`.
        func next(_ i: Int) -> Result {
            condition.lock()
            defer { condition.unlock() }
            while slots[i % window] == nil { condition.wait() }
            let r = slots[i % window].take()!
            delivered += 1
            condition.broadcast()
            return r
        }

        func finished() {
            condition.lock()
            done += 1
            condition.broadcast()
            condition.unlock()
        }

        func waitForWorkers(_ n: Int) {
            condition.lock()
            while done < n { condition.wait() }
            condition.unlock()
        }
    }
}
