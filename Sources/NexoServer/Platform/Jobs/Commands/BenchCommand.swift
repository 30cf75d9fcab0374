import Fluent
import Foundation
import NIOConcurrencyHelpers
import NexoCore
import SQLKit
import Vapor

/// `nexo bench jobs|fairness|fanout|crash|autoreplies`: measures the job system and the automation fan-out against the configured
/// database and prints one JSON line of figures. Driven by bench/jobs.sh and bench/crash.sh; never part of a test run.
/// Works on a throw-away database: it deletes the rows it made (bench jobs, its tenants' runs) as it goes.
struct BenchCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "jobs": BenchJobsCommand(),
        "fairness": BenchFairnessCommand(),
        "fanout": BenchFanOutCommand(),
        "crash": BenchCrashCommand(),
        "autoreplies": BenchAutoRepliesCommand(),
    ]
    var help: String { "Benchmark background jobs and automation fan-out (one JSON line of figures)" }
}

// MARK: - jobs

/// Throughput: N no-op jobs enqueued in bulk, then W workers (in this process, each with its own id, signal and
/// concurrency C) run them; the clock stops when the database says all N are completed.
/// Latency (`--rate R`): the workers idle first, then jobs are enqueued one by one at R per second for `--seconds`;
/// wake-ups travel as in production between processes (NOTIFY on PostgreSQL); latency is `started_at − created_at`
/// of each job as Nexo recorded them.
struct BenchJobsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "count", help: "Jobs for the throughput run (default 20000)") var count: Int?
        @Option(name: "workers", help: "Workers (default 2)") var workers: Int?
        @Option(name: "concurrency", help: "Jobs each worker runs at once (default 20)") var concurrency: Int?
        @Option(name: "rate", help: "Latency run instead: enqueue this many jobs per second, one by one") var rate: Int?
        @Option(name: "seconds", help: "With --rate: for how long (default 5)") var seconds: Double?
    }

    var help: String { "No-op job throughput, or enqueue-to-start latency with --rate" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let handler = BenchNoOpJob()
        app.nexo.jobs.register(handler)
        let workers = max(1, signature.workers ?? 2)
        let concurrency = max(1, signature.concurrency ?? 20)
        try await Bench.resetJobs(app.db)
        let tenant = UUID()
        var figures: [String: Any] = [
            "database": Bench.databaseName(app.db), "workers": workers, "concurrency": concurrency,
        ]
        if let rate = signature.rate {
            let seconds = signature.seconds ?? 5
            let total = max(1, Int((Double(rate) * seconds).rounded()))
            let pool = BenchWorkers(app: app, count: workers, concurrency: concurrency)
            try pool.start(listen: true)
            try await Task.sleep(for: .seconds(1))  // workers idle, listener connected
            let queue = JobQueue(db: app.db, signal: nil)
            let start = ContinuousClock.now
            for i in 0..<total {
                let due = start + .milliseconds(Int64(Double(i) * 1000 / Double(rate)))
                if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
                try await queue.enqueue(NewJob(kind: Bench.kind, tenantID: tenant))
                // On SQLite the one process is the only worker: enqueueing wakes it directly, as JobQueue does.
                if !Bench.isPostgres(app.db) { pool.wakeAll() }
            }
            let enqueueSeconds = (ContinuousClock.now - start).seconds
            try await Bench.waitForCompleted(total, handler: handler, db: app.db)
            await pool.stop()
            let latencies = try await Bench.startLatencies(app.db)
            figures["mode"] = "latency"
            figures["jobs"] = total
            figures["rate"] = rate
            figures["enqueued_per_second"] = Double(total) / enqueueSeconds
            figures["latency_ms_p50"] = Bench.percentile(latencies, 50)
            figures["latency_ms_p90"] = Bench.percentile(latencies, 90)
            figures["latency_ms_p99"] = Bench.percentile(latencies, 99)
            figures["latency_ms_max"] = latencies.max() ?? 0
        } else {
            let count = max(1, signature.count ?? 20_000)
            let jobs = (0..<count).map { _ in NewJob(kind: Bench.kind, tenantID: tenant) }
            let enqueueStart = ContinuousClock.now
            try await JobQueue(db: app.db, signal: nil).enqueue(jobs)
            let enqueueSeconds = (ContinuousClock.now - enqueueStart).seconds
            // Statistics that know the backlog, as autovacuum keeps them on a live system (the reset left "empty").
            try await app.db.sql.raw("ANALYZE jobs").run()
            let pool = BenchWorkers(app: app, count: workers, concurrency: concurrency)
            let start = ContinuousClock.now
            try pool.start(listen: false)
            try await Bench.waitForCompleted(count, handler: handler, db: app.db)
            let seconds = (ContinuousClock.now - start).seconds
            await pool.stop()
            figures["mode"] = "throughput"
            figures["jobs"] = count
            figures["enqueue_seconds"] = enqueueSeconds
            figures["enqueued_per_second"] = Double(count) / enqueueSeconds
            figures["seconds"] = seconds
            figures["jobs_per_second"] = Double(count) / seconds
        }
        try await Bench.resetJobs(app.db, vacuum: false)
        Bench.print(figures, to: context)
    }
}

