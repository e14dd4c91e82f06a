import Dispatch
import Foundation
import PostgresNIO

// Bulk data between the store's callers, which are synchronous threads,
// and a connection's event loop, where PostgresNIO's async API runs. A
// directory import hands chunks of COPY text from the caller to the loop;
// a directory read hands batches of rows from the loop to the caller. Both
// run at the same time as the work on the other side (parsing a CSV file,
// evaluating a plan's rules), and both are bounded: a fast side waits for a
// slow one rather than piling up gigabytes in between.

/// Chunks from a blocking producer to an async consumer.
final class ChunkHandoff: @unchecked Sendable {
    private let slots: DispatchSemaphore
    private let stream: AsyncStream<[UInt8]>
    private let continuation: AsyncStream<[UInt8]>.Continuation
    private let lock = NSLock()
    private var failed = false
    private var cancelled = false

    /// At most `capacity` chunks wait between the two sides.
    init(capacity: Int = 8) {
        slots = DispatchSemaphore(value: capacity)
        (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
    }

    /// Hands a chunk over, waiting while `capacity` chunks are waiting.
    /// Returns false once the consumer has given up (its error says why).
    func put(_ chunk: [UInt8]) -> Bool {
        slots.wait()
        lock.lock()
        let gone = failed
        lock.unlock()
        if gone {
            slots.signal()
            return false
        }
        continuation.yield(chunk)
        return true
    }

    /// No more chunks.
    func finish() { continuation.finish() }

    /// The consumer's side: every chunk, in order, until `finish`; throws
    /// `CancellationError` when the producer cancels (the COPY then fails
    /// and its transaction can be rolled back).
    func forEach(_ body: ([UInt8]) async throws -> Void) async throws {
        do {
            for await chunk in stream {
                if isCancelled { throw CancellationError() }
                try await body(chunk)
                slots.signal()
            }
            if isCancelled { throw CancellationError() }
        } catch {
            abandon()
            throw error
        }
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// The producer gives up: the consumer stops with an error.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        continuation.finish()
    }

    /// The consumer stopped: a waiting or later `put` returns false.
    func abandon() {
        lock.lock()
        failed = true
        lock.unlock()
        continuation.finish()
        slots.signal()
    }
}

/// Rows of a query, packed: each row's cells as bytes in one buffer.
struct RowBatch: Sendable {
    var bytes: [UInt8] = []
    /// Per cell: its start in `bytes`, or -1 for NULL; cells of row r are
    /// starts[r * width ..< (r + 1) * width], each ending where the next begins.
    var starts: [Int] = []
    var ends: [Int] = []
    let width: Int

    init(width: Int) { self.width = width }

    var count: Int { width == 0 ? 0 : starts.count / width }

    mutating func append(_ cell: ByteBuffer?) {
        guard let cell else {
            starts.append(-1)
            ends.append(-1)
            return
        }
        starts.append(bytes.count)
        cell.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
        ends.append(bytes.count)
    }

    /// Cell `column` of row `row` (nil for NULL), valid inside `body`.
    func withCell<T>(_ row: Int, _ column: Int, _ body: (UnsafeRawBufferPointer?) throws -> T) rethrows -> T {
        let i = row * width + column
        guard starts[i] >= 0 else { return try body(nil) }
        return try bytes.withUnsafeBytes { all in try body(UnsafeRawBufferPointer(rebasing: all[starts[i]..<ends[i]])) }
    }
}

/// Batches from an async producer (the event loop) to a blocking consumer.
/// The producer suspends, without blocking its event loop, while
/// `capacity` batches wait.
final class BatchHandoff: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [RowBatch] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    private var waitingProducer: CheckedContinuation<Void, Never>?
    private let capacity: Int

    init(capacity: Int = 4) { self.capacity = capacity }

    /// Queues a batch; false when the consumer has stopped reading.
    func put(_ batch: RowBatch) async -> Bool {
        while true {
            let ready: Bool? = condition.withLock {
                if stopped { return nil }
                if queue.count < capacity {
                    queue.append(batch)
                    condition.signal()
                    return true
                }
                return false
            }
            switch ready {
            case nil: return false
            case true?: return true
            case false?:
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    condition.lock()
                    if queue.count < capacity || stopped {
                        condition.unlock()
                        c.resume()
                    } else {
                        waitingProducer = c
                        condition.unlock()
                    }
                }
            }
        }
    }

    /// The producer is done, with or without an error.
    func finish(_ error: (any Error)? = nil) {
        condition.withLock {
            finished = true
            failure = error
            condition.signal()
        }
    }

    /// The next batch; nil when the producer is done. Throws the producer's error.
    func take() throws -> RowBatch? {
        condition.lock()
        while queue.isEmpty && !finished { condition.wait() }
        if queue.isEmpty {
            let error = failure
            condition.unlock()
            if let error { throw error }
            return nil
        }
        let batch = queue.removeFirst()
        let producer = waitingProducer
        waitingProducer = nil
        condition.unlock()
        producer?.resume()
        return batch
    }

    /// The consumer stops reading: the producer's next `put` returns false.
    func stop() {
        condition.lock()
        stopped = true
        queue.removeAll()
        let producer = waitingProducer
        waitingProducer = nil
        condition.unlock()
        producer?.resume()
    }
}
