import Foundation

/// Work on batches that the calling thread produces one after another
/// (rows read from a store's cursor or from memory), done by worker
/// threads, with the results handed back on the calling thread in the
/// order the batches were made, as if they had been done there one after
/// another. `OrderedWork` needs the number of jobs first; here it is known
/// only once the source is read to its end.
///
/// Each worker owns a `State` (its scratch: a row reader, a CEL
/// activation), made on that thread and never shared. At most `window`
/// batches are in flight: a source faster than the workers waits, and
/// memory stays bounded whatever the directory's size.
enum OrderedBatches {
    static func run<Input: Sendable, State, Output: Sendable>(
        workers: Int = OrderedWorkers.count, window: Int = 8,
        state makeState: @escaping @Sendable () -> State,
        work: @escaping @Sendable (Input, inout State) -> Output,
        feed: (_ submit: (Input) -> Void) throws -> Void,
        deliver: (Output) -> Void
    ) rethrows {
        // `feed` and `deliver` are both called only before this returns.
        try withoutActuallyEscaping(deliver) { deliver in
            try withoutActuallyEscaping(feed) { feed in
                try inOrder(workers: workers, window: window, state: makeState, work: work, feed: feed, deliver: deliver)
            }
        }
    }

    private static func inOrder<Input: Sendable, State, Output: Sendable>(
        workers: Int, window: Int,
        state makeState: @escaping @Sendable () -> State,
        work: @escaping @Sendable (Input, inout State) -> Output,
        feed: @escaping (_ submit: (Input) -> Void) throws -> Void,
        deliver: @escaping (Output) -> Void
    ) throws {
        guard workers > 1 else {
            var state = makeState()
            try feed { deliver(work($0, &state)) }
            return
        }
        let shared = Shared<Input, Output>(window: max(window, workers))
        for _ in 0..<workers {
            let thread = Thread {
                var state = makeState()
                while let (n, input) = shared.take() { shared.put(n, work(input, &state)) }
                shared.workerDone()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        do {
            try feed { input in shared.submit(input, deliver: deliver) }
        } catch {
            shared.close(dropping: true)
            shared.waitForWorkers(workers)
            throw error
        }
        shared.close(dropping: false)
        while let output = shared.next() { deliver(output) }
        shared.waitForWorkers(workers)
    }

    /// The batches waiting, the results not yet delivered, one lock and its condition.
    private final class Shared<Input: Sendable, Output: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let window: Int
        private var pending: [(Int, Input)] = []
        private var results: [Int: Output] = [:]
        private var submitted = 0
        private var delivered = 0
        private var closed = false
        private var finishedWorkers = 0

        init(window: Int) { self.window = window }

        /// Queues a batch; first delivers, in order, every result that is
        /// ready, and waits for the oldest while `window` batches are out.
        func submit(_ input: Input, deliver: (Output) -> Void) {
            condition.lock()
            while true {
                if let output = results.removeValue(forKey: delivered) {
                    delivered += 1
                    condition.unlock()
                    deliver(output)
                    condition.lock()
                    continue
                }
                if submitted - delivered < window { break }
                condition.wait()
            }
            pending.append((submitted, input))
            submitted += 1
            condition.broadcast()
            condition.unlock()
        }

        /// No more batches; with `dropping`, the ones not yet taken are dropped.
        func close(dropping: Bool) {
            condition.lock()
            closed = true
            if dropping { pending.removeAll() }
            condition.broadcast()
            condition.unlock()
        }

        /// The next result in order, waiting for it; nil after the last.
        func next() -> Output? {
            condition.lock()
            defer { condition.unlock() }
            while delivered < submitted {
                if let output = results.removeValue(forKey: delivered) {
                    delivered += 1
                    return output
                }
                condition.wait()
            }
            return nil
        }

        /// A worker's next batch; nil once closed and none is left.
        func take() -> (Int, Input)? {
            condition.lock()
            defer { condition.unlock() }
            while pending.isEmpty && !closed { condition.wait() }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        func put(_ n: Int, _ output: Output) {
            condition.lock()
            results[n] = output
            condition.broadcast()
            condition.unlock()
        }

        func workerDone() {
            condition.lock()
            finishedWorkers += 1
            condition.broadcast()
            condition.unlock()
        }

        func waitForWorkers(_ count: Int) {
            condition.lock()
            while finishedWorkers < count { condition.wait() }
            condition.unlock()
        }
    }
}

/// How many threads to work with: one per core the process may use.
enum OrderedWorkers {
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