// MARK: - fairness

/// Tenant A has N ready jobs (inserted set-based); W workers start on them; after `--warmup` seconds another tenant
/// enqueues one job (`--samples` times, a new tenant each time). Reports how long that job waited and how many of A's
/// jobs started between its enqueue and its start.
struct BenchFairnessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "backlog", help: "Tenant A's queued jobs (default 1000000)") var backlog: Int?
        @Option(name: "workers", help: "Workers (default 2)") var workers: Int?
        @Option(name: "concurrency", help: "Jobs each worker runs at once (default 20)") var concurrency: Int?
        @Option(name: "warmup", help: "Seconds the workers run A's jobs before B enqueues (default 2)") var warmup: Double?
        @Option(name: "samples", help: "Tenant B jobs, one after the other (default 3)") var samples: Int?
    }

    var help: String { "How long one tenant's job waits behind another tenant's backlog" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let db = app.db
        let handler = BenchNoOpJob()
        app.nexo.jobs.register(handler)
        let backlog = max(1, signature.backlog ?? 1_000_000)
        let workers = max(1, signature.workers ?? 2)
        let concurrency = max(1, signature.concurrency ?? 20)
        try await Bench.resetJobs(db)
        let tenantA = UUID()

        let insertStart = ContinuousClock.now
        let now = Date.nexoNow
        let postgres = Bench.isPostgres(db)
        let columns: SQLQueryString = """
            INSERT INTO jobs (id, kind, tenant_id, payload, priority, state, run_at, attempts, max_attempts, idempotency_key,
                created_at, updated_at)
            """
        let values: SQLQueryString = """
            SELECT \(Bench.newID(postgres: postgres)), \(bind: Bench.kind), \(bind: tenantA), '{}', 0, 'available', \(bind: now), 0,
                10, NULL, \(bind: now), \(bind: now)
            """
        if postgres {
            try await db.sql.raw("\(columns) \(values) FROM generate_series(1, \(bind: backlog))").run()
            try await db.sql.raw("ANALYZE jobs").run()
        } else {
            try await db.writeTransaction { tx in
                try await tx.sql.raw(
                    """
                    WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < \(bind: backlog))
                    \(columns) \(values) FROM seq
                    """
                ).run()
            }
            try await db.sql.raw("ANALYZE jobs").run()
        }
        let insertSeconds = (ContinuousClock.now - insertStart).seconds

        let pool = BenchWorkers(app: app, count: workers, concurrency: concurrency)
        try pool.start(listen: true)
        let warmup = signature.warmup ?? 2
        try await Task.sleep(for: .milliseconds(Int64(warmup * 1000)))
        let aDuringWarmup = handler.othersStarted
        var waits: [Double] = []
        var recordedWaits: [Double] = []
        var overtaken: [Double] = []
        for sample in 0..<max(1, signature.samples ?? 3) {
            if sample > 0 { try await Task.sleep(for: .milliseconds(500)) }
            let tenantB = UUID()
            handler.watch(tenantB)
            let ranBeforeEnqueue = handler.othersStarted
            let enqueued = ContinuousClock.now
            try await JobQueue(db: db, signal: nil).enqueue(NewJob(kind: Bench.kind, tenantID: tenantB))
            if !postgres { pool.wakeAll() }
            let deadline = ContinuousClock.now + .seconds(120)
            var watched = handler.watchedStart
            while watched == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(1))
                watched = handler.watchedStart
            }
            guard let watched else {
                await pool.stop()
                throw CommandFailure("tenant B's job did not start within 120 s")
            }
            let (startedAt, othersBefore) = watched
            waits.append((startedAt - enqueued).seconds * 1000)
            overtaken.append(Double(othersBefore - ranBeforeEnqueue))
            if let row = try await db.sql.raw(
                "SELECT created_at, started_at FROM jobs WHERE tenant_id = \(bind: tenantB)"
            ).first() {
                let created = try row.decode(column: "created_at", as: Date.self)
                let started = try row.decode(column: "started_at", as: Date?.self) ?? created
                recordedWaits.append(started.timeIntervalSince(created) * 1000)
            }
        }
        await pool.stop()
        try await Bench.resetJobs(db, vacuum: false)
        Bench.print(
            [
                "database": Bench.databaseName(db), "backlog": backlog, "workers": workers, "concurrency": concurrency,
                "insert_seconds": insertSeconds, "a_jobs_per_second_with_backlog": Double(aDuringWarmup) / warmup,
                "b_wait_ms": waits, "b_wait_ms_median": Bench.percentile(waits, 50),
                "b_wait_ms_recorded": recordedWaits, "a_jobs_started_while_b_waited": overtaken,
                "a_jobs_started_while_b_waited_median": Bench.percentile(overtaken, 50),
            ], to: context)
    }
}

