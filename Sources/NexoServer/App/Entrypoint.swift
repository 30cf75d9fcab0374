import Foundation
import Logging
import Vapor

/// What `nexo` runs: read the settings once, set up logs and metrics, build the app, run the command.
public enum Entrypoint {
    public static func main() async {
        let settings: Settings
        do {
            settings = try Settings.fromEnvironment()
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(2)
        }
        Observability.bootstrap(settings: settings)
        do {
            var env = try Environment.detect()
            if env.name == "development", ProcessInfo.processInfo.environment["NEXO_ENV"] == "production" { env = .production }
            let app = try await Application.make(env)
            app.logger.logLevel = settings.logLevel
            do {
                try await configure(app, settings: settings)
                // `app.execute()` without its logging: a command's failure is printed once, plainly, on stderr,
                // whatever the log level.
                try await app.startup()
                try await app.running?.onStop.get()
            } catch {
                let message = String(describing: error)
                FileHandle.standardError.write(Data("nexo: \(message)\n".utf8))
                try? await app.asyncShutdown()
                exit(1)
            }
            try await app.asyncShutdown()
        } catch {
            FileHandle.standardError.write(Data("nexo: \(error)\n".utf8))
            exit(1)
        }
    }
}
