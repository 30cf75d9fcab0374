import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// Wires outbound webhooks into the process: each domain event becomes one delivery per subscription listening for
/// it, sent by a job with retries for more than a day.
enum OutboundWebhooks {
    static func register(on app: Application) {
        app.nexo.jobs.register(WebhookSubscriptionDeliveryJob())
        app.nexo.eventSubscribers.register(OutboundWebhookSubscriber())
    }

    /// The JSON a receiver gets: the event's id, type, time and business, and the event's own payload as `data`.
    static func body(for event: DomainEvent) throws -> String {
        let formatter = ISO8601DateFormatter()
        return JSONValue.object([
            "id": .string(try event.requireID().uuidString),
            "type": .string(event.type),
            "created_at": .string(formatter.string(from: event.occurredAt)),
            "business_id": .string(event.tenantID.uuidString),
            "data": JSONValue.parse(event.payload) ?? .null,
        ]).jsonText
    }
}

/// Queues a delivery for every enabled subscription that listens for an event. Offered again, an event queues
/// nothing new: one delivery per subscription and event (a unique index), one job per delivery (its key).
struct OutboundWebhookSubscriber: DomainEventSubscriber {
    func handle(_ events: [DomainEvent], app: Application) async throws -> Set<UUID> {
        let tenants = Array(Set(events.map(\.tenantID)))
        let subscriptions = try await WebhookSubscription.query(on: app.db).filter(\.$tenantID ~~ tenants)
            .filter(\.$enabled == true).all()
        guard !subscriptions.isEmpty else { return [] }
        let byTenant = Dictionary(grouping: subscriptions, by: \.tenantID)
        let now = app.nexo.clock.now
        try await app.db.writeTransaction { tx in
            var jobs: [NewJob] = []
            for event in events {
                let eventID = try event.requireID()
                let listening = (byTenant[event.tenantID] ?? []).filter { $0.listens(to: event.type) }
                guard !listening.isEmpty else { continue }
                let body = try OutboundWebhooks.body(for: event)
                for subscription in listening {
                    let deliveryID = UUID()
                    let inserted = try await tx.sql.insert(into: WebhookSubscriptionDelivery.schema)
                        .columns(
                            "id", "tenant_id", "subscription_id", "event_id", "event_type", "body", "state", "attempts",
                            "created_at"
                        )
                        .values(
                            SQLBind(deliveryID), SQLBind(event.tenantID), SQLBind(try subscription.requireID()),
                            SQLBind(eventID), SQLBind(event.type), SQLBind(body),
                            SQLBind(WebhookSubscriptionDelivery.State.pending.rawValue), SQLBind(0), SQLBind(now)
                        )
                        .ignoringConflicts(with: ["subscription_id", "event_id"])
                        .returning("id").all()
                    guard !inserted.isEmpty else { continue }
                    jobs.append(
                        try NewJob(
                            kind: WebhookSubscriptionDeliveryJob.kind, tenantID: event.tenantID,
                            payload: ["delivery_id": deliveryID], maxAttempts: WebhookSubscriptionDeliveryJob.maxAttempts,
                            idempotencyKey: "webhook-out:\(deliveryID.uuidString)"))
                }
            }
            try await app.nexo.jobQueue(on: tx).enqueue(jobs, now: now)
        }
        return []
    }
}