// MARK: - fanout

/// A tenant with N generated contacts (made once per database and size, then reused), one of its built-in
/// automations switched on with the clock pinned just before its daily time, a fire recorded by the scheduler,
/// then `fanOut(fireID:)` timed. Repeated `--repeat` times, the runs and jobs of the previous repetition deleted.
struct BenchFanOutCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "contacts", help: "Contacts in the tenant (default 1000000)") var contacts: Int?
        @Option(name: "automation", help: "birthday (default) or reactivation") var automation: String?
        @Option(name: "repeat", help: "How many timed fan-outs (default 1)") var repeatCount: Int?
    }

    var help: String { "Time one scheduled fire's fan-out over a large contact base" }

    /// Contacts are seeded relative to this day, 08:00 in Buenos Aires; the clock is pinned to it.
    static let day = (year: 2026, month: 3, day: 14)

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let db = app.db
        let count = max(1, signature.contacts ?? 1_000_000)
        let key = signature.automation ?? "birthday"
        guard key == "birthday" || key == "reactivation" else {
            throw CommandFailure("--automation must be birthday or reactivation")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Argentina/Buenos_Aires")!
        let base = calendar.date(
            from: DateComponents(year: Self.day.year, month: Self.day.month, day: Self.day.day, hour: 7, minute: 0))!
        app.nexo.clock.pin(base)

        let name = "Bench fan-out \(count)"
        var seedSeconds: Double?
        let tenant: Tenant
        if let existing = try await Tenant.query(on: db).filter(\.$name == name).first(),
            try await Contact.query(on: db).filter(\.$tenantID == existing.requireID()).count() == count
        {
            tenant = existing
        } else {
            tenant = try await Bench.createTenant(name: name, email: "bench-fanout-\(count)@example.com", app: app)
            let started = ContinuousClock.now
            try await BenchContacts(tenantID: try tenant.requireID(), now: base).insert(count: count, on: db) { done in
                context.console.output("  seeded \(done)/\(count) contacts", style: .plain)
            }
            seedSeconds = (ContinuousClock.now - started).seconds
        }
        let tenantID = try tenant.requireID()
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        var timings: [Double] = []
        var runTimings: [Double] = []
        var matched = 0
        var batches = 0
        var runs = 0
        var jobs = 0
        for _ in 0..<max(1, signature.repeatCount ?? 1) {
            try await Bench.clearAutomationWork(tenantID: tenantID, on: db)
            guard
                let automation = try await Automation.query(on: db).filter(\.$tenantID == tenantID)
                    .filter(\.$builtin == key).first(),
                let schedule = try automation.definition.trigger.schedule
            else { throw CommandFailure("the tenant has no built-in \(key) automation") }
            // Switched on the way the editor does it, a minute before its time; then its time comes.
            app.nexo.clock.pin(base)
            automation.enabled = true
            automation.nextFireAt = schedule.nextFire(after: base, in: zone)
            try await automation.update(on: db)
            guard let due = automation.nextFireAt else { throw CommandFailure("the \(key) automation has no next fire") }
            app.nexo.clock.pin(due.addingTimeInterval(30))
            guard try await AutomationScheduler(app: app).fire(automation),
                let fire = try await AutomationFire.query(on: db).filter(\.$automationID == automation.requireID()).first()
            else { throw CommandFailure("the scheduler recorded no fire") }
            let fireID = try fire.requireID()
            let engine = AutomationEngine(app: app)
            let started = ContinuousClock.now
            let fanOut = try await engine.fanOut(fireID: fireID)
            timings.append((ContinuousClock.now - started).seconds)
            matched = fanOut.contacts
            batches = fanOut.batches
            // Then what the workers do next: every batch job writes its runs and their jobs, four at a time.
            let batchStarted = ContinuousClock.now
            let ranges = try await Bench.fanOutBatches(fireID: fireID, on: db)
            runs = try await withThrowingTaskGroup(of: Int.self) { group in
                var next = ranges.makeIterator()
                var created = 0
                for _ in 0..<4 {
                    guard let range = next.next() else { break }
                    group.addTask { try await engine.fanOutBatch(fireID: fireID, from: range.from, to: range.to) }
                }
                while let done = try await group.next() {
                    created += done
                    if let range = next.next() {
                        group.addTask { try await engine.fanOutBatch(fireID: fireID, from: range.from, to: range.to) }
                    }
                }
                return created
            }
            runTimings.append((ContinuousClock.now - batchStarted).seconds)
            jobs =
                try await db.sql.raw(
                    "SELECT count(*) AS n FROM jobs WHERE tenant_id = \(bind: tenantID) AND kind = \(bind: AutomationEngine.runJobKind)"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        try await Bench.clearAutomationWork(tenantID: tenantID, on: db)
        var figures: [String: Any] = [
            "database": Bench.databaseName(db), "automation": key, "contacts": count, "matched": matched,
            "batches": batches, "runs": runs, "jobs": jobs, "seconds": timings,
            "median_seconds": Bench.percentile(timings, 50), "runs_seconds": runTimings,
            "runs_median_seconds": Bench.percentile(runTimings, 50),
        ]
        if let seedSeconds { figures["seed_seconds"] = seedSeconds }
        Bench.print(figures, to: context)
    }
}

// MARK: - crash (setup)

/// The set-up of bench/crash.sh: a tenant with N consenting contacts whose birthday is today, the birthday
/// automation switched on and fired now (its fan-out job queued). A `nexo worker` then does the rest.
struct BenchCrashCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "contacts", help: "Contacts, all with today's birthday (default 10000)") var contacts: Int?
    }

    var help: String { "Set up the crash test: contacts whose birthday is today, the birthday automation fired" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let db = app.db
        let count = max(1, signature.contacts ?? 10_000)
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let tenant = try await Bench.createTenant(
            name: "Bench crash \(suffix)", email: "bench-crash-\(suffix)@example.com", app: app)
        let tenantID = try tenant.requireID()
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        let now = Date.nexoNow
        let (_, month, day) = ConditionSQL.ymd(now, in: zone)
        try await BenchContacts(tenantID: tenantID, now: now, birthday: (month, day), allConsent: true)
            .insert(count: count, on: db) { _ in }
        guard
            let automation = try await Automation.query(on: db).filter(\.$tenantID == tenantID)
                .filter(\.$builtin == "birthday").first(),
            let schedule = try automation.definition.trigger.schedule
        else { throw CommandFailure("the tenant has no birthday automation") }
        // Switched on with its last daily time (today's or yesterday's 08:00) as the next fire: due now.
        automation.enabled = true
        automation.nextFireAt = schedule.nextFire(after: now.addingTimeInterval(-86_400), in: zone)
        try await automation.update(on: db)
        guard try await AutomationScheduler(app: app).fire(automation) else {
            throw CommandFailure("the scheduler recorded no fire")
        }
        Bench.print(
            ["tenant_id": tenantID.uuidString, "contacts": count, "birthday": String(format: "--%02d-%02d", month, day)],
            to: context)
    }
}

