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
        let due = try await Automation.query(on: db).filter(\.$enabled == true).filter(\.$nextFireAt != nil)
            .filter(\.$nextFireAt <= now).limit(200).all()
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
        let onTime = plan.missed == 1 && now.timeIntervalSince(latest) <= Self.grace
        let outcome: AutomationFire.Outcome = onTime ? .onTime : (policy == .runOnce ? .caughtUp : .skipped)
        let fire = AutomationFire(
            tenantID: automation.tenantID, automationID: try automation.requireID(), scheduledFor: latest, firedAt: now,
            outcome: outcome, missed: onTime ? 0 : plan.missed)
        let fanOut = try NewJob(
            kind: AutomationEngine.fanOutJobKind, tenantID: automation.tenantID,
            payload: ["fire_id": fire.requireID().uuidString],
            priority: 5, maxAttempts: 10, idempotencyKey: "fanout:\(try fire.requireID().uuidString)")
        let automationID = try automation.requireID()
        return try await db.writeTransaction { tx in
            do {
                try await fire.create(on: tx)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                return false
            }
            // Compare-and-set on the due time: a process holding a stale copy changes nothing.
            try await tx.sql.raw(
                """
                UPDATE automations SET next_fire_at = \(bind: plan.next), last_fire_for = \(bind: latest)
                WHERE id = \(bind: automationID) AND next_fire_at = \(bind: dueAt)
                """
            ).run()
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
