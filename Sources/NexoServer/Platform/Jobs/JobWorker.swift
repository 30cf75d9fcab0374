import Foundation
import Logging
import Metrics
import NIOConcurrencyHelpers
import NexoCore
import Vapor

/// Claims jobs and runs them, up to `concurrency` at a time, until stopped. Any number of workers, in any number
/// of processes, share one PostgreSQL; on SQLite the one process runs one.
final class JobWorker: Sendable {
    struct Options: Sendable {
        var concurrency = 10
        var pollInterval: Duration = .seconds(1)
        var lease: Duration = .seconds(60)
        var retention: TimeInterval = 7 * 86_400
        var shutdownGrace: Duration = .seconds(20)
        var backoff = RetryBackoff()
    }

    let id: String
    private let app: Application
    private let options: Options
    private let signal: JobSignal
    private let registry: JobRegistry
    private let state = NIOLockedValueBox<(stopping: Bool, inFlight: [UUID: ClaimedJob], lastTenant: UUID?)>(
        (false, [:], nil))
    private let completions: CompletionBatcher

    init(app: Application, options: Options, signal: JobSignal, registry: JobRegistry) {
        let id =
            "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
        self.id = id
        self.app = app
        self.options = options
        self.signal = signal
        self.registry = registry
        self.completions = CompletionBatcher { ids in
            try await JobQueue(db: app.db, signal: signal).complete(ids, worker: id, now: app.nexo.clock.now)
        }
    }

    private var queue: JobQueue { JobQueue(db: app.db, signal: signal) }
    /// Real time, or the time a test pinned.
    private var now: Date { app.nexo.clock.now }
    private var logger: Logger { app.logger }

    /// Asks the worker to stop taking work; `run` then finishes or releases what it holds and returns.
    func stop() {
        state.withLockedValue { $0.stopping = true }
        signal.fire()
    }

    var isStopping: Bool { state.withLockedValue { $0.stopping } }

    func run() async {
        logger.info(
            "job worker started", metadata: ["worker": .string(id), "concurrency": .stringConvertible(options.concurrency)])
        let housekeeping = Task { await keepHouse() }
        await withDiscardingTaskGroup { group in
            while !isStopping {
                let free = options.concurrency - state.withLockedValue { $0.inFlight.count }
                var claimed: [ClaimedJob] = []
                if free > 0 {
                    do {
                        let after = state.withLockedValue { $0.lastTenant }
                        let result = try await queue.claim(limit: free, worker: id, lease: options.lease, after: after, now: now)
                        claimed = result.jobs
                        state.withLockedValue {
                            $0.lastTenant = result.lastTenant
                            for job in claimed { $0.inFlight[job.id] = job }
                        }
                    } catch {
                        logger.warning("claiming jobs failed: \(String(reflecting: error))")
                    }
                }
                for job in claimed {
                    group.addTask { await self.execute(job) }
                }
                // A full batch means more may be waiting: claim again at once. Otherwise sleep until work arrives,
                // a slot frees up, or the poll interval passes (the fallback when a notification is lost).
                if claimed.isEmpty || claimed.count < free {
                    await signal.wait(timeout: options.pollInterval)
                }
            }
            await drainOnShutdown(group: &group)
        }
        housekeeping.cancel()
        logger.info("job worker stopped", metadata: ["worker": .string(id)])
    }

    /// Runs ready jobs, a batch at a time, until none is ready: tests drive background work with it, at the
    /// clock's time. Returns how many jobs ran.
    @discardableResult
    func runUntilIdle(maxRounds: Int = 10_000) async throws -> Int {
        var ran = 0
        for _ in 0..<maxRounds {
            try await queue.promoteDue(now: now)
            let (jobs, last) = try await queue.claim(
                limit: options.concurrency, worker: id, lease: options.lease, after: state.withLockedValue { $0.lastTenant },
                now: now)
            state.withLockedValue {
                $0.lastTenant = last
                for job in jobs { $0.inFlight[job.id] = job }
            }
            if jobs.isEmpty { return ran }
            await withDiscardingTaskGroup { group in
                for job in jobs { group.addTask { await self.execute(job) } }
            }
            ran += jobs.count
        }
        return ran
    }