// MARK: - Support

/// A no-op job that counts its starts; it can watch one tenant and note when that tenant's first job started.
final class BenchNoOpJob: JobHandler {
    var kind: String { Bench.kind }

    private struct State {
        var started = 0
        var othersStarted = 0
        var watched: UUID?
        var watchedStart: (ContinuousClock.Instant, Int)?
    }

    private let state = NIOLockedValueBox(State())

    /// Watches a new tenant: its first job's start is noted.
    func watch(_ tenant: UUID) {
        state.withLockedValue {
            $0.watched = tenant
            $0.watchedStart = nil
        }
    }

    var started: Int { state.withLockedValue { $0.started } }
    var othersStarted: Int { state.withLockedValue { $0.othersStarted } }
    /// When the watched tenant's first job started, and how many other jobs had started by then.
    var watchedStart: (ContinuousClock.Instant, Int)? { state.withLockedValue { $0.watchedStart } }

    func run(_ job: ClaimedJob, app: Application) async throws {
        let now = ContinuousClock.now
        state.withLockedValue { state in
            state.started += 1
            if job.tenantID == state.watched {
                if state.watchedStart == nil { state.watchedStart = (now, state.othersStarted) }
            } else {
                state.othersStarted += 1
            }
        }
    }
}

/// W job workers in this process, each with its own id and signal, as W worker processes would have. With
/// `listen` on PostgreSQL one listener passes NOTIFY wake-ups to all of them, as each process's listener would.
final class BenchWorkers: Sendable {
    private let app: Application
    private let workers: [JobWorker]
    private let signals: [JobSignal]
    private let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])

    init(app: Application, count: Int, concurrency: Int) {
        var options = JobWorker.Options()
        options.concurrency = concurrency
        let signals = (0..<count).map { _ in JobSignal() }
        self.app = app
        self.signals = signals
        self.workers = signals.map { JobWorker(app: app, options: options, signal: $0, registry: app.nexo.jobs) }
    }

    func start(listen: Bool) throws {
        var started = workers.map { worker in Task { await worker.run() } }
        if listen, case .postgres(let url) = app.nexo.settings.database {
            let listener = try PostgresListener(url: url, eventLoop: app.eventLoopGroup.any(), logger: app.logger)
            let signals = self.signals
            started.append(
                Task {
                    await listener.run(
                        channel: JobQueue.notifyChannel, leaderLock: nil,
                        onNotification: { for signal in signals { signal.fire() } }, onLeadership: { _ in })
                })
        }
        tasks.withLockedValue { $0 = started }
    }

    func wakeAll() { for signal in signals { signal.fire() } }

    func stop() async {
        for worker in workers { worker.stop() }
        let all = tasks.withLockedValue { $0 }
        for task in all.dropFirst(workers.count) { task.cancel() }
        for task in all { await task.value }
    }
}

