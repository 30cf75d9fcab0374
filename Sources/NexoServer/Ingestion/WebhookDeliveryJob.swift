import Fluent
import Foundation
import NexoCore
import Vapor

/// Turns one accepted webhook delivery into a contact: maps it again with the source's mapping, upserts the contact
/// like an imported row, records `webhook.received` (with the payload, for automations and outbound webhooks) and
/// a timeline entry. An event id the source already delivered changes nothing.
struct WebhookDeliveryJob: JobHandler {
    static let kind = "webhooks.receive"
    var kind: String { Self.kind }

    struct Payload: Decodable { let delivery_id: UUID }

    /// Leaves the transaction without its writes (the event-id claim included) when the row cannot be stored.
    private struct Rejected: Error { let problems: [ImportProblem] }

    struct ReceivedEvent: Encodable {
        let source: [String: String]
        let deliveryID: UUID
        let eventID: String?
        let outcome: String
        let payload: JSONValue

        enum CodingKeys: String, CodingKey {
            case source, outcome, payload
            case deliveryID = "delivery_id"
            case eventID = "event_id"
        }
    }

    func run(_ job: ClaimedJob, app: Application) async throws {
        let id = try job.decode(Payload.self).delivery_id
        guard
            let delivery = try await WebhookDelivery.query(on: app.db).filter(\.$id == id)
                .filter(\.$tenantID == job.tenantID).first(),
            delivery.state == .queued,
            let source = try await WebhookSource.query(on: app.db).filter(\.$id == delivery.sourceID)
                .filter(\.$tenantID == job.tenantID).first(),
            let tenant = try await Tenant.find(job.tenantID, on: app.db)
        else { return }
        let now = app.nexo.clock.now
        let sourceID = try source.requireID()
        guard let payload = delivery.payload.flatMap(JSONValue.parse) else {
            delivery.state = .failed
            delivery.error = "The stored payload is not JSON any more."
            delivery.processedAt = now
            try await delivery.update(on: app.db)
            return
        }
        let context = try TenantContext(tenant: tenant, actor: .system("Webhook “\(source.name)”"), role: .owner)
        switch source.mapping.evaluate(payload, options: InboundWebhooks.options(for: tenant, now: now)) {
        case .filteredOut(let reason):
            delivery.state = .ignored
            delivery.error = reason
            delivery.errorCode = "webhook.filtered"
        case .unusable(let problems):
            delivery.reject(problems)
        case .accepted(let row, let eventID, _):
            do {
                try await app.db.writeTransaction { tx in
                    if let eventID,
                        try await !Effects.claim("webhook:\(sourceID.uuidString):\(eventID)", tenantID: job.tenantID, on: tx)
                    {
                        delivery.state = .duplicate
                        delivery.eventID = eventID
                        delivery.processedAt = now
                        try await delivery.update(on: tx)
                        return
                    }
                    let service = ContactService(db: tx, context: context)
                    let (outcome, contact) = try await service.importRow(row, source: "webhook", on: tx)
                    let name: String
                    switch outcome {
                    case .rejected(let problems): throw Rejected(problems: problems)
                    case .created: name = "created"
                    case .updated: name = "updated"
                    case .unchanged: name = "unchanged"
                    }
                    guard let contactID = contact?.id else {
                        throw Rejected(problems: [
                            ImportProblem(code: "webhook.no_contact", message: "The contact could not be stored.")
                        ])
                    }
                    delivery.state = .accepted
                    delivery.contactID = contactID
                    delivery.outcome = name
                    delivery.processedAt = now
                    try await delivery.update(on: tx)
                    try await Interaction(
                        tenantID: job.tenantID, contactID: contactID, type: "webhook_received", channel: "webhook",
                        summary: source.name, actorLabel: context.actor.label, occurredAt: now
                    ).create(on: tx)
                    try await DomainEvents.record(
                        "webhook.received", tenantID: job.tenantID, entityID: contactID,
                        payload: ReceivedEvent(
                            source: ["id": sourceID.uuidString, "name": source.name], deliveryID: id, eventID: eventID,
                            outcome: name, payload: payload),
                        on: tx, at: now)
                }
                return
            } catch let rejected as Rejected {
                delivery.reject(rejected.problems)
            }
        }
        delivery.processedAt = now
        try await delivery.update(on: app.db)
    }
}
