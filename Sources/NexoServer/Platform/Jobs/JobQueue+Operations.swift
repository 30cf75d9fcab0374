import Foundation
import SQLKit

/// What operators do with jobs: look, retry, cancel, count.
extension JobQueue {
    func list(_ filter: JobFilter) async throws -> [JobSummary] {
        let query = db.sql.select().columns(JobSummary.columns.map { SQLColumn($0) }).from("jobs")
        apply(filter, to: query)
        if let before = filter.before {
            query.where {
                $0.where("created_at", .lessThan, before.earliest)
                    .orWhere {
                        $0.where("created_at", .greaterThanOrEqual, before.earliest)
                            .where("created_at", .lessThanOrEqual, before.latest).where("id", .lessThan, before.id)
                    }
            }
        }
        return try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(filter.limit).all()
            .map(JobSummary.init(row:))
    }

    func find(_ id: UUID, tenantID: UUID?) async throws -> JobSummary? {
        let query = db.sql.select().columns(JobSummary.columns.map { SQLColumn($0) }).from("jobs").where("id", .equal, id)
        if let tenantID { query.where("tenant_id", .equal, tenantID) }
        return try await query.first().map(JobSummary.init(row:))
    }

    /// Counts per state, for the page header and `nexo jobs stats`.
    func counts(tenantID: UUID?) async throws -> [String: Int] {
        let query = db.sql.select().column("state").column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("jobs")
        if let tenantID { query.where("tenant_id", .equal, tenantID) }
        var counts: [String: Int] = [:]
        for row in try await query.groupBy("state").all() {
            counts[try row.decode(column: "state", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Makes dead, cancelled or waiting-to-retry jobs ready again now, with a fresh set of attempts.
    @discardableResult
    func retry(ids: [UUID], tenantID: UUID?, now: Date = .nexoNow) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let tenantClause: SQLQueryString = tenantID.map { " AND tenant_id = \(bind: $0)" } ?? ""
        let rows = try await db.sql.raw(
            """
            UPDATE jobs SET state = 'available', run_at = \(bind: now), attempts = 0, finished_at = NULL,
                updated_at = \(bind: now)
            WHERE state IN ('dead', 'cancelled', 'retryable')
                AND id IN (\(SQLList(ids.map { SQLBind($0) })))\(tenantClause)
            RETURNING id
            """
        ).all()
        if !rows.isEmpty { try await announce() }
        return rows.count
    }

    /// Retries every job matching the filter's state and kind (e.g. all dead e-mail jobs after fixing the provider).
    @discardableResult
    func retryAll(_ filter: JobFilter, now: Date = .nexoNow) async throws -> Int {
        guard let state = filter.state, state.isRetryable else { return 0 }
        var total = 0
        var page = filter
        page.limit = 1000
        page.before = nil
        while true {
            let batch = try await list(page).filter { $0.state == state.rawValue }
            if batch.isEmpty { return total }
            total += try await retry(ids: batch.map(\.id), tenantID: filter.tenantID, now: now)
            if batch.count < page.limit { return total }
        }
    }

    /// Cancels jobs that have not started. A running job cannot be cancelled; it finishes or fails on its own.
    @discardableResult
    func cancel(ids: [UUID], tenantID: UUID?, now: Date = .nexoNow) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let tenantClause: SQLQueryString = tenantID.map { " AND tenant_id = \(bind: $0)" } ?? ""
        return try await db.sql.raw(
            """
            UPDATE jobs SET state = 'cancelled', finished_at = \(bind: now), updated_at = \(bind: now)
            WHERE state IN ('scheduled', 'available', 'retryable')
                AND id IN (\(SQLList(ids.map { SQLBind($0) })))\(tenantClause)
            RETURNING id
            """
        ).all().count
    }

    /// A business's share of the queue, for operators: what waits, runs and died, per tenant.
    struct Backlog: Sendable {
        let tenantID: UUID
        let waiting: Int
        let running: Int
        let dead: Int
    }

    /// The businesses with the most work waiting (then running, then dead), at most `limit`.
    func backlog(limit: Int = 10) async throws -> [Backlog] {
        try await db.sql.raw(
            """
            SELECT tenant_id,
                sum(CASE WHEN state IN ('scheduled', 'available', 'retryable') THEN 1 ELSE 0 END) AS waiting,
                sum(CASE WHEN state = 'running' THEN 1 ELSE 0 END) AS running,
                sum(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) AS dead
            FROM jobs WHERE state IN ('scheduled', 'available', 'retryable', 'running', 'dead')
            GROUP BY tenant_id ORDER BY waiting DESC, running DESC, dead DESC LIMIT \(bind: limit)
            """
        ).all().map {
            Backlog(
                tenantID: try $0.decode(column: "tenant_id", as: UUID.self),
                waiting: try $0.decode(column: "waiting", as: Int.self), running: try $0.decode(column: "running", as: Int.self),
                dead: try $0.decode(column: "dead", as: Int.self))
        }
    }

    private func apply(_ filter: JobFilter, to query: SQLSelectBuilder) {
        if let tenantID = filter.tenantID { query.where("tenant_id", .equal, tenantID) }
        if let state = filter.state { query.where("state", .equal, state.rawValue) }
        if let kind = filter.kind { query.where("kind", .equal, kind) }
    }
}