/// Contacts generated by one INSERT … SELECT per 100,000 (generate_series on PostgreSQL, a recursive CTE on
/// SQLite). Contact g: birthday month 1 + g % 12, day 1 + (g / 12) % 28 (or the given day for all); e-mail consent
/// given for four in five (or all); last interaction 5 days ago for one in four, 61 to 360 days ago otherwise.
struct BenchContacts: Sendable {
    let tenantID: UUID
    let now: Date
    var birthday: (month: Int, day: Int)? = nil
    var allConsent = false

    func insert(count: Int, on db: any Database, progress: @Sendable (Int) -> Void) async throws {
        let postgres = Bench.isPostgres(db)
        let batch = 100_000
        var done = 0
        while done < count {
            let first = done + 1
            let last = min(count, done + batch)
            let month: SQLQueryString = birthday.map { "\(bind: $0.month)" } ?? "1 + g % 12"
            let day: SQLQueryString = birthday.map { "\(bind: $0.day)" } ?? "1 + (g / 12) % 28"
            let noConsent: SQLQueryString = allConsent ? "1 = 0" : "g % 5 = 0"
            let birthdayText: SQLQueryString =
                postgres
                ? "lpad((1950 + g % 55)::text, 4, '0') || '-' || lpad(m::text, 2, '0') || '-' || lpad(d::text, 2, '0')"
                : "printf('%04d-%02d-%02d', 1950 + g % 55, m, d)"
            let lastInteraction: SQLQueryString =
                postgres
                ? "CASE WHEN g % 4 = 0 THEN \(bind: now) - interval '5 days' ELSE \(bind: now) - (61 + g % 300) * interval '1 day' END"
                : "CASE WHEN g % 4 = 0 THEN \(bind: now) - 5 * 86400.0 ELSE \(bind: now) - (61 + g % 300) * 86400.0 END"
            let created = now.addingTimeInterval(-400 * 86_400)
            let select: SQLQueryString = """
                INSERT INTO contacts (id, tenant_id, first_name, last_name, email, phone, phone_valid, phone_key, company,
                    birthday, birthday_month, birthday_day, notes, tags, source, status, score, email_consent, email_consent_at,
                    email_consent_method, whatsapp_consent, metadata, search_text, last_interaction_at, created_at, updated_at)
                SELECT \(Bench.newID(postgres: postgres)), \(bind: tenantID), 'Contacto ' || g, 'Bench', 'bench.' || g || '@example.com',
                    NULL, \(bind: false), NULL, NULL, \(birthdayText), m, d, NULL, '[]', 'api', 'customer', g % 100,
                    CASE WHEN \(noConsent) THEN 'unknown' ELSE 'given' END,
                    CASE WHEN \(noConsent) THEN NULL ELSE \(bind: now) END,
                    CASE WHEN \(noConsent) THEN NULL ELSE 'bench' END,
                    'unknown', '{}', 'contacto ' || g || ' bench bench.' || g || '@example.com', \(lastInteraction),
                    \(bind: created), \(bind: created)
                """
            if postgres {
                try await db.sql.raw(
                    "\(select) FROM (SELECT g, \(month) AS m, \(day) AS d FROM generate_series(\(bind: first), \(bind: last)) g) s"
                ).run()
            } else {
                try await db.writeTransaction { tx in
                    try await tx.sql.raw(
                        """
                        WITH RECURSIVE seq(g) AS (SELECT \(bind: first) UNION ALL SELECT g + 1 FROM seq WHERE g < \(bind: last))
                        \(select) FROM (SELECT g, \(month) AS m, \(day) AS d FROM seq)
                        """
                    ).run()
                }
            }
            done = last
            progress(done)
        }
        try await db.sql.raw("ANALYZE contacts").run()
    }
}

