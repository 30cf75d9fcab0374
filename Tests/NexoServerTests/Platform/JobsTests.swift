import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor

@testable import NexoServer

/// A handler tests can script: it counts runs per payload and fails as told.
final class ScriptedJob: JobHandler, Sendable {
    enum Behaviour: Sendable { case succeed, failTimes(Int), permanent, sleep(Duration) }

    let kind: String
    let behaviour: Behaviour
    private let runs = NIOLockedValueBox<[String: Int]>([:])

    init(kind: String = "test.scripted", _ behaviour: Behaviour = .succeed) {
        self.kind = kind
        self.behaviour = behaviour
    }

    func count(_ payload: String = "{}") -> Int { runs.withLockedValue { $0[payload] ?? 0 } }
    var total: Int { runs.withLockedValue { $0.values.reduce(0, +) } }

    func run(_ job: ClaimedJob, app: Application) async throws {
        let attempt = runs.withLockedValue { runs -> Int in
            runs[job.payload, default: 0] += 1
            return runs[job.payload]!
        }
        switch behaviour {
        case .succeed: return
        case .failTimes(let times): if attempt <= times { throw JobFailure.temporary("provider answered 503") }
        case .permanent: throw JobFailure.permanent("provider answered 400: invalid address")
        case .sleep(let duration): try await Task.sleep(for: duration)
        }
    }
}

extension Application {
    var jobQueue: JobQueue { nexo.jobQueue(on: db) }

    func worker(concurrency: Int = 10, grace: Duration = .seconds(5)) -> JobWorker {
        var options = JobWorker.Options()
        options.concurrency = concurrency
        options.shutdownGrace = grace
        options.pollInterval = .milliseconds(20)
        return JobWorker(app: self, options: options, signal: nexo.jobSignal, registry: nexo.jobs)
    }

    /// Runs every ready job (and what they enqueue) at the clock's time.
    @discardableResult
    func runJobs() async throws -> Int { try await worker().runUntilIdle() }

