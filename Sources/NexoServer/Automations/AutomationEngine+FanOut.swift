import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

extension AutomationEngine {
    /// Creates the runs of one scheduled fire for every matching contact, and their jobs, in two set-based
    /// statements however many contacts the tenant has. Safe to repeat: runs are unique per automation and key,
    /// jobs per run. Returns how many runs this call created.
    @discardableResult
    func fanOut(fireID: UUID) async throws -> Int {
        guard let fire = try await AutomationFire.find(fireID, on: db),
            let automation = try await Automation.find(fire.automationID, on: db),
            let tenant = try await Tenant.find(fire.tenantID, on: db)
        else { return 0 }
        let definition = try automation.definition
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        let automationID = try automation.requireID()
        let now = self.now
        let sql = db.sql
        let postgres = sql.dialect.name == "postgresql"
        let newID: SQLQueryString =
            postgres
            ? "gen_random_uuid()"
            : """
            upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || \
            substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
            """
        // Keys spell ids in capitals, as Swift's uuidString does, so a key made here and one made by an event for the
        // same contact are the same key on both databases.
        let contactText: SQLQueryString = postgres ? "upper(c.id::text)" : "c.id"
        let runText: SQLQueryString = postgres ? "upper(r.id::text)" : "r.id"
        let key: SQLQueryString
        switch definition.reentry {
        case .once: key = "'contact:' || \(contactText)"
        case .oncePerYear: key = "'contact:' || \(contactText) || ':\(unsafeRaw: String(ConditionSQL.ymd(now, in: zone).0))'"
        case .afterDays, .always: key = "'fire:\(unsafeRaw: fireID.uuidString):' || \(contactText)"
        }
        var recentRuns: SQLQueryString = ""
        var guardClause: SQLQueryString = ""
        if case .afterDays(let days) = definition.reentry {
            let since = now.addingTimeInterval(-TimeInterval(days) * 86_400)
            if postgres {
                // Read once, before the insert. As a correlated NOT EXISTS PostgreSQL may plan a scan of
                // automation_runs per contact (when the table looks small), and that scan also walks the pages this
                // very statement appends: quadratic (40,000 runs took 20 s instead of 1).
                recentRuns = """
                    WITH recent AS MATERIALIZED (SELECT p.contact_id FROM automation_runs p \
                    WHERE p.tenant_id = \(bind: fire.tenantID) AND p.automation_id = \(bind: automationID) \
                    AND p.state <> 'skipped' AND p.created_at > \(bind: since))

                    """
                guardClause = " AND NOT EXISTS (SELECT 1 FROM recent WHERE recent.contact_id = c.id)"
            } else {
                guardClause = """
                     AND NOT EXISTS (SELECT 1 FROM automation_runs p WHERE p.tenant_id = c.tenant_id \
                    AND p.contact_id = c.id AND p.automation_id = \(bind: automationID) AND p.state <> 'skipped' \
                    AND p.created_at > \(bind: since))
                    """
            }
        }
        let predicate = ConditionSQL(now: now, tenantZone: zone).predicate(definition.conditions)
        let trigger = fire.outcome == .caughtUp ? "schedule (caught up)" : "schedule"
        try await sql.raw(
            """
            \(recentRuns)INSERT INTO automation_runs (id, tenant_id, automation_id, contact_id, trigger, trigger_ref, fire_id, dedupe_key,
                state, step_index, created_at)
            SELECT \(newID), c.tenant_id, \(bind: automationID), c.id, \(bind: trigger), \(bind: fire.scheduledFor.ISO8601Format()),
                \(bind: fireID), \(key), 'pending', 0, \(bind: now)
            FROM contacts c
            WHERE c.tenant_id = \(bind: fire.tenantID) AND (\(predicate))\(guardClause)
            ON CONFLICT DO NOTHING
            """
        ).run()
        // Counted, not returned: a million ids need not travel to this process.
        let created = try await AutomationRun.query(on: db).filter(\.$fireID == fireID).count()
        let payload: SQLQueryString = "'{\"run_id\":\"' || \(runText) || '\"}'"
        try await sql.raw(
            """
            INSERT INTO jobs (id, kind, tenant_id, payload, priority, state, run_at, attempts, max_attempts, idempotency_key,
                created_at, updated_at)
            SELECT \(newID), \(bind: Self.runJobKind), r.tenant_id, \(payload), 0, 'available', \(bind: now), 0, 5,
                'run:' || \(runText) || ':0:start', \(bind: now), \(bind: now)
            FROM automation_runs r
            WHERE r.fire_id = \(bind: fireID) AND r.state = 'pending'
            ON CONFLICT DO NOTHING
            """
        ).run()
        try await AutomationFire.query(on: db).filter(\.$id == fireID).set(\.$contacts, to: created).update()
        try await app.nexo.jobQueue(on: db).announce()
        return created
    }
}
