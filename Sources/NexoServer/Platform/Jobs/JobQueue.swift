import Fluent
import Foundation
import SQLKit

/// The jobs table and every statement on it: enqueue, claim, finish, promote due work, recover lost leases, prune.
/// Statements are set-based SQL through SQLKit; the same API runs on SQLite (one process) and PostgreSQL (many).
struct JobQueue: Sendable {
    let db: any Database
    /// Wakes the local worker at once; other processes hear PostgreSQL's NOTIFY.
    let signal: JobSignal?

    static let notifyChannel = "nexo_jobs"

    private var sql: any SQLDatabase { db.sql }
    private var isPostgres: Bool { sql.dialect.name == "postgresql" }

    // MARK: - Enqueue

    /// Inserts jobs; one with an `idempotencyKey` that already exists is skipped. Returns how many were inserted.
    @discardableResult
    func enqueue(_ jobs: [NewJob], now: Date = .nexoNow) async throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        var inserted = 0
        for chunk in stride(from: 0, to: jobs.count, by: 500).map({ Array(jobs[$0..<min($0 + 500, jobs.count)]) }) {
            let insert = sql.insert(into: "jobs").columns(
                "id", "kind", "tenant_id", "payload", "priority", "state", "run_at", "attempts", "max_attempts",
                "idempotency_key", "created_at", "updated_at")
            for job in chunk {
                let runAt = job.runAt ?? now
                let state: JobState = runAt > now ? .scheduled : .available
                insert.values(
                    SQLBind(UUID()), SQLBind(job.kind), SQLBind(job.tenantID), SQLBind(job.payload), SQLBind(job.priority),
                    SQLBind(state.rawValue), SQLBind(runAt), SQLBind(0), SQLBind(job.maxAttempts),
                    SQLBind(job.idempotencyKey), SQLBind(now), SQLBind(now))
            }
            insert.ignoringConflicts(with: ["idempotency_key"])
            let rows = try await insert.returning("id").all()
            inserted += rows.count
        }
        if inserted > 0 { try await announce() }
        return inserted
    }

    func enqueue(_ job: NewJob, now: Date = .nexoNow) async throws {
        try await enqueue([job], now: now)
    }

    /// Tells workers there is work: this process's worker directly, the others through NOTIFY (sent at commit).
    func announce() async throws {
        if isPostgres { try await sql.raw("SELECT pg_notify(\(bind: Self.notifyChannel), '')").run() }
        signal?.fire()
    }

    // MARK: - Claim

    /// Takes up to `limit` ready jobs under a lease, shared fairly between tenants: it walks the tenants that have
    /// ready work (from `after`, wrapping round) and takes an equal share from each, so one tenant's million
    /// queued jobs delay another tenant's single job by one batch at most.
    func claim(
        limit: Int, worker: String, lease: Duration, after: UUID?, now: Date = .nexoNow
    ) async throws -> (jobs: [ClaimedJob], lastTenant: UUID?) {
        guard limit > 0 else { return ([], after) }
        var tenants = try await readyTenants(after: after, limit: limit)
        if tenants.count < limit, after != nil {
            let seen = Set(tenants)
            tenants += try await readyTenants(after: nil, limit: limit - tenants.count).filter { !seen.contains($0) }
        }
        guard !tenants.isEmpty else { return ([], after) }
        let share = max(1, (limit + tenants.count - 1) / tenants.count)
        var jobs = try await claimShares(from: tenants, share: share, worker: worker, lease: lease, now: now)
        // Tenants with less than a share leave room: the others fill it, so a batch is full whenever work exists.
        let room = limit - jobs.count
        if room > 0 {
            let taken = Dictionary(grouping: jobs, by: { $0.tenantID }).mapValues { $0.count }
            let busy = tenants.filter { taken[$0] == share }
            if !busy.isEmpty {
                let extra = max(1, room / busy.count)
                jobs += try await claimShares(from: busy, share: extra, worker: worker, lease: lease, now: now)
            }
        }
        return (jobs, tenants.last)
    }

    /// Claims up to `share` ready jobs of each tenant in one statement.
    private func claimShares(
        from tenants: [UUID], share: Int, worker: String, lease: Duration, now: Date
    ) async throws -> [ClaimedJob] {
        let expires = now.addingTimeInterval(lease.seconds)
        let rows: [any SQLRow]
        if isPostgres {
            let list = SQLList(tenants.map { SQLBind($0) })
            // A materialized CTE runs the locking SELECT exactly once; inside `id IN (…)` PostgreSQL may run it
            // again per row, each time skipping the rows it just locked and so taking more than the LIMIT.
            rows = try await sql.raw(
                """
                WITH picked AS MATERIALIZED (
                    SELECT c.id FROM unnest(ARRAY[\(list)]::uuid[]) AS t(tenant_id)
                    CROSS JOIN LATERAL (
                        SELECT id FROM jobs WHERE jobs.tenant_id = t.tenant_id AND state = 'available'
                        ORDER BY priority DESC, run_at, id LIMIT \(bind: share) FOR UPDATE SKIP LOCKED
                    ) c
                )
                UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = \(bind: worker),
                    lease_expires_at = \(bind: expires), started_at = \(bind: now), updated_at = \(bind: now)
                FROM picked WHERE jobs.id = picked.id
                RETURNING jobs.id, jobs.kind, jobs.tenant_id, jobs.payload, jobs.attempts, jobs.max_attempts
                """
            ).all()
        } else {
            let parts = tenants.map { tenant -> SQLQueryString in
                """
                SELECT id FROM (SELECT id FROM jobs WHERE tenant_id = \(bind: tenant) AND state = 'available'
                ORDER BY priority DESC, run_at, id LIMIT \(bind: share))
                """
            }
            let union = SQLList(parts.map { $0 as any SQLExpression }, separator: SQLRaw(" UNION ALL "))
            rows = try await sql.raw(
                """
                UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = \(bind: worker),
                    lease_expires_at = \(bind: expires), started_at = \(bind: now), updated_at = \(bind: now)
                WHERE state = 'available' AND id IN (\(union))
                RETURNING id, kind, tenant_id, payload, attempts, max_attempts
                """
            ).all()
        }
        return try rows.map { row in
            ClaimedJob(
                id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                tenantID: try row.decode(column: "tenant_id", as: UUID.self),
                payload: try row.decode(column: "payload", as: String.self),
                attempts: try row.decode(column: "attempts", as: Int.self),
                maxAttempts: try row.decode(column: "max_attempts", as: Int.self))
        }
    }

    /// Distinct tenants with ready jobs, in id order after `after`: a loose index scan, one index probe per tenant,
    /// however many jobs each tenant has queued.
    private func readyTenants(after: UUID?, limit: Int) async throws -> [UUID] {
        let start: SQLQueryString =
            after.map {
                "SELECT (SELECT tenant_id FROM jobs WHERE state = 'available' AND tenant_id > \(bind: $0) ORDER BY tenant_id LIMIT 1)"
            } ?? "SELECT (SELECT tenant_id FROM jobs WHERE state = 'available' ORDER BY tenant_id LIMIT 1)"
        // SQLite takes the LIMIT inside the recursive part; PostgreSQL stops when the outer LIMIT is reached.
        let innerLimit: SQLQueryString = isPostgres ? "" : " LIMIT \(bind: limit)"
        let rows = try await sql.raw(
            """
            WITH RECURSIVE t(tenant_id) AS (
                \(start)
                UNION ALL
                SELECT (
                    SELECT j.tenant_id FROM jobs j WHERE j.state = 'available' AND j.tenant_id > t.tenant_id
                    ORDER BY j.tenant_id LIMIT 1)
                FROM t WHERE t.tenant_id IS NOT NULL\(innerLimit)
            )
            SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map { try $0.decode(column: "tenant_id", as: UUID.self) }
    }

    // MARK: - Finish

    /// Only the lease holder may finish a job: a worker whose lease expired and was taken over changes nothing.
    func complete(_ ids: [UUID], worker: String, now: Date = .nexoNow) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw(
            """
            UPDATE jobs SET state = 'completed', finished_at = \(bind: now), updated_at = \(bind: now),
                lease_owner = NULL, lease_expires_at = NULL, last_error = NULL
            WHERE state = 'running' AND lease_owner = \(bind: worker) AND id IN (\(SQLList(ids.map { SQLBind($0) })))
            """
        ).run()
    }

    /// Records a failure: retried at `retryAt`, or dead when permanent or out of attempts.
    func fail(_ job: ClaimedJob, worker: String, error: String, retryAt: Date?, now: Date = .nexoNow) async throws {
        let dead = retryAt == nil || job.attempts >= job.maxAttempts
        try await sql.raw(
            """
            UPDATE jobs SET state = \(bind: dead ? JobState.dead.rawValue : JobState.retryable.rawValue),
                run_at = \(bind: dead ? now : retryAt ?? now), last_error = \(bind: String(error.prefix(2000))),
                finished_at = \(bind: dead ? now : nil), updated_at = \(bind: now), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = \(bind: job.id) AND state = 'running' AND lease_owner = \(bind: worker)
            """
        ).run()
    }

    /// Gives jobs back without counting the attempt (graceful shutdown).
    func release(_ ids: [UUID], worker: String, now: Date = .nexoNow) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw(
            """
            UPDATE jobs SET state = 'available', attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL,
                updated_at = \(bind: now)
            WHERE state = 'running' AND lease_owner = \(bind: worker) AND id IN (\(SQLList(ids.map { SQLBind($0) })))
            """
        ).run()
        try await announce()
    }

    /// Extends the leases of jobs still running (long jobs) so nobody takes them over.
    func renew(_ ids: [UUID], worker: String, lease: Duration, now: Date = .nexoNow) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw(
            """
            UPDATE jobs SET lease_expires_at = \(bind: now.addingTimeInterval(lease.seconds))
            WHERE state = 'running' AND lease_owner = \(bind: worker) AND id IN (\(SQLList(ids.map { SQLBind($0) })))
            """
        ).run()
    }

    // MARK: - Housekeeping

    /// Makes scheduled and retryable jobs whose time has come ready. Returns how many.
    @discardableResult
    func promoteDue(now: Date = .nexoNow, batch: Int = 10_000) async throws -> Int {
        let rows = try await sql.raw(
            """
            UPDATE jobs SET state = 'available', updated_at = \(bind: now)
            WHERE state IN ('scheduled', 'retryable') AND id IN (
                SELECT id FROM jobs WHERE state IN ('scheduled', 'retryable') AND run_at <= \(bind: now)
                ORDER BY run_at LIMIT \(bind: batch))
            RETURNING id
            """
        ).all()
        if !rows.isEmpty { try await announce() }
        return rows.count
    }

    /// Jobs whose worker vanished (crash, kill -9) run again once their lease expires; the attempt counts.
    @discardableResult
    func recoverExpiredLeases(now: Date = .nexoNow) async throws -> Int {
        let rows = try await sql.raw(
            """
            UPDATE jobs SET
                state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'available' END,
                last_error = 'the worker running it stopped before finishing (lease expired)',
                finished_at = CASE WHEN attempts >= max_attempts THEN \(bind: now) ELSE NULL END,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: now)
            WHERE state = 'running' AND lease_expires_at < \(bind: now)
            RETURNING id
            """
        ).all()
        if !rows.isEmpty { try await announce() }
        return rows.count
    }

    /// Deletes completed and cancelled jobs finished before `before`, in batches so no statement runs long.
    @discardableResult
    func prune(finishedBefore before: Date, batch: Int = 10_000) async throws -> Int {
        var total = 0
        while true {
            let rows = try await sql.raw(
                """
                DELETE FROM jobs WHERE id IN (
                    SELECT id FROM jobs WHERE state IN ('completed', 'cancelled') AND finished_at < \(bind: before)
                    LIMIT \(bind: batch))
                RETURNING id
                """
            ).all()
            total += rows.count
            if rows.count < batch { return total }
        }
    }

    /// When the next scheduled or retryable job becomes due, so an idle worker can sleep until then.
    func nextDue() async throws -> Date? {
        try await sql.raw("SELECT min(run_at) AS next FROM jobs WHERE state IN ('scheduled', 'retryable')")
            .first()?.decode(column: "next", as: Date?.self)
    }
}

extension Duration {
    var seconds: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
