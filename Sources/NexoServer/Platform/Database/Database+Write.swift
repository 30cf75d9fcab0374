import Fluent
import SQLKit

extension Database {
    var isSQLite: Bool { (self as? any SQLDatabase)?.dialect.name == "sqlite" }

    /// A transaction that will write. On SQLite it starts with BEGIN IMMEDIATE, taking the write lock up front:
    /// a deferred transaction that reads first and writes later fails at once with SQLITE_BUSY when another
    /// connection wrote in between, whereas IMMEDIATE waits its turn. On PostgreSQL it is an ordinary transaction.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite, !inTransaction else { return try await transaction(body) }
        let queue = SQLiteWriteQueue.shared
        let granted = await queue.enter()
        do {
            let result = try await sqliteTransaction(body)
            if granted { await queue.leave() }
            return result
        } catch {
            if granted { await queue.leave() }
            throw error
        }
    }

    private func sqliteTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.sql.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await body(connection)
                    try await connection.sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await connection.sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }.get()
    }
}
