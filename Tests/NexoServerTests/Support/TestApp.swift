import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

/// Builds a configured Nexo for one test on the suite's database, and tears it down after.
enum TestApp {
    static func settings(database: Settings.Database) -> Settings {
        var settings = try! Settings.parse(["NEXO_DATA_DIR": NSTemporaryDirectory() + "nexo-tests", "NEXO_LOG_LEVEL": "warning"])
        settings.database = database
        settings.bcryptCost = 4
        settings.masterKey = Data(repeating: 7, count: 32).base64EncodedString()
        settings.databasePoolSize = 2
        settings.signInMaxFailures = 5
        // Tests drive background work themselves (`runJobs()`), at the clock they pin.
        settings.runWorker = false
        // Fake webhook receivers and mail servers listen on 127.0.0.1.
        settings.allowPrivateNetwork = true
        return settings
    }

    /// Runs `test` with a fresh app and database. Limits how many apps live at once (connections are finite).
    /// `database` forces one (e.g. a SQLite-only behaviour); by default the suite's database is used.
    /// `adjust` changes the settings before the app is configured (a provider's base URL, …).
    static func run<T>(
        database forced: Settings.Database? = nil, settings adjust: (inout Settings) -> Void = { _ in },
        _ test: (Application) async throws -> T
    ) async throws -> T {
        await Gate.shared.enter()
        let outcome: Result<T, any Error>
        do {
            let (database, drop): (Settings.Database, @Sendable () async -> Void)
            if let forced { (database, drop) = (forced, {}) } else { (database, drop) = try await TestDatabase.make() }
            let app = try await Application.make(.testing)
            app.logger.logLevel = .warning
            do {
                var settings = settings(database: database)
                adjust(&settings)
                try await configure(app, settings: settings)
                outcome = .success(try await test(app))
            } catch {
                outcome = .failure(error)
            }
            try? await app.asyncShutdown()
            await drop()
        } catch {
            outcome = .failure(error)
        }
        await Gate.shared.leave()
        return try outcome.get()
    }
}

/// A counting semaphore for async tests.
actor Gate {
    static let shared = Gate(limit: 6)

    private let limit: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if inside < limit {
            inside += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            inside -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