enum Bench {
    static let kind = "bench.noop"

    static func isPostgres(_ db: any Database) -> Bool { db.sql.dialect.name == "postgresql" }

    static func databaseName(_ db: any Database) -> String { isPostgres(db) ? "postgresql" : "sqlite" }

    /// A fresh UUID per row, as the fan-out makes them.
    static func newID(postgres: Bool) -> SQLQueryString {
        postgres
            ? "gen_random_uuid()"
            : """
            upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || \
            substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
            """
    }

    /// Deletes the bench's jobs (and on PostgreSQL vacuums, so dead rows do not slow the next run's index scans).
    static func resetJobs(_ db: any Database, vacuum: Bool = true) async throws {
        try await db.sql.raw("DELETE FROM jobs WHERE kind = \(bind: kind)").run()
        if vacuum, isPostgres(db) { try await db.sql.raw("VACUUM ANALYZE jobs").run() }
    }

    /// Removes what a fan-out made for the tenant and switches its automations off, ready for the next repetition.
    static func clearAutomationWork(tenantID: UUID, on db: any Database) async throws {
        try await db.sql.raw("DELETE FROM jobs WHERE tenant_id = \(bind: tenantID)").run()
        try await db.sql.raw("DELETE FROM automation_runs WHERE tenant_id = \(bind: tenantID)").run()
        try await db.sql.raw("DELETE FROM automation_fires WHERE tenant_id = \(bind: tenantID)").run()
        try await db.sql.raw(
            "UPDATE automations SET enabled = \(bind: false), next_fire_at = NULL, last_fire_for = NULL WHERE tenant_id = \(bind: tenantID)"
        ).run()
        if isPostgres(db) { try await db.sql.raw("VACUUM ANALYZE automation_runs, jobs").run() }
    }

