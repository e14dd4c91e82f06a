import Foundation

/// Rows of a streamed directory import on their way from the producer
/// (reading, typing and encoding a CSV file) to the thread that writes them
/// to the database.
///
/// The two halves take about the same time for a large file (on SQLite,
/// a row's insert costs about what its parsing does), so they run at once:
/// the producer on a thread of its own, the writer on the thread that holds
/// the import's transaction (a SQLite connection is used only on the thread
/// its transaction runs on). At most `capacity` batches wait in between, so
/// a fast producer waits for a slow database rather than filling memory.
final class DirectoryRowPipe: @unchecked Sendable {
    typealias Batch = [(key: String, json: String)]

    /// Rows per batch: large enough that handing a batch over costs nothing
    /// next to writing it, small enough that a few in flight weigh little.
    static let batchRows = 2_048

    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var closed = false
    private var stopped = false
    private let capacity: Int

    init(capacity: Int = 4) { self.capacity = capacity }

    /// The producer hands a batch over, waiting while `capacity` batches
    /// wait; false once the writer has stopped (its error says why).
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The producer is done (with or without an error).
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The writer's next batch; nil once the producer is done and every batch taken.
    func take() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    /// The writer gives up: what waits is dropped, and the producer's next `put` fails.
    func stop() {
        condition.lock()
        stopped = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `produce` on a thread of its own while the calling thread hands
    /// every batch it sends to `write`, and returns when both are done. The
    /// writer's error comes first (the producer then stops at its next
    /// batch); otherwise the producer's, if any, is thrown.
    static func run(_ pipe: DirectoryRowPipe, produce: () throws -> Void, write: (Batch) throws -> Void) throws {
        try withoutActuallyEscaping(produce) { produce in
            let producer = Producer(body: produce, pipe: pipe)
            let thread = Thread { producer.run() }
            // Parsing is not deeply recursive, but a plan's rules may be evaluated there one day: the main thread's size.
            thread.stackSize = 8 << 20
            thread.start()
            var writeError: (any Error)?
            while let batch = pipe.take() {
                guard writeError == nil else { continue }
                do { try write(batch) } catch {
                    writeError = error
                    pipe.stop()
                }
            }
            producer.done.wait()
            if let writeError { throw writeError }
            if let error = producer.error { throw error }
        }
    }

    /// The producer's side, on its own thread; the caller waits for `done`
    /// before reading `error` or letting `body` go.
    private final class Producer: @unchecked Sendable {
        /// Let go of before `done` (`withoutActuallyEscaping` checks that nothing keeps it).
        private var body: (() throws -> Void)?
        let pipe: DirectoryRowPipe
        let done = DispatchSemaphore(value: 0)
        var error: (any Error)?

        init(body: @escaping () throws -> Void, pipe: DirectoryRowPipe) {
            self.body = body
            self.pipe = pipe
        }

        func run() {
            do { try body?() } catch { self.error = error }
            body = nil
            pipe.close()
            done.signal()
        }
    }
}
