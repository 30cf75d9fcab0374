import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import NexoCore
import SQLKit
import Vapor

/// Builds the application from `Settings`: database, sessions, views, middleware, migrations, routes, commands.
public func configure(_ app: Application, settings: Settings) async throws {
    app.http.server.configuration.hostname = settings.host
    app.http.server.configuration.port = settings.port
    app.routes.defaultMaxBodySize = ByteCount(value: settings.maxBodySize)
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))

    try configureDatabase(app, settings: settings)

    app.sessions.use(.fluent)
    app.sessions.configuration = SessionsConfiguration(cookieName: "nexo_session") { id in
        HTTPCookies.Value(
            string: id.string, expires: Date().addingTimeInterval(30 * 86_400), maxAge: 30 * 86_400, path: "/",
            isSecure: settings.cookiesAreSecure, isHTTPOnly: true, sameSite: .lax)
    }

    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag()
    app.leaf.cache.isEnabled = app.environment.isRelease

    let translations = try Translations(
        directory: URL(fileURLWithPath: app.directory.resourcesDirectory).appendingPathComponent("Locales"))
    app.nexo = Nexo(
        settings: settings, translations: translations, emailSender: OutboxEmailSender(),
        secrets: try SecretBox.load(settings: settings), jobs: JobRegistry(), jobSignal: .shared, clock: WallClock(),
        stepExecutors: StepExecutors())

    // API JSON: RFC 3339 times, stable key order, URLs and time zones without escaped slashes.
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    ContentConfiguration.global.use(encoder: encoder, for: .json)

    // Outgoing requests never follow redirects: a tenant's public URL must not bounce Nexo into its own network.
    app.http.client.configuration.redirectConfiguration = .disallow

    app.middleware = Middlewares()
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(NULGuardMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))

    Automations.register(on: app)
    app.nexo.jobs.register(ContactImportJob())
    InboundWebhooks.register(on: app)
    app.nexo.jobs.register(LeadAdsFetchJob())
    OutboundWebhooks.register(on: app)
    app.nexo.periodicTasks.append(JobMetrics.task)
    app.nexo.periodicTasks.append(EventDispatcher.task)

    Migrations.register(on: app)
    try await migrate(app)

    try routes(app)

    app.asyncCommands.use(TenantsCommand(), as: "tenants")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(WorkerCommand(), as: "worker")
    app.asyncCommands.use(JobsCommand(), as: "jobs")
    app.asyncCommands.use(OperatorsCommand(), as: "operators")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(BenchCommand(), as: "bench")

    // `nexo serve` (also plain `nexo`) runs the worker and scheduler in-process unless told not to.
    let command = app.environment.arguments.dropFirst().first ?? "serve"
    if settings.runWorker, command == "serve" || command.hasPrefix("-") {
        app.lifecycle.use(BackgroundWorkLifecycle(work: BackgroundWork(app: app)))
    }
}

private func configureDatabase(_ app: Application, settings: Settings) throws {
    switch settings.database {
    case .sqlite(let path):
        // SQLite runs every statement on a blocking thread pool, and a statement that finds the database locked
        // waits on its thread. With more threads than connections, the connection holding the lock always has a
        // thread to finish on; on a pool shared with other applications (tests) two waiters could hold every thread
        // while the lock holders waited for one — for ever.
        let connections = app.eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }
        app.threadPool = NIOThreadPool(numberOfThreads: connections + 2)
        if path == ":memory:" {
            app.databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
        } else {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        }
    case .postgres(let url):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = nil
        app.databases.use(
            .postgres(
                configuration: configuration, maxConnectionsPerEventLoop: settings.databasePoolSize,
                connectionPoolTimeout: .seconds(10), sqlLogLevel: .debug),
            as: .psql)
    }
}

/// Runs pending migrations before serving. Several processes may start at once on one PostgreSQL: they take
/// turns under an advisory lock, so the second finds the work done. A failure is retried a few times.
private func migrate(_ app: Application) async throws {
    var attempt = 0
    while true {
        do {
            switch app.nexo.settings.database {
            case .postgres:
                try await withMigrationLock(app) { try await app.autoMigrate() }
            case .sqlite:
                try await app.autoMigrate()
                _ = try await app.db.sql.raw("PRAGMA journal_mode=WAL").all()
                // With WAL, NORMAL syncs at checkpoints instead of every commit: the database stays consistent after
                // a crash, and writes are several times faster. It is per connection; there is one per event loop.
                for eventLoop in app.eventLoopGroup.makeIterator() {
                    if let db = app.databases.database(logger: app.logger, on: eventLoop) {
                        _ = try await db.sql.raw("PRAGMA synchronous=NORMAL").all()
                        // SQLiteNIO's busy handler retries at once, spinning a core until the lock is free; this
                        // one sleeps between tries and gives up with SQLITE_BUSY after 30 s.
                        _ = try await db.sql.raw("PRAGMA busy_timeout=30000").all()
                        // The default page cache is 2 MB: writes that touch many index pages (a fan-out batch, an
                        // import) spill it and read pages back from the OS over and over. Up to 64 MB, as needed.
                        _ = try await db.sql.raw("PRAGMA cache_size=-65536").all()
                    }
                }
                try await ContactSearchIndex.repairIfOutOfStep(on: app.db, logger: app.logger)
            }
            return
        } catch {
            attempt += 1
            if attempt >= 5 { throw error }
            app.logger.warning("migration attempt \(attempt) failed, retrying: \(String(reflecting: error))")
            try await Task.sleep(for: .milliseconds(300 * attempt))
        }
    }
}

/// Holds a PostgreSQL session-level advisory lock on one connection while `body` migrates through others.
private func withMigrationLock(_ app: Application, _ body: @escaping @Sendable () async throws -> Void) async throws {
    let lockID = 7_428_190_001  // any constant shared by every Nexo process
    try await app.db.withConnection { connection in
        connection.eventLoop.makeFutureWithTask {
            _ = try await connection.sql.raw("SELECT pg_advisory_lock(\(unsafeRaw: String(lockID)))").all()
            do {
                try await body()
            } catch {
                _ = try? await connection.sql.raw("SELECT pg_advisory_unlock(\(unsafeRaw: String(lockID)))").all()
                throw error
            }
            _ = try await connection.sql.raw("SELECT pg_advisory_unlock(\(unsafeRaw: String(lockID)))").all()
        }
    }.get()
}
