import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// Starts automation runs (from domain events and scheduled fires) and carries them through their steps.
struct AutomationEngine: Sendable {
    let app: Application

    var db: any Database { app.db }
    var now: Date { app.nexo.clock.now }

    static let runJobKind = "automations.run"
    static let fanOutJobKind = "automations.fan_out"
    static let fanOutBatchJobKind = "automations.fan_out_batch"

    // MARK: - Events

    /// Dispatches pending domain events to every subscriber, automations included (see `EventDispatcher`).
    @discardableResult
    func dispatchPendingEvents(batch: Int = 500) async throws -> Int {
        try await EventDispatcher(app: app).dispatchPending(batch: batch)
    }

    /// Starts the runs of the automations listening for each event. Events caused by an automation's own steps start
    /// nothing (no loops). Returns the events to offer again (a start failed for a transient reason).
    func handle(_ events: [DomainEvent]) async throws -> Set<UUID> {
        guard !events.isEmpty else { return [] }
        let tenants = Array(Set(events.map(\.tenantID)))
        let types = Array(Set(events.map(\.type)))
        let listeners = try await Automation.query(on: db).filter(\.$tenantID ~~ tenants).filter(\.$eventType ~~ types)
            .filter(\.$enabled == true).all()
        let byKey = Dictionary(grouping: listeners) { "\($0.tenantID.uuidString)|\($0.eventType ?? "")" }
        // A suspended or banned business's events start nothing.
        let inactive = Set(
            try await Tenant.query(on: db).filter(\.$id ~~ tenants).filter(\.$status ~~ [.suspended, .banned]).all()
                .compactMap(\.id))
        var retryLater: Set<UUID> = []
        for event in events {
            if event.type == "contact.deleted" {
                // An erased contact leaves no runs, deliveries or stored messages behind.
                try await AutomationRun.query(on: db).filter(\.$tenantID == event.tenantID)
                    .filter(\.$contactID == event.entityID).delete()
                try await EmailService.forget(contactID: event.entityID, tenantID: event.tenantID, on: db)
                continue
            }
            guard event.causedBy == nil, !inactive.contains(event.tenantID) else { continue }
            for automation in byKey["\(event.tenantID.uuidString)|\(event.type)"] ?? [] {
                do {
                    try await start(
                        automation, contactID: event.entityID, trigger: "event:\(event.type)",
                        triggerRef: event.id?.uuidString, triggerKey: "event:\(event.id?.uuidString ?? "")")
                } catch is DecodingError {
                    // A definition that cannot be read will not be readable next time either.
                    app.logger.error("automation \(automation.id?.uuidString ?? "") has an unreadable definition")
                } catch {
                    // Busy database, lost connection: the event stays undispatched and is tried again; starting is
                    // idempotent (one run per automation and key).
                    app.logger.warning(
                        "starting an automation run failed; will retry",
                        metadata: [
                            "automation": .string(automation.id?.uuidString ?? ""), "error": .string(String(reflecting: error)),
                        ])
                    if let id = event.id { retryLater.insert(id) }
                }
            }
        }
        return retryLater
    }

    /// Starts one run for one contact if the conditions and the re-entry rule allow it. Returns the run, or nil
    /// (conditions not met, already ran, contact gone).
    @discardableResult
    func start(
        _ automation: Automation, contactID: UUID, trigger: String, triggerRef: String?, triggerKey: String
    ) async throws -> AutomationRun? {
        let automationID = try automation.requireID()
        guard let tenant = try await Tenant.find(automation.tenantID, on: db),
            let contact = try await Contact.query(on: db).filter(\.$tenantID == automation.tenantID)
                .filter(\.$id == contactID).first()
        else { return nil }
        let definition = try automation.definition
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        guard definition.conditions.matches(Self.facts(of: contact), now: now, tenantZone: zone) else { return nil }
        if case .afterDays(let days) = definition.reentry,
            try await AutomationRun.query(on: db).filter(\.$tenantID == automation.tenantID)
                .filter(\.$automationID == automationID).filter(\.$contactID == contactID)
                .filter(\.$state != .skipped).filter(\.$createdAt > now.addingTimeInterval(-TimeInterval(days) * 86_400))
                .first() != nil
        {
            return nil
        }
        let run = AutomationRun(
            tenantID: automation.tenantID, automationID: automationID, contactID: contactID, trigger: trigger,
            triggerRef: triggerRef,
            dedupeKey: Self.dedupeKey(definition.reentry, contactID: contactID, triggerKey: triggerKey, now: now, zone: zone),
            now: now)
        let now = self.now
        let created = try await db.writeTransaction { tx -> Bool in
            do {
                try await run.create(on: tx)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                return false
            }
            try await app.nexo.jobQueue(on: tx).enqueue(try Self.runJob(run), now: now)
            return true
        }
        return created ? run : nil
    }

    /// The key that makes the re-entry rule hold: one run per automation and key.
    static func dedupeKey(_ reentry: Reentry, contactID: UUID, triggerKey: String, now: Date, zone: TimeZone) -> String {
        switch reentry {
        case .once: return "contact:\(contactID.uuidString)"
        case .oncePerYear: return "contact:\(contactID.uuidString):\(ConditionSQL.ymd(now, in: zone).0)"
        case .afterDays, .always: return "\(triggerKey):\(contactID.uuidString)"
        }
    }

    /// The job that carries a run on from its current step. `purpose` keeps the keys of a start, each resume
    /// after a wait and each retry apart.
    static func runJob(_ run: AutomationRun, at runAt: Date? = nil, purpose: String = "start") throws -> NewJob {
        let id = try run.requireID()
        return try NewJob(
            kind: runJobKind, tenantID: run.tenantID, payload: ["run_id": id.uuidString], runAt: runAt, maxAttempts: 5,
            idempotencyKey: "run:\(id.uuidString):\(run.stepIndex):\(purpose)")
    }

    static func facts(of contact: Contact) -> ContactFacts {
        let values = contact.values
        let zone: TimeZone? =
            if case .string(let identifier) = values.metadata["time_zone"] { TimeZone(identifier: identifier) } else { nil }
        return ContactFacts(
            values: values, createdAt: contact.createdAt, lastInteractionAt: contact.lastInteractionAt, timeZone: zone)
    }
}