    func job(_ id: UUID) async throws -> JobSummary { try #require(try await jobQueue.find(id, tenantID: nil)) }

    func jobs(kind: String) async throws -> [JobSummary] {
        var filter = JobFilter()
        filter.kind = kind
        filter.limit = 10_000
        return try await jobQueue.list(filter)
    }
}

@Suite("Jobs")
struct JobsTests {
    @Test func aReadyJobRunsOnceAndIsCompleted() async throws {
        try await TestApp.run { app in
            // given
            let handler = ScriptedJob()
            app.nexo.jobs.register(handler)
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil))
            // when
            let ran = try await app.runJobs()
            // then
            #expect(ran == 1)
            #expect(handler.total == 1)
            let job = try #require(try await app.jobs(kind: handler.kind).first)
            #expect(job.state == "completed")
            #expect(job.attempts == 1)
        }
    }

    @Test func enqueueingTheSameIdempotencyKeyTwiceKeepsOneJob() async throws {
        try await TestApp.run { app in
            let first = try await app.jobQueue.enqueue([NewJob(kind: "test.x", tenantID: nil, idempotencyKey: "welcome:42")])
            let second = try await app.jobQueue.enqueue([NewJob(kind: "test.x", tenantID: nil, idempotencyKey: "welcome:42")])
            #expect(first == 1)
            #expect(second == 0)
            #expect(try await app.jobs(kind: "test.x").count == 1)
        }
    }

    @Test func aJobForLaterWaitsUntilItsTime() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob()
            app.nexo.jobs.register(handler)
            let now = Date.nexoNow
            app.nexo.clock.pin(now)
            try await app.jobQueue.enqueue(
                NewJob(kind: handler.kind, tenantID: nil, runAt: now.addingTimeInterval(3600)), now: now)
            #expect(try await app.runJobs() == 0)
            #expect(try await app.jobs(kind: handler.kind).first?.state == "scheduled")
            app.nexo.clock.advance(by: 3601)
            #expect(try await app.runJobs() == 1)
            #expect(handler.total == 1)
        }
    }

    @Test func aTemporaryFailureIsRetriedLaterWithBackoff() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob(.failTimes(1))
            app.nexo.jobs.register(handler)
            let now = Date.nexoNow
            app.nexo.clock.pin(now)
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil), now: now)
            try await app.runJobs()
            let failed = try #require(try await app.jobs(kind: handler.kind).first)
            #expect(failed.state == "retryable")
            #expect(failed.lastError == "provider answered 503")
            #expect(failed.runAt > now)
            #expect(failed.runAt <= now.addingTimeInterval(3.01))
            app.nexo.clock.advance(by: 4)
            try await app.runJobs()
            let done = try await app.job(failed.id)
            #expect(done.state == "completed")
            #expect(done.attempts == 2)
        }
    }

    @Test func aPermanentFailureGoesStraightToDead() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob(.permanent)
            app.nexo.jobs.register(handler)
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil))
            try await app.runJobs()
            let job = try #require(try await app.jobs(kind: handler.kind).first)
            #expect(job.state == "dead")
            #expect(job.attempts == 1)
            #expect(job.lastError == "provider answered 400: invalid address")
        }
    }

    @Test func aJobThatKeepsFailingIsDeadAfterItsLastAttempt() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob(.failTimes(100))
            app.nexo.jobs.register(handler)
            app.nexo.clock.pin(.nexoNow)
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil, maxAttempts: 3), now: app.nexo.clock.now)
            for _ in 0..<5 {
                try await app.runJobs()
                app.nexo.clock.advance(by: 7200)
            }
            let job = try #require(try await app.jobs(kind: handler.kind).first)
            #expect(job.state == "dead")
            #expect(job.attempts == 3)
            #expect(handler.total == 3)
        }
    }

    @Test func aJobOfAnUnknownKindIsDeadWithTheReason() async throws {
        try await TestApp.run { app in
            try await app.jobQueue.enqueue(NewJob(kind: "nobody.handles.this", tenantID: nil))
            try await app.runJobs()
            let job = try #require(try await app.jobs(kind: "nobody.handles.this").first)
            #expect(job.state == "dead")
            #expect(job.lastError == "no handler for job kind nobody.handles.this")
        }
    }

    @Test func aCrashedWorkersJobRunsAgainWhenItsLeaseExpires() async throws {
        try await TestApp.run { app in
            // given a worker that claimed a job and died
            let handler = ScriptedJob()
            app.nexo.jobs.register(handler)
            let now = Date.nexoNow
            app.nexo.clock.pin(now)
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil), now: now)
            let claimed = try await app.jobQueue.claim(limit: 10, worker: "crashed", lease: .seconds(30), after: nil, now: now)
            #expect(claimed.jobs.count == 1)
            // when the lease has not expired, nobody else takes it
            #expect(try await app.jobQueue.recoverExpiredLeases(now: now.addingTimeInterval(10)) == 0)
            #expect(try await app.runJobs() == 0)
            // when it has expired
            app.nexo.clock.advance(by: 31)
            #expect(try await app.jobQueue.recoverExpiredLeases(now: app.nexo.clock.now) == 1)
            try await app.runJobs()
            // then it ran again and the late worker cannot overwrite the outcome
            let job = try await app.job(claimed.jobs[0].id)
            #expect(job.state == "completed")
            #expect(job.attempts == 2)
            try await app.jobQueue.fail(claimed.jobs[0], worker: "crashed", error: "late", retryAt: nil)
            #expect(try await app.job(claimed.jobs[0].id).state == "completed")
        }
    }

    @Test func oneTenantsBacklogDoesNotStarveAnotherTenantsJob() async throws {
        try await TestApp.run { app in
            // given tenant A with 3,000 older jobs and tenant B with one newer job
            let tenantA = try await app.makeTenant(name: "Tienda A")
            let tenantB = try await app.makeTenant(name: "Tienda B")
            let earlier = Date.nexoNow.addingTimeInterval(-60)
            let backlog = (0..<3000).map { _ in NewJob(kind: "test.bulk", tenantID: tenantA.id) }
            try await app.jobQueue.enqueue(backlog, now: earlier)
            try await app.jobQueue.enqueue(NewJob(kind: "test.bulk", tenantID: tenantB.id))
            // when a worker claims one batch of 10
            let (jobs, _) = try await app.jobQueue.claim(limit: 10, worker: "w", lease: .seconds(60), after: nil)
            // then B's job is in it
            #expect(jobs.count == 10)
            #expect(jobs.contains { $0.tenantID == tenantB.id })
        }
    }

    @Test(arguments: [1, 2, 4, 10, 11])
    func aClaimTakesExactlyItsLimitWhenThereIsMoreWork(limit: Int) async throws {
        try await TestApp.run { app in
            // given three tenants with twelve ready jobs each
            for name in ["Uno", "Dos", "Tres"] {
                let tenant = try await app.makeTenant(name: name)
                try await app.jobQueue.enqueue((0..<12).map { _ in NewJob(kind: "test.bulk", tenantID: tenant.id) })
            }
            // when a worker with `limit` free slots claims
            let (jobs, _) = try await app.jobQueue.claim(limit: limit, worker: "w", lease: .seconds(60), after: nil)
            // then it gets exactly that many (a share rounded up used to give 12 for 10), spread over the tenants
            #expect(jobs.count == limit)
            #expect(Set(jobs.map(\.tenantID)).count == min(limit, 3))
        }
    }

    @Test func aTenantWhoseProviderKeepsFailingDoesNotHoldUpAnother() async throws {
        try await TestApp.run { app in
            // given tenant A's 200 e-mails failing against a provider that is down, queued first
            let failing = ScriptedJob(kind: "test.provider_down", .failTimes(1000))
            let healthy = ScriptedJob(kind: "test.provider_up")
            app.nexo.jobs.register(failing)
            app.nexo.jobs.register(healthy)
            let now = Date.nexoNow
            app.nexo.clock.pin(now)
            try await app.jobQueue.enqueue(
                (0..<200).map { _ in
                    NewJob(kind: failing.kind, tenantID: UUID(uuidString: "00000000-0000-0000-0000-00000000000A"))
                },
                now: now.addingTimeInterval(-60))
            try await app.jobQueue.enqueue(NewJob(kind: healthy.kind, tenantID: UUID()), now: now)
            // when one batch of 10 runs
            let worker = app.worker(concurrency: 10)
            let (batch, _) = try await app.jobQueue.claim(limit: 10, worker: worker.id, lease: .seconds(60), after: nil, now: now)
            for job in batch { await worker.execute(job) }
            // then B's job ran in it, and A's failures wait for their backoff instead of coming straight back
            #expect(healthy.total == 1)
            #expect(
                try await app.jobQueue.claim(limit: 10, worker: "w", lease: .seconds(60), after: nil, now: now).jobs.count == 10)
            let retrying = try await app.jobs(kind: failing.kind).filter { $0.state == "retryable" }
            #expect(retrying.count == 9)
            #expect(retrying.allSatisfy { $0.runAt > now })
        }
    }

    @Test func claimsTakeTurnsBetweenTenantsAcrossBatches() async throws {
        try await TestApp.run { app in
            let tenants = (0..<5).map { _ in UUID() }
            for tenant in tenants {
                try await app.jobQueue.enqueue((0..<4).map { _ in NewJob(kind: "test.turns", tenantID: tenant) })
            }
            var seen: Set<UUID> = []
            var after: UUID? = nil
            for _ in 0..<2 {
                let (jobs, last) = try await app.jobQueue.claim(limit: 3, worker: "w", lease: .seconds(60), after: after)
                seen.formUnion(jobs.map(\.tenantID))
                after = last
            }
            #expect(seen.count == 5)
        }
    }

    @Test func higherPriorityJobsOfATenantRunFirst() async throws {
        try await TestApp.run { app in
            let tenant = UUID()
            try await app.jobQueue.enqueue((0..<5).map { _ in NewJob(kind: "test.low", tenantID: tenant) })
            try await app.jobQueue.enqueue(NewJob(kind: "test.high", tenantID: tenant, priority: 10))
            let (jobs, _) = try await app.jobQueue.claim(limit: 1, worker: "w", lease: .seconds(60), after: nil)
            #expect(jobs.map(\.kind) == ["test.high"])
        }
    }

    @Test func pruningDeletesOnlyOldFinishedJobs() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob()
            app.nexo.jobs.register(handler)
            let old = Date.nexoNow.addingTimeInterval(-10 * 86_400)
            app.nexo.clock.pin(old)
            try await app.jobQueue.enqueue([NewJob(kind: handler.kind, tenantID: nil, payload: "{\"n\":1}")], now: old)
            try await app.runJobs()
            app.nexo.clock.pin(nil)
            try await app.jobQueue.enqueue([NewJob(kind: handler.kind, tenantID: nil, payload: "{\"n\":2}")])
            try await app.runJobs()
            try await app.jobQueue.enqueue(NewJob(kind: "test.dead", tenantID: nil))
            try await app.runJobs()
            let pruned = try await app.jobQueue.prune(finishedBefore: Date.nexoNow.addingTimeInterval(-7 * 86_400))
            #expect(pruned == 1)
            #expect(try await app.jobs(kind: handler.kind).map(\.payload) == ["{\"n\":2}"])
            #expect(try await app.jobs(kind: "test.dead").count == 1)
        }
    }

    @Test func operatorsCanRetryADeadJobAndCancelAWaitingOne() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob(kind: "test.fixable", .failTimes(1))
            app.nexo.jobs.register(handler)
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil, maxAttempts: 1))
            try await app.runJobs()
            let dead = try #require(try await app.jobs(kind: handler.kind).first)
            #expect(dead.state == "dead")
            #expect(try await app.jobQueue.retry(ids: [dead.id], tenantID: UUID()) == 0)
            #expect(try await app.jobQueue.retry(ids: [dead.id], tenantID: nil) == 1)
            try await app.runJobs()
            #expect(try await app.job(dead.id).state == "completed")

            try await app.jobQueue.enqueue(NewJob(kind: "test.later", tenantID: nil, runAt: .nexoNow.addingTimeInterval(600)))
            let waiting = try #require(try await app.jobs(kind: "test.later").first)
            #expect(try await app.jobQueue.cancel(ids: [waiting.id], tenantID: nil) == 1)
            #expect(try await app.job(waiting.id).state == "cancelled")
            #expect(try await app.jobQueue.cancel(ids: [dead.id], tenantID: nil) == 0)
        }
    }

    @Test func aStoppingWorkerFinishesTheJobItIsRunning() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob(.sleep(.milliseconds(300)))
            app.nexo.jobs.register(handler)
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil))
            let worker = app.worker(grace: .seconds(5))
            let running = Task { await worker.run() }
            try await waitUntil { try await app.jobs(kind: handler.kind).first?.state == "running" }
            worker.stop()
            await running.value
            #expect(try await app.jobs(kind: handler.kind).first?.state == "completed")
        }
    }

    @Test func aStoppingWorkerReleasesWhatItCannotFinishInTime() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob(.sleep(.seconds(30)))
            app.nexo.jobs.register(handler)
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil))
            let worker = app.worker(grace: .milliseconds(100))
            let running = Task { await worker.run() }
            try await waitUntil { try await app.jobs(kind: handler.kind).first?.state == "running" }
            worker.stop()
            await running.value
            let job = try #require(try await app.jobs(kind: handler.kind).first)
            #expect(job.state == "available")
            #expect(job.attempts == 0)
        }
    }

    @Test func aRunningWorkerPicksUpANewJobWithoutWaitingForThePoll() async throws {
        try await TestApp.run { app in
            let handler = ScriptedJob()
            app.nexo.jobs.register(handler)
            var options = JobWorker.Options()
            options.pollInterval = .seconds(30)
            let worker = JobWorker(app: app, options: options, signal: app.nexo.jobSignal, registry: app.nexo.jobs)
            let running = Task { await worker.run() }
            try await Task.sleep(for: .milliseconds(100))
            try await app.jobQueue.enqueue(NewJob(kind: handler.kind, tenantID: nil))
            try await waitUntil(seconds: 5) { handler.total == 1 }
            worker.stop()
            await running.value
            #expect(handler.total == 1)
        }
    }
}

/// Polls `condition` until it holds or the time is up (then fails the test).
func waitUntil(seconds: Double = 10, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition not met within \(seconds) s")
}
