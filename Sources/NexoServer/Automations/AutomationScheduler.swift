import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// Fires scheduled automations at their times in each tenant's zone, exactly once per scheduled time however
/// many processes race (a unique row per automation and time), and catches up after downtime by each
/// automation's policy, recording what it did.
struct AutomationScheduler: Sendable {
    let app: Application

    /// A fire found this late still counts as on time (a slow tick, a short restart).
    static let grace: TimeInterval = 300

    var db: any Database { app.db }
    var now: Date { app.nexo.clock.now }

    /// Fires every due automation. Returns how many fires (or skips) it recorded.
    @discardableResult
    func tick() async throws -> Int {
        // A suspended or banned business's schedules wait; their times are caught up by policy if it returns.
        let due = try await Automation.query(on: db).join(Tenant.self, on: \Automation.$tenantID == \Tenant.$id)
            .filter(Tenant.self, \.$status !~ [.suspended, .banned])
            .filter(\.$enabled == true).filter(\.$nextFireAt != nil).filter(\.$nextFireAt <= now).limit(200).all()
        var recorded = 0
        for automation in due {
            do {
                if try await fire(automation) { recorded += 1 }
            } catch {
                app.logger.warning(
                    "firing a scheduled automation failed",
                    metadata: [
                        "automation": .string(automation.id?.uuidString ?? ""), "error": .string(String(reflecting: error)),
                    ])
            }
        }
        return recorded
    }

    /// Records the due fire of one automation and advances its next time, in one transaction guarded by the
    /// unique (automation, scheduled time) row. False when another process got there first.
    func fire(_ automation: Automation) async throws -> Bool {
        guard let tenant = try await Tenant.find(automation.tenantID, on: db),
            case .schedule(let schedule, let policy) = try automation.definition.trigger,
            let dueAt = automation.nextFireAt
        else { return false }
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        let now = self.now
        let plan = ScheduleCatchUp.plan(
            schedule: schedule, zone: zone, lastScheduledFire: automation.lastFireFor,
            createdAt: dueAt.addingTimeInterval(-1), now: now, policy: policy)
        guard let latest = plan.latestMissed else {
            try await Automation.query(on: db).filter(\.$id == automation.requireID()).set(\.$nextFireAt, to: plan.next).update()
            return false
        }
        // The latest due time counts as on time when it is recent, whatever happened before it (a short outage);
        // the times before it were missed.
        let onTime = now.timeIntervalSince(latest) <= Self.grace
        let missed = onTime ? plan.missed - 1 : plan.missed
        let outcome: AutomationFire.Outcome = onTime ? .onTime : (policy == .runOnce ? .caughtUp : .skipped)
        let fireID = UUID()
        let fanOut = try NewJob(
            kind: AutomationEngine.fanOutJobKind, tenantID: automation.tenantID, payload: ["fire_id": fireID.uuidString],
            priority: 5, maxAttempts: 10, idempotencyKey: "fanout:\(fireID.uuidString)")
        let automationID = try automation.requireID()
        let tenantID = automation.tenantID
        return try await db.writeTransaction { tx in
            // Compare-and-set on the due time first: a process holding a stale copy changes nothing.
            let advanced = try await tx.sql.raw(
                """
                UPDATE automations SET next_fire_at = \(bind: plan.next), last_fire_for = \(bind: latest)
                WHERE id = \(bind: automationID) AND next_fire_at = \(bind: dueAt)
                RETURNING id
                """
            ).all()
            guard !advanced.isEmpty else { return false }
            // One row per automation and scheduled time: the second of two racing schedulers inserts nothing.
            let inserted = try await tx.sql.raw(
                """
                INSERT INTO automation_fires (id, tenant_id, automation_id, scheduled_for, fired_at, outcome, missed)
                VALUES (\(bind: fireID), \(bind: tenantID), \(bind: automationID), \(bind: latest), \(bind: now),
                    \(bind: outcome.rawValue), \(bind: missed))
                ON CONFLICT (automation_id, scheduled_for) DO NOTHING
                RETURNING id
                """
            ).all()
            guard !inserted.isEmpty else { return false }
            if outcome != .skipped { try await app.nexo.jobQueue(on: tx).enqueue(fanOut, now: now) }
            return true
        }
    }

    /// The next fire after now, for an automation just enabled or edited.
    static func nextFire(for automation: Automation, tenant: Tenant, after now: Date) throws -> Date? {
        guard automation.enabled, let schedule = try automation.definition.trigger.schedule else { return nil }
        return schedule.nextFire(after: now, in: TimeZone(identifier: tenant.timeZone) ?? .gmt)
    }
}
