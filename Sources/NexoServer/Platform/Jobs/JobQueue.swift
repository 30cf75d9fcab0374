import Fluent
import Foundation
import PostgresNIO
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
        let tenants = try await readyTenants(after: after, limit: limit)
        guard !tenants.isEmpty else { return ([], after) }
        // Never more than `limit`: the worker asks for exactly its free slots. There are at most `limit` tenants.
        let share = max(1, limit / tenants.count)
        var jobs = try await claimShares(from: tenants, share: share, worker: worker, lease: lease, now: now)
        // Tenants with less than a share, and the rounding down, leave room: the others fill it, so a batch is full
        // whenever work exists.
        let room = limit - jobs.count
        if room > 0 {
            let taken = Dictionary(grouping: jobs, by: { $0.tenantID }).mapValues { $0.count }
            var busy = tenants.filter { taken[$0] == share }
            if busy.count > room { busy = Array(busy.prefix(room)) }
            if !busy.isEmpty {
                jobs += try await claimShares(
                    from: busy, share: room / busy.count, worker: worker, lease: lease, now: now)
            }
        }
        return (jobs, tenants.last)
    }

    /// Claims up to `share` ready jobs of each tenant in one statement.
    private func claimShares(
        from tenants: [UUID], share: Int, worker: String, lease: Duration, now: Date
    ) async throws -> [ClaimedJob] {
        let expires = now.addingTimeInterval(lease.seconds)
        if let postgres = preparedPostgres {
            return try await postgres.rows(
                ClaimShares(tenants: tenants, share: share, worker: worker, expires: expires, now: now), logger: db.logger)
        }
        let rows: [any SQLRow]
        if isPostgres {  // not reached with Fluent's PostgreSQL driver: see `preparedPostgres`
            let list = SQLList(tenants.map { SQLBind($0) })
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
            // `+state`: look the rows up by id. Without statistics SQLite would rather walk jobs_state_created over
            // every ready job (6 ms per claim with 20,000 ready).
            rows = try await sql.raw(
                """
                UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = \(bind: worker),
                    lease_expires_at = \(bind: expires), started_at = \(bind: now), updated_at = \(bind: now)
                WHERE +state = 'available' AND id IN (\(union))
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

    /// Distinct tenants with ready jobs, in id order after `after` and then, wrapping round, from the first: a loose
    /// index scan, one index probe per tenant, however many jobs each tenant has queued. Both walks go in one
    /// statement (the wrap-round one is cheap when unneeded: at most `limit` probes).
    private func readyTenants(after: UUID?, limit: Int) async throws -> [UUID] {
        if let postgres = preparedPostgres {
            let found =
                if let after {
                    try await postgres.rows(ReadyTenantsAfter(after: after, limit: limit), logger: db.logger)
                } else {
                    try await postgres.rows(ReadyTenants(limit: limit), logger: db.logger)
                }
            return Self.distinct(found, limit: limit)
        }
        // SQLite takes the LIMIT inside the recursive part; PostgreSQL stops when the outer LIMIT is reached.
        let innerLimit: SQLQueryString = isPostgres ? "" : " LIMIT \(bind: limit)"
        // Without statistics (no ANALYZE yet: a new installation) SQLite walks jobs_state_created and sorts every ready
        // job for each probe (9 ms per walk with 20,000 ready jobs instead of 0.1 ms): name the index.
        let ready: SQLQueryString = isPostgres ? "jobs" : "jobs INDEXED BY jobs_ready"
        let readyJ: SQLQueryString = isPostgres ? "jobs j" : "jobs j INDEXED BY jobs_ready"
        func walk(_ name: String, from start: SQLQueryString) -> SQLQueryString {
            """
            \(unsafeRaw: name)(tenant_id) AS (
                \(start)
                UNION ALL
                SELECT (
                    SELECT j.tenant_id FROM \(readyJ) WHERE j.state = 'available' AND j.tenant_id > \(unsafeRaw: name).tenant_id
                    ORDER BY j.tenant_id LIMIT 1)
                FROM \(unsafeRaw: name) WHERE \(unsafeRaw: name).tenant_id IS NOT NULL\(innerLimit)
            )
            """
        }
        let first = walk(
            "w", from: "SELECT (SELECT tenant_id FROM \(ready) WHERE state = 'available' ORDER BY tenant_id LIMIT 1)")
        let rows: [any SQLRow]
        if let after {
            let rest = walk(
                "t",
                from:
                    "SELECT (SELECT tenant_id FROM \(ready) WHERE state = 'available' AND tenant_id > \(bind: after) ORDER BY tenant_id LIMIT 1)"
            )
            rows = try await sql.raw(
                """
                WITH RECURSIVE \(rest), \(first)
                SELECT tenant_id, part FROM (
                    SELECT tenant_id, 0 AS part FROM (SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL LIMIT \(bind: limit)) a
                    UNION ALL
                    SELECT tenant_id, 1 AS part FROM (SELECT tenant_id FROM w WHERE tenant_id IS NOT NULL LIMIT \(bind: limit)) b
                ) u ORDER BY part, tenant_id
                """
            ).all()
        } else {
            rows = try await sql.raw(
                "WITH RECURSIVE \(first) SELECT tenant_id FROM w WHERE tenant_id IS NOT NULL LIMIT \(bind: limit)"
            ).all()
        }
        return Self.distinct(try rows.map { try $0.decode(column: "tenant_id", as: UUID.self) }, limit: limit)
    }

    /// The first `limit` distinct tenants, in order (the wrap-round walk may meet tenants the first walk found).
    private static func distinct(_ tenants: [UUID], limit: Int) -> [UUID] {
        var seen = Set<UUID>()
        var result: [UUID] = []
        for tenant in tenants where seen.insert(tenant).inserted {
            result.append(tenant)
            if result.count == limit { break }
        }
        return result
    }

    // MARK: - Finish

    /// Only the lease holder may finish a job: a worker whose lease expired and was taken over changes nothing.
    func complete(_ ids: [UUID], worker: String, now: Date = .nexoNow) async throws {
        guard !ids.isEmpty else { return }
        if let postgres = preparedPostgres {
            _ = try await postgres.rows(CompleteJobs(ids: ids, worker: worker, now: now), logger: db.logger)
            return
        }
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

// MARK: - PostgreSQL: prepared statements

/// On PostgreSQL the statements a busy worker repeats — find the tenants with ready work, claim, complete — are
/// prepared once per connection and reused: parsing and planning them anew for every batch took about a third of
/// the server's CPU per job. The SQL is the general path's, with arrays in place of lists.
extension JobQueue {
    /// The database as PostgresNIO sees it, when it is PostgreSQL (Fluent's driver always is one).
    fileprivate var preparedPostgres: (any PostgresDatabase)? { isPostgres ? db as? any PostgresDatabase : nil }

    fileprivate struct ReadyTenants: PostgresPreparedStatement {
        static let sql = """
            WITH RECURSIVE w(tenant_id) AS (
                SELECT (SELECT tenant_id FROM jobs WHERE state = 'available' ORDER BY tenant_id LIMIT 1)
                UNION ALL
                SELECT (
                    SELECT j.tenant_id FROM jobs j WHERE j.state = 'available' AND j.tenant_id > w.tenant_id
                    ORDER BY j.tenant_id LIMIT 1)
                FROM w WHERE w.tenant_id IS NOT NULL
            )
            SELECT tenant_id FROM w WHERE tenant_id IS NOT NULL LIMIT $1
            """
        let limit: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> UUID { try row.decode(UUID.self) }
    }

    fileprivate struct ReadyTenantsAfter: PostgresPreparedStatement {
        static let sql = """
            WITH RECURSIVE t(tenant_id) AS (
                SELECT (SELECT tenant_id FROM jobs WHERE state = 'available' AND tenant_id > $1 ORDER BY tenant_id LIMIT 1)
                UNION ALL
                SELECT (
                    SELECT j.tenant_id FROM jobs j WHERE j.state = 'available' AND j.tenant_id > t.tenant_id
                    ORDER BY j.tenant_id LIMIT 1)
                FROM t WHERE t.tenant_id IS NOT NULL
            ), w(tenant_id) AS (
                SELECT (SELECT tenant_id FROM jobs WHERE state = 'available' ORDER BY tenant_id LIMIT 1)
                UNION ALL
                SELECT (
                    SELECT j.tenant_id FROM jobs j WHERE j.state = 'available' AND j.tenant_id > w.tenant_id
                    ORDER BY j.tenant_id LIMIT 1)
                FROM w WHERE w.tenant_id IS NOT NULL
            )
            SELECT tenant_id FROM (
                SELECT tenant_id, 0 AS part FROM (SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL LIMIT $2) a
                UNION ALL
                SELECT tenant_id, 1 AS part FROM (SELECT tenant_id FROM w WHERE tenant_id IS NOT NULL LIMIT $2) b
            ) u ORDER BY part, tenant_id
            """
        let after: UUID
        let limit: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(after)
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> UUID { try row.decode(UUID.self) }
    }

    /// A materialized CTE runs the locking SELECT exactly once; inside `id IN (…)` PostgreSQL may run it again per
    /// row, each time skipping the rows it just locked and so taking more than the LIMIT.
    fileprivate struct ClaimShares: PostgresPreparedStatement {
        static let sql = """
            WITH picked AS MATERIALIZED (
                SELECT c.id FROM unnest($1::uuid[]) AS t(tenant_id)
                CROSS JOIN LATERAL (
                    SELECT id FROM jobs WHERE jobs.tenant_id = t.tenant_id AND state = 'available'
                    ORDER BY priority DESC, run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
                ) c
            )
            UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = $3,
                lease_expires_at = $4, started_at = $5, updated_at = $5
            FROM picked WHERE jobs.id = picked.id
            RETURNING jobs.id, jobs.kind, jobs.tenant_id, jobs.payload, jobs.attempts, jobs.max_attempts
            """
        let tenants: [UUID]
        let share: Int
        let worker: String
        let expires: Date
        let now: Date

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(tenants)
            bindings.append(share)
            bindings.append(worker)
            bindings.append(expires)
            bindings.append(now)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> ClaimedJob {
            let (id, kind, tenantID, payload, attempts, maxAttempts) = try row.decode(
                (UUID, String, UUID, String, Int, Int).self)
            return ClaimedJob(
                id: id, kind: kind, tenantID: tenantID, payload: payload, attempts: attempts, maxAttempts: maxAttempts)
        }
    }

    fileprivate struct CompleteJobs: PostgresPreparedStatement {
        static let sql = """
            UPDATE jobs SET state = 'completed', finished_at = $1, updated_at = $1,
                lease_owner = NULL, lease_expires_at = NULL, last_error = NULL
            WHERE state = 'running' AND lease_owner = $2 AND id = ANY($3)
            """
        let ids: [UUID]
        let worker: String
        let now: Date

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(now)
            bindings.append(worker)
            bindings.append(ids)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }
}

extension PostgresDatabase {
    /// Runs a prepared statement on one of the pool's connections (prepared there on first use) and collects its rows.
    fileprivate func rows<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws
        -> [Statement.Row] where Statement.Row: Sendable
    {
        try await withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
    }
}
