import Dispatch
import Foundation
import PostgresNIO

// The store's API is synchronous: its callers are the command line (the
// main thread) and the web service's request tasks, which run on the
// service's own event loops (NIO's singleton group, installed as Swift's
// global executor by `serve`), never on the store's. PostgresNIO's API is async. The bridge runs each piece of
// async work as a task and blocks the calling thread on a semaphore until
// the task is done.
//
// The calling thread is never one of Swift concurrency's cooperative
// threads in the command line or the service. Blocking such a thread
// would be a hazard: on a 2-core machine the cooperative pool has two
// threads, and two blocked callers waiting for tasks that need that same
// pool would wait forever. So the tasks do not run on the cooperative
// pool at all: they prefer a task executor that runs their jobs on the
// store's own NIO event loops (the loops PostgresNIO's connections live
// on). A caller that does happen to be a cooperative thread (a
// synchronous Swift Testing test is one) therefore only blocks itself,
// and the work it waits for still runs. The one thread that must never
// call the store is one of these event loops (it would wait for itself):
// `PostgresBridge.run` traps there.

/// The event loops of every PostgreSQL store in the process: two threads,
/// started on first use, never shut down (they live as long as the process).
enum PostgresEventLoops {
    static let group: MultiThreadedEventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 2)
}

/// Runs the jobs of the tasks that prefer it on one NIO event loop.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, *)
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The outcome of a piece of async work, handed from the task to the blocked caller.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    // Written once by the task before it signals, read by the caller after
    // it is signalled: the semaphore orders the two.
    var result: Result<T, any Error>?
}

/// One event loop of the store, and the bridge onto it.
struct PostgresBridge: Sendable {
    let eventLoop: any EventLoop
    /// An `EventLoopTaskExecutor` (kept untyped: older Apple systems have no task executors).
    private let executor: (any Sendable)?

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, *) {
            executor = EventLoopTaskExecutor(eventLoop)
        } else {
            executor = nil
        }
    }

    /// A bridge onto the next of the store's event loops.
    static func next() -> PostgresBridge { PostgresBridge(PostgresEventLoops.group.next()) }

    /// Runs `work` as a task on this event loop and blocks the calling thread until it is done.
    func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        try start(work).wait()
    }

    /// Starts `work` as a task on this event loop; the caller goes on and
    /// later waits for it (`Pending.wait`), e.g. to feed it data meanwhile.
    func start<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) -> Pending<T> {
        precondition(!eventLoop.inEventLoop,
                     "the store's synchronous API was called on one of its own event loops: it would wait for itself")
        let pending = Pending<T>()
        let body: @Sendable () async -> Void = {
            do { pending.outcome.result = .success(try await work()) } catch { pending.outcome.result = .failure(error) }
            pending.done.signal()
        }
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, *), let executor = executor as? EventLoopTaskExecutor {
            Task(executorPreference: executor, operation: body)
        } else {
            // The global pool runs it (older Apple systems only).
            Task(operation: body)
        }
        return pending
    }

    /// Work started on an event loop, to be waited for once.
    final class Pending<T: Sendable>: Sendable {
        fileprivate let outcome = Outcome<T>()
        fileprivate let done = DispatchSemaphore(value: 0)

        /// Blocks until the work is done; its value or its error.
        func wait() throws -> T {
            done.wait()
            return try outcome.result!.get()
        }
    }
}
