import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Vapor

@testable import NexoServer

/// Which database the suite runs on: `NEXO_TEST_DATABASE=sqlite` (default) or `postgres` with
/// `NEXO_TEST_POSTGRES_URL`. On PostgreSQL the schema is migrated once into a template database and every
/// test gets its own copy (`CREATE DATABASE … TEMPLATE …`), so tests are isolated and fast.
enum TestDatabase {
    enum Kind: String { case sqlite, postgres }

    static var kind: Kind {
        Kind(rawValue: ProcessInfo.processInfo.environment["NEXO_TEST_DATABASE"] ?? "sqlite") ?? .sqlite
    }

    /// A fresh database for one test, and how to drop it afterwards.
    static func make() async throws -> (Settings.Database, drop: @Sendable () async -> Void) {
        switch kind {
        case .sqlite:
            // A file of its own rather than ":memory:", whose backing file SQLiteKit leaves in /tmp for ever.
            let path = NSTemporaryDirectory() + "nexo-test-\(UUID().uuidString).sqlite"
            return (
                .sqlite(path: path),
                {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
            )
        case .postgres:
            let url = try await PostgresTemplate.shared.makeDatabase()
            return (.postgres(url: url.url), { await PostgresTemplate.shared.drop(url.name) })
        }
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
}

/// Owns the migrated template database and an admin connection to the server's maintenance database.
actor PostgresTemplate {
    static let shared = PostgresTemplate()

    private var admin: Application?
    private var templateName: String?
    private var baseURL: URLComponents?
    /// CREATE DATABASE … TEMPLATE fails when two run at once on one template, so they queue here.
    private var lastCreation: Task<Void, Never>?

    func makeDatabase() async throws -> (name: String, url: String) {
        try await prepare()
        let name = "nexo_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let previous = lastCreation
        let template = templateName!
        let db = admin!.db
        let task = Task<Result<Void, any Error>, Never> {
            await previous?.value
            do {
                try await db.sql.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: template)").run()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        lastCreation = Task { _ = await task.value }
        try await task.value.get()
        return (name, url(for: name))
    }

    func drop(_ name: String) async {
        try? await admin?.db.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
    }

    private func url(for database: String) -> String {
        var components = baseURL!
        components.path = "/" + database
        return components.string!
    }

    private var preparation: Task<Void, any Error>?

    /// Tests start together; the first one prepares and the others wait for that same work.
    private func prepare() async throws {
        if let preparation { return try await preparation.value }
        let task = Task { try await self.prepareOnce() }
        preparation = task
        try await task.value
    }

    private func prepareOnce() async throws {
        guard let raw = ProcessInfo.processInfo.environment["NEXO_TEST_POSTGRES_URL"], let base = URLComponents(string: raw)
        else {
            throw TestSetupError(
                description:
                    "NEXO_TEST_DATABASE=postgres needs NEXO_TEST_POSTGRES_URL=postgres://user:pass@host:port/db (a user allowed to CREATE DATABASE); `make test` starts a private cluster and sets it."
            )
        }
        baseURL = base
        let admin = try await Application.make(.testing)
        admin.logger.logLevel = .warning
        admin.databases.use(
            .postgres(configuration: try SQLPostgresConfiguration(url: raw), maxConnectionsPerEventLoop: 1), as: .psql)
        self.admin = admin

        let template = "nexo_tpl_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await admin.db.sql.raw("CREATE DATABASE \(unsafeRaw: template)").run()
        // Migrating through the real configure() keeps the template identical to what `nexo serve` builds.
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: TestApp.settings(database: .postgres(url: url(for: template))))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        templateName = template
    }
}