    /// The contact ranges of a fire's queued batch jobs, in order.
    static func fanOutBatches(fireID: UUID, on db: any Database) async throws -> [(from: UUID, to: UUID?)] {
        struct Range: Decodable {
            let from: UUID
            let to: UUID?
        }
        let rows = try await db.sql.raw(
            "SELECT payload FROM jobs WHERE kind = \(bind: AutomationEngine.fanOutBatchJobKind) AND idempotency_key LIKE \(bind: "fanout:\(fireID.uuidString):%")"
        ).all()
        return try rows.map {
            let range = try JSONDecoder().decode(Range.self, from: Data(try $0.decode(column: "payload", as: String.self).utf8))
            return (range.from, range.to)
        }
    }

    static func createTenant(name: String, email: String, app: Application) async throws -> Tenant {
        let form = SignUpForm(businessName: name, country: "AR", ownerName: "Bench", email: email, password: nil, locale: "es")
        return try await TenancyService(db: app.db, nexo: app.nexo)
            .createTenant(form, allowExistingUser: true, hasher: PasswordHasher(cost: app.nexo.settings.bcryptCost)).tenant
    }

    /// Waits until the handler saw `count` starts and the database has them all completed (10 minutes at most).
    static func waitForCompleted(_ count: Int, handler: BenchNoOpJob, db: any Database) async throws {
        let deadline = ContinuousClock.now + .seconds(600)
        while handler.started < count {
            guard ContinuousClock.now < deadline else { throw CommandFailure("only \(handler.started) of \(count) jobs ran") }
            try await Task.sleep(for: .milliseconds(2))
        }
        while true {
            let done =
                try await db.sql.raw(
                    "SELECT count(*) AS n FROM jobs WHERE kind = \(bind: kind) AND state = 'completed'"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            if done >= count { return }
            guard ContinuousClock.now < deadline else { throw CommandFailure("only \(done) of \(count) jobs completed") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// `started_at − created_at` of every bench job, in milliseconds.
    static func startLatencies(_ db: any Database) async throws -> [Double] {
        try await db.sql.raw("SELECT created_at, started_at FROM jobs WHERE kind = \(bind: kind)").all().map { row in
            let created = try row.decode(column: "created_at", as: Date.self)
            let started = try row.decode(column: "started_at", as: Date.self)
            return started.timeIntervalSince(created) * 1000
        }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let k = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[max(0, min(sorted.count - 1, k))]
    }

    static func print(_ figures: [String: Any], to context: CommandContext) {
        let data = (try? JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])) ?? Data("{}".utf8)
        context.console.output(String(decoding: data, as: UTF8.self), style: .plain)
    }
}
