import Foundation
import Vapor

/// `nexo worker`: background jobs and the scheduler, no HTTP. Run as many as needed against one PostgreSQL.
/// SIGTERM or SIGINT stops it gracefully: running jobs finish (or are released after the grace period).
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Run background jobs and the scheduler" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        // SQLite is one process: a second one would also lead the scheduler. `nexo serve` runs the worker there.
        if case .sqlite = app.nexo.settings.database {
            throw CommandFailure(
                "nexo worker needs PostgreSQL (NEXO_DATABASE_URL=postgres://…); with SQLite, `nexo serve` runs the worker itself")
        }
        let work = BackgroundWork(app: app)
        let stopped = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stopped.continuation.yield(signalNumber) }
            source.resume()
            sources.append(source)
        }
        work.start()
        var iterator = stopped.stream.makeAsyncIterator()
        let received = await iterator.next()
        app.logger.notice("stopping worker", metadata: ["signal": .stringConvertible(received ?? 0)])
        await work.stop()
        sources.forEach { $0.cancel() }
    }
}