    private func drainOnShutdown(group: inout DiscardingTaskGroup) async {
        let deadline = ContinuousClock.now + options.shutdownGrace
        while ContinuousClock.now < deadline, !state.withLockedValue({ $0.inFlight.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let leftover = state.withLockedValue { Array($0.inFlight.keys) }
        guard !leftover.isEmpty else { return }
        group.cancelAll()
        do {
            try await queue.release(leftover, worker: id)
            logger.notice("released unfinished jobs at shutdown", metadata: ["count": .stringConvertible(leftover.count)])
        } catch {
            logger.warning("releasing jobs at shutdown failed; their leases will expire: \(String(reflecting: error))")
        }
    }

    /// Runs one job and records the outcome. Never throws: every failure ends up on the job.
    func execute(_ job: ClaimedJob) async {
        let started = ContinuousClock.now
        var jobLogger = logger
        jobLogger[metadataKey: "job"] = .string(job.id.uuidString)
        jobLogger[metadataKey: "job_kind"] = .string(job.kind)
        if let tenant = job.tenant { jobLogger[metadataKey: "tenant_id"] = .string(tenant.uuidString) }
        defer {
            state.withLockedValue { _ = $0.inFlight.removeValue(forKey: job.id) }
            signal.fire()
        }
        let outcome: String
        do {
            guard let handler = registry.handler(for: job.kind) else {
                throw JobFailure.permanent("no handler for job kind \(job.kind)")
            }
            try await Self.withTimeout(handler.timeout) { try await handler.run(job, app: self.app) }
            try await completions.complete(job.id)
            outcome = "completed"
        } catch {
            if isStopping, error is CancellationError { return }
            let (message, retryAt) = retryPlan(for: job, error: error)
            if retryAt == nil || job.attempts >= job.maxAttempts {
                jobLogger.warning("job failed for good: \(message)")
                outcome = "dead"
            } else {
                jobLogger.info("job failed, will retry: \(message)")
                outcome = "retry"
            }
            do {
                try await queue.fail(job, worker: id, error: message, retryAt: retryAt, now: now)
            } catch {
                jobLogger.warning("recording the job's failure failed; its lease will expire: \(String(reflecting: error))")
            }
        }
        Counter(label: "nexo_jobs_finished_total", dimensions: [("kind", job.kind), ("outcome", outcome)]).increment()
        Metrics.Timer(label: "nexo_job_duration_seconds", dimensions: [("kind", job.kind)])
            .recordNanoseconds(Int64((ContinuousClock.now - started).seconds * 1e9))
    }

    private func retryPlan(for job: ClaimedJob, error: any Error) -> (String, Date?) {
        let now = self.now
        switch error {
        case JobFailure.permanent(let reason):
            return (reason, nil)
        case JobFailure.temporary(let reason, let after?):
            return (reason, now.addingTimeInterval(after.seconds))
        case JobFailure.temporary(let reason, nil):
            return (reason, now.addingTimeInterval(options.backoff.delay(afterAttempt: job.attempts, jitter: .random(in: 0...1))))
        case is TimeoutError:
            return (
                "timed out", now.addingTimeInterval(options.backoff.delay(afterAttempt: job.attempts, jitter: .random(in: 0...1)))
            )
        default:
            return (
                String(describing: error),
                now.addingTimeInterval(options.backoff.delay(afterAttempt: job.attempts, jitter: .random(in: 0...1)))
            )
        }
    }

    struct TimeoutError: Error {}

    static func withTimeout(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await body()
                return true
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return false
            }
            let finished = try await group.next() ?? false
            group.cancelAll()
            if !finished { throw TimeoutError() }
        }
    }

    /// Promotes due jobs, recovers expired leases and renews its own, every poll; prunes old jobs hourly.
    private func keepHouse() async {
        var lastPrune = Date.distantPast
        var lastRenew = Date.nexoNow
        while !Task.isCancelled && !isStopping {
            do {
                let now = self.now
                try await queue.promoteDue(now: now)
                try await queue.recoverExpiredLeases(now: now)
                if now.timeIntervalSince(lastRenew) >= options.lease.seconds / 3 {
                    try await queue.renew(
                        state.withLockedValue { Array($0.inFlight.keys) }, worker: id, lease: options.lease, now: now)
                    lastRenew = now
                }
                if now.timeIntervalSince(lastPrune) >= 3600 {
                    let pruned = try await queue.prune(finishedBefore: now.addingTimeInterval(-options.retention))
                    if pruned > 0 { logger.info("pruned finished jobs", metadata: ["count": .stringConvertible(pruned)]) }
                    lastPrune = now
                }
            } catch {
                logger.warning("job housekeeping failed: \(String(reflecting: error))")
            }
            try? await Task.sleep(for: options.pollInterval)
        }
    }
}

/// Records finished jobs as completed in batches (group commit): a job's completion still waits for the statement
/// that records it, and the completions that arrive while one statement runs are written together by the next. One
/// UPDATE per batch instead of one per job; a lone completion is written at once.
final class CompletionBatcher: Sendable {
    private typealias Waiter = (id: UUID, continuation: CheckedContinuation<Void, any Error>)
    private let state = NIOLockedValueBox<(pending: [Waiter], writing: Bool)>(([], false))
    private let write: @Sendable ([UUID]) async throws -> Void

    init(write: @escaping @Sendable ([UUID]) async throws -> Void) { self.write = write }

    /// Returns once the job is recorded as completed; throws what the statement threw.
    func complete(_ id: UUID) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startWriter = state.withLockedValue { state -> Bool in
                state.pending.append((id, continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startWriter { Task { await self.writeUntilEmpty() } }
        }
    }

    private func writeUntilEmpty() async {
        while true {
            let batch = state.withLockedValue { state -> [Waiter] in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.writing = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                try await write(batch.map(\.id))
                for waiter in batch { waiter.continuation.resume() }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}
