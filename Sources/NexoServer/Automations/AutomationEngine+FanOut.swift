import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

extension AutomationEngine {
    /// Contacts per batch job of a scheduled fire.
    static let fanOutBatchSize = 500

    /// What one fire's fan-out found: the contacts that match now, and the batch jobs queued for them.
    struct FanOut: Sendable, Equatable {
        var contacts: Int
        var batches: Int
    }

    /// Splits the contacts one scheduled fire reaches into ranges of `fanOutBatchSize` contact ids, in one
    /// set-based statement however many contacts the tenant has, and queues one batch job per range: a fire over a
    /// million contacts costs one ordered scan and a thousand small inserts here, and the runs are written by the
    /// workers, batch by batch, while the first ones already run. Safe to repeat: batch jobs are unique per fire and
    /// range start, runs per automation and key, run jobs per run.
    @discardableResult
    func fanOut(fireID: UUID, batchSize: Int = fanOutBatchSize) async throws -> FanOut {
        guard let query = try await FanOutQuery(fireID: fireID, engine: self) else { return FanOut(contacts: 0, batches: 0) }
        let rows = try await db.sql.raw(
            """
            \(query.recentRuns(range: nil))SELECT s.id, s.total FROM (
                SELECT c.id, row_number() OVER (ORDER BY c.id) AS n, count(*) OVER () AS total
                FROM contacts c WHERE \(query.matching(range: nil))
            ) s WHERE (s.n - 1) % \(unsafeRaw: String(max(1, batchSize))) = 0 ORDER BY s.id
            """
        ).all()
        let starts = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        let total = try rows.first?.decode(column: "total", as: Int.self) ?? 0
        var jobs: [NewJob] = []
        for (index, start) in starts.enumerated() {
            var payload = ["fire_id": fireID.uuidString, "from": start.uuidString]
            if index + 1 < starts.count { payload["to"] = starts[index + 1].uuidString }
            jobs.append(
                try NewJob(
                    kind: Self.fanOutBatchJobKind, tenantID: query.fire.tenantID, payload: payload, maxAttempts: 10,
                    idempotencyKey: "fanout:\(fireID.uuidString):\(start.uuidString)"))
        }
        let now = self.now
        let batchJobs = jobs
        try await db.writeTransaction { tx in
            try await app.nexo.jobQueue(on: tx).enqueue(batchJobs, now: now)
            try await AutomationFire.query(on: tx).filter(\.$id == fireID).set(\.$contacts, to: total).update()
        }
        try await app.nexo.jobQueue(on: db).announce()
        return FanOut(contacts: total, batches: starts.count)
    }

    /// Creates the runs of one fire for the matching contacts whose ids lie in `from..<to` (to the end when `to` is
    /// nil), and their jobs: two set-based statements. Conditions are checked again now, so a contact that stopped
    /// matching since the fan-out is left alone. Both statements commit together, and repeating them is harmless:
    /// runs are unique per automation and key, and the second statement queues every pending run of the range that
    /// has no job yet. Returns how many runs this call created.
    @discardableResult
    func fanOutBatch(fireID: UUID, from: UUID, to: UUID?) async throws -> Int {
        guard let query = try await FanOutQuery(fireID: fireID, engine: self) else { return 0 }
        let range = (from: from, to: to)
        let now = self.now
        // One transaction: on SQLite it takes its turn as the single writer once, not per statement.
        let created = try await db.writeTransaction { tx -> Int in
            let before = try await runs(fireID: fireID, range: range, on: tx)
            try await tx.sql.raw(
                """
                \(query.recentRuns(range: range))INSERT INTO automation_runs (id, tenant_id, automation_id, contact_id, trigger,
                    trigger_ref, fire_id, dedupe_key, state, step_index, created_at)
                SELECT \(query.newID), c.tenant_id, \(bind: query.automationID), c.id, \(bind: query.trigger),
                    \(bind: query.fire.scheduledFor.ISO8601Format()), \(bind: fireID), \(query.dedupeKey), 'pending', 0, \(bind: now)
                FROM contacts c
                WHERE \(query.matching(range: range))
                ON CONFLICT DO NOTHING
                """
            ).run()
            let created = try await runs(fireID: fireID, range: range, on: tx) - before
            let runText: SQLQueryString = query.postgres ? "upper(r.id::text)" : "r.id"
            let payload: SQLQueryString = "'{\"run_id\":\"' || \(runText) || '\"}'"
            try await tx.sql.raw(
                """
                INSERT INTO jobs (id, kind, tenant_id, payload, priority, state, run_at, attempts, max_attempts, idempotency_key,
                    created_at, updated_at)
                SELECT \(query.newID), \(bind: Self.runJobKind), r.tenant_id, \(payload), 0, 'available', \(bind: now), 0, 5,
                    'run:' || \(runText) || ':0:start', \(bind: now), \(bind: now)
                FROM automation_runs r
                WHERE r.fire_id = \(bind: fireID) AND r.contact_id >= \(bind: from)\(
                    to.map { " AND r.contact_id < \(bind: $0)" as SQLQueryString } ?? "") AND r.state = 'pending'
                ON CONFLICT DO NOTHING
                """
            ).run()
            return created
        }
        try await app.nexo.jobQueue(on: db).announce()
        return created
    }

