import FluentPostgresDriver
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Holds one PostgreSQL connection of its own, outside the pool, for what needs a session: LISTEN for job
/// wake-ups and the scheduler's advisory lock. Reconnects after failures; a lost connection also loses the lock,
/// which is what lets another process take over leading.
final class PostgresListener: Sendable {
    private let configuration: PostgresConnection.Configuration
    private let eventLoop: any EventLoop
    private let logger: Logger

    init(url: String, eventLoop: any EventLoop, logger: Logger) throws {
        self.configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        self.eventLoop = eventLoop
        self.logger = logger
    }

    /// Runs until cancelled: listens on `channel` and calls `onNotification` for each notification; while connected
    /// tries to hold `leaderLock` and reports whether it does through `onLeadership`.
    func run(
        channel: String, leaderLock: Int64?, onNotification: @escaping @Sendable () -> Void,
        onLeadership: @escaping @Sendable (Bool) -> Void
    ) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    on: eventLoop, configuration: configuration, id: Int.random(in: 1...Int(Int32.max)), logger: logger)
                failures = 0
                defer { onLeadership(false) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await connection.listen(on: channel) { notifications in
                            for try await _ in notifications { onNotification() }
                        }
                    }
                    if let leaderLock {
                        group.addTask {
                            var leading = false
                            while !Task.isCancelled {
                                if !leading {
                                    let rows = try await connection.query(
                                        "SELECT pg_try_advisory_lock(\(leaderLock)) AS locked", logger: self.logger
                                    ).collect()
                                    leading = try rows.first?.decode(Bool.self) ?? false
                                    if leading { onLeadership(true) }
                                } else {
                                    // A cheap round trip proves the session, and so the lock, is still alive.
                                    _ = try await connection.query("SELECT 1", logger: self.logger).collect()
                                }
                                try await Task.sleep(for: .seconds(5))
                            }
                        }
                    }
                    // Any child ending (connection lost) ends the session; the loop reconnects.
                    try await group.next()
                    group.cancelAll()
                }
                try? await connection.close()
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                logger.warning("PostgreSQL listener connection failed, reconnecting: \(String(reflecting: error))")
                try? await Task.sleep(for: .seconds(min(30, 1 << min(failures, 5))))
            }
        }
    }
}
