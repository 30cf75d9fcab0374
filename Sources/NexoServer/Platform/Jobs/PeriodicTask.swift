import Vapor

/// Work one process does for everyone, on a timer, while it leads (the scheduler, event sweeps). On PostgreSQL the
/// leader is whoever holds the advisory lock; on SQLite the one process always leads.
struct PeriodicTask: Sendable {
    let name: String
    let interval: Duration
    let body: @Sendable (Application) async throws -> Void
}