    private func runs(fireID: UUID, range: (from: UUID, to: UUID?), on db: any Database) async throws -> Int {
        var query = AutomationRun.query(on: db).filter(\.$fireID == fireID).filter(\.$contactID >= range.from)
        if let to = range.to { query = query.filter(\.$contactID < to) }
        return try await query.count()
    }
}

/// The SQL pieces that select the contacts one scheduled fire reaches, shared by the fan-out and its batches.
private struct FanOutQuery: Sendable {
    let fire: AutomationFire
    let automationID: UUID
    let definition: AutomationDefinition
    let zone: TimeZone
    let now: Date
    let postgres: Bool

    init?(fireID: UUID, engine: AutomationEngine) async throws {
        let db = engine.db
        guard let fire = try await AutomationFire.find(fireID, on: db),
            let automation = try await Automation.find(fire.automationID, on: db),
            let tenant = try await Tenant.find(fire.tenantID, on: db)
        else { return nil }
        self.fire = fire
        self.automationID = try automation.requireID()
        self.definition = try automation.definition
        self.zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        self.now = engine.now
        self.postgres = db.sql.dialect.name == "postgresql"
    }

    var trigger: String { fire.outcome == .caughtUp ? "schedule (caught up)" : "schedule" }

    var newID: SQLQueryString {
        postgres
            ? "gen_random_uuid()"
            : """
            upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || \
            substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
            """
    }

    /// Keys spell ids in capitals, as Swift's uuidString does, so a key made here and one made by an event for the
    /// same contact are the same key on both databases.
    var dedupeKey: SQLQueryString {
        let contactText: SQLQueryString = postgres ? "upper(c.id::text)" : "c.id"
        let fireID = fire.id?.uuidString ?? ""
        switch definition.reentry {
        case .once: return "'contact:' || \(contactText)"
        case .oncePerYear:
            return "'contact:' || \(contactText) || ':\(unsafeRaw: String(ConditionSQL.ymd(now, in: zone).0))'"
        case .afterDays, .always: return "'fire:\(unsafeRaw: fireID):' || \(contactText)"
        }
    }

    private var recentSince: Date? {
        guard case .afterDays(let days) = definition.reentry else { return nil }
        return now.addingTimeInterval(-TimeInterval(days) * 86_400)
    }

    private func contactRange(_ column: String, _ range: (from: UUID, to: UUID?)?) -> SQLQueryString {
        guard let range else { return "" }
        var clause: SQLQueryString = " AND \(unsafeRaw: column) >= \(bind: range.from)"
        if let to = range.to { clause = clause + " AND \(unsafeRaw: column) < \(bind: to)" }
        return clause
    }

    /// On PostgreSQL the runs of the last days are read once, before the insert. As a correlated NOT EXISTS
    /// PostgreSQL may plan a scan of automation_runs per contact (when the table looks small), and that scan also
    /// walks the pages the very statement appends: quadratic (40,000 runs took 20 s instead of 1).
    func recentRuns(range: (from: UUID, to: UUID?)?) -> SQLQueryString {
        guard postgres, let since = recentSince else { return "" }
        return """
            WITH recent AS MATERIALIZED (SELECT p.contact_id FROM automation_runs p \
            WHERE p.tenant_id = \(bind: fire.tenantID)\(contactRange("p.contact_id", range)) \
            AND p.automation_id = \(bind: automationID) AND p.state <> 'skipped' AND p.created_at > \(bind: since))

            """
    }

    /// The contacts (alias `c`) of the fire's tenant that match the conditions now and that the re-entry rule lets in.
    func matching(range: (from: UUID, to: UUID?)?) -> SQLQueryString {
        let predicate = ConditionSQL(now: now, tenantZone: zone).predicate(definition.conditions)
        // A batch reads a narrow range of ids: on SQLite, `+` keeps the planner off the tenant's indexes (which would
        // walk every contact of the tenant for each batch) and on the primary key's range.
        let tenant: SQLQueryString = range != nil && !postgres ? "+c.tenant_id" : "c.tenant_id"
        var clause: SQLQueryString = "\(tenant) = \(bind: fire.tenantID)\(contactRange("c.id", range)) AND (\(predicate))"
        if let since = recentSince {
            if postgres {
                clause = clause + " AND NOT EXISTS (SELECT 1 FROM recent WHERE recent.contact_id = c.id)"
            } else {
                clause =
                    clause + """
                         AND NOT EXISTS (SELECT 1 FROM automation_runs p WHERE p.tenant_id = c.tenant_id \
                        AND p.contact_id = c.id AND p.automation_id = \(bind: automationID) AND p.state <> 'skipped' \
                        AND p.created_at > \(bind: since))
                        """
            }
        }
        return clause
    }
}
