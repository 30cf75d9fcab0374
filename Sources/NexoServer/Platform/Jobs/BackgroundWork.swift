import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The background side of a process: the job worker, the PostgreSQL listener (wake-ups and leadership) and the
/// leader's periodic tasks. `nexo serve` runs it in-process unless `NEXO_WORKER=false`; `nexo worker` runs only this.
final class BackgroundWork: Sendable {
    /// Shared by every Nexo process: whoever holds it runs the periodic tasks.
    static let leaderLockID: Int64 = 7_428_190_002

    private let app: Application
    let worker: JobWorker
    private let leading = NIOLockedValueBox(false)
    private let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])

    init(app: Application) {
        self.app = app
        let settings = app.nexo.settings
        var options = JobWorker.Options()
        options.concurrency = settings.workerConcurrency
        options.retention = TimeInterval(settings.jobRetentionDays) * 86_400
        options.lease = .seconds(settings.jobLeaseSeconds)
        self.worker = JobWorker(app: app, options: options, signal: app.nexo.jobSignal, registry: app.nexo.jobs)
    }

    var isLeading: Bool { leading.withLockedValue { $0 } }

    func start() {
        var started: [Task<Void, Never>] = [Task { await worker.run() }]
        switch app.nexo.settings.database {
        case .sqlite:
            leading.withLockedValue { $0 = true }
        case .postgres(let url):
            do {
                let listener = try PostgresListener(url: url, eventLoop: app.eventLoopGroup.any(), logger: app.logger)
                let signal = app.nexo.jobSignal
                let logger = app.logger
                started.append(
                    Task {
                        await listener.run(
                            channel: JobQueue.notifyChannel, leaderLock: Self.leaderLockID,
                            onNotification: { signal.fire() },
                            onLeadership: { [leading] now in
                                let changed = leading.withLockedValue { old in
                                    defer { old = now }
                                    return old != now
                                }
                                if changed { logger.info(now ? "this process now leads the scheduler" : "stopped leading") }
                            })
                    })
            } catch {
                app.logger.error("cannot open the PostgreSQL listener: \(String(reflecting: error))")
            }
        }
        for task in app.nexo.periodicTasks {
            started.append(Task { await self.repeatWhileLeading(task) })
        }
        tasks.withLockedValue { $0 = started }
    }

    private func repeatWhileLeading(_ task: PeriodicTask) async {
        while !Task.isCancelled {
            if isLeading {
                do {
                    try await task.body(app)
                } catch {
                    app.logger.warning("\(task.name) failed: \(String(reflecting: error))")
                }
            }
            try? await Task.sleep(for: task.interval)
        }
    }

    /// Stops taking work, lets running jobs finish (or releases them after the grace period), stops the rest.
    func stop() async {
        worker.stop()
        let running = tasks.withLockedValue { $0 }
        await running[0].value
        for task in running.dropFirst() { task.cancel() }
        for task in running.dropFirst() { await task.value }
    }
}
