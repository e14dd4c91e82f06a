import Foundation
import PostgresNIO

/// A few connections to one database, shared by the threads that use one
/// store: a transaction takes one (opening it if fewer than `limit` are
/// open, else waiting for one to come back) and gives it back when it ends.
/// A connection that failed, or whose transaction could not be ended, is
/// closed rather than given back.
final class PostgresConnectionPool: @unchecked Sendable {
    /// A connection with the event loop it lives on.
    struct Lease: Sendable {
        let connection: PostgresConnection
        let bridge: PostgresBridge
    }

    let location: PostgresLocation
    let readOnly: Bool
    let limit: Int
    let logger: Logger
    /// How long a transaction waits for a connection when all are in use.
    let waitLimit: TimeInterval = 120

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var idle: [Lease] = []
    private var open = 0
    private var closed = false
    private var nextID = 0

    init(location: PostgresLocation, readOnly: Bool, limit: Int) {
        self.location = location
        self.readOnly = readOnly
        self.limit = max(1, limit)
        var logger = Logger(label: "spotcheck.store.postgres")
        // PostgresNIO logs connection life at debug level and below; the
        // store reports what goes wrong through its errors.
        logger.logLevel = .critical
        self.logger = logger
    }

    func acquire() throws -> Lease {
        condition.lock()
        let deadline = Date().addingTimeInterval(waitLimit)
        while true {
            if let lease = idle.popLast() {
                if lease.connection.isClosed {
                    open -= 1
                    continue
                }
                condition.unlock()
                return lease
            }
            if open < limit {
                open += 1
                nextID += 1
                break
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw PostgresError(message: "all \(limit) connections to \(location.displayName) stayed in use for \(Int(waitLimit)) s")
            }
        }
        let id = nextID
        condition.unlock()
        do {
            return try connect(id: id)
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    func release(_ lease: Lease, reusable: Bool) {
        condition.lock()
        let keep = reusable && !closed && !lease.connection.isClosed
        if keep { idle.append(lease) } else { open -= 1 }
        condition.signal()
        condition.unlock()
        if !keep { Self.close(lease.connection) }
    }

    /// Closes the idle connections; those in use close when they come back.
    func close() {
        condition.lock()
        closed = true
        let leases = idle
        idle = []
        open -= leases.count
        condition.unlock()
        for lease in leases { Self.close(lease.connection) }
    }

    /// Closes a connection without waiting for it (the connection is kept
    /// until it is closed: PostgresNIO expects it closed before it goes).
    private static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    deinit { close() }

    private func connect(id: Int) throws -> Lease {
        let bridge = PostgresBridge.next()
        let configuration = location.configuration
        let logger = self.logger
        let connection = try bridge.run {
            try await PostgresConnection.connect(on: bridge.eventLoop, configuration: configuration, id: id, logger: logger)
        }
        let lease = Lease(connection: connection, bridge: bridge)
        if readOnly {
            do {
                try PostgresTransaction(lease: lease, logger: logger)
                    .execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", [])
            } catch {
                Self.close(connection)
                throw error
            }
        }
        return lease
    }
}
