import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// Turns one accepted webhook delivery into a contact: maps it again with the source's mapping, upserts the contact
/// like an imported row, records `webhook.received` (with the payload, for automations and outbound webhooks) and
/// a timeline entry. An event id the source already delivered changes nothing. Reads and writes its own rows through
/// SQLKit: it runs once per delivery, at the rate systems send.
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

    /// The delivery and what it needs of its source.
    private struct Pending: Decodable {
        let state: WebhookDelivery.State
        let payload: String?
        let sourceID: UUID
        let name: String
        let mapping: String

        enum CodingKeys: String, CodingKey {
            case state, payload, name, mapping
            case sourceID = "source_id"
        }
    }

    func run(_ job: ClaimedJob, app: Application) async throws {
        let id = try job.decode(Payload.self).delivery_id
        guard
            let pending = try await app.db.sql.select()
                .columns(
                    SQLColumn("state", table: "d"), SQLColumn("payload", table: "d"), SQLColumn("source_id", table: "d"),
                    SQLColumn("name", table: "s"), SQLColumn("mapping", table: "s")
                )
                .from(SQLAlias(SQLIdentifier(WebhookDelivery.schema), as: SQLIdentifier("d")))
                .join(
                    SQLAlias(SQLIdentifier(WebhookSource.schema), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                    on: SQLColumn("id", table: "s"), .equal, SQLColumn("source_id", table: "d")
                )
                .where(SQLColumn("id", table: "d"), .equal, SQLBind(id))
                .where(SQLColumn("tenant_id", table: "d"), .equal, SQLBind(job.tenantID))
                .first(decoding: Pending.self),
            pending.state == .queued,
            let tenant = try await Tenant.find(job.tenantID, on: app.db)
        else { return }
        let now = app.nexo.clock.now
        guard let payload = pending.payload.flatMap(JSONValue.parse) else {
            try await finish(id, .failed, error: "The stored payload is not JSON any more.", at: now, on: app.db)
            return
        }
        let mapping =
            (try? JSONDecoder().decode(WebhookMapping.self, from: Data(pending.mapping.utf8))) ?? WebhookMapping()
        let context = try TenantContext(tenant: tenant, actor: .system("Webhook “\(pending.name)”"), role: .owner)
        switch mapping.evaluate(payload, options: InboundWebhooks.options(for: tenant, now: now)) {
        case .filteredOut(let reason):
            try await finish(id, .ignored, error: reason, code: "webhook.filtered", at: now, on: app.db)
        case .unusable(let problems):
            try await reject(id, problems, at: now, on: app.db)
        case .accepted(let row, let eventID, _):
            do {
                try await app.db.writeTransaction { tx in
                    if let eventID,
                        try await !Effects.claim(
                            "webhook:\(pending.sourceID.uuidString):\(eventID)", tenantID: job.tenantID, on: tx)
                    {
                        try await finish(id, .duplicate, eventID: eventID, at: now, on: tx)
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
                    try await finish(id, .accepted, contactID: contactID, outcome: name, at: now, on: tx)
                    try await tx.sql.insert(into: Interaction.schema)
                        .columns(
                            "id", "tenant_id", "contact_id", "type", "channel", "summary", "data", "actor_label",
                            "occurred_at"
                        )
                        .values(
                            SQLBind(UUID()), SQLBind(job.tenantID), SQLBind(contactID), SQLBind("webhook_received"),
                            SQLBind("webhook"), SQLBind(pending.name), SQLBind("{}"), SQLBind(context.actor.label),
                            SQLBind(now)
                        )
                        .run()
                    try await DomainEvents.record(
                        "webhook.received", tenantID: job.tenantID, entityID: contactID,
                        payload: ReceivedEvent(
                            source: ["id": pending.sourceID.uuidString, "name": pending.name], deliveryID: id,
                            eventID: eventID, outcome: name, payload: payload),
                        on: tx, at: now)
                }
            } catch let rejected as Rejected {
                try await reject(id, rejected.problems, at: now, on: app.db)
            }
        }
    }

    private func finish(
        _ id: UUID, _ state: WebhookDelivery.State, eventID: String? = nil, contactID: UUID? = nil,
        outcome: String? = nil, error: String? = nil, code: String? = nil, problems: String? = nil, at now: Date,
        on db: any Database
    ) async throws {
        var update = db.sql.update(WebhookDelivery.schema).set("state", to: SQLBind(state.rawValue))
            .set("processed_at", to: SQLBind(now))
        if let eventID { update = update.set("event_id", to: SQLBind(eventID)) }
        if let contactID { update = update.set("contact_id", to: SQLBind(contactID)) }
        if let outcome { update = update.set("outcome", to: SQLBind(outcome)) }
        if let error { update = update.set("error", to: SQLBind(error)) }
        if let code { update = update.set("error_code", to: SQLBind(code)) }
        if let problems { update = update.set("problems", to: SQLBind(problems)) }
        try await update.where("id", .equal, SQLBind(id)).run()
    }

    private func reject(_ id: UUID, _ problems: [ImportProblem], at now: Date, on db: any Database) async throws {
        try await finish(
            id, .rejected, error: problems.map(\.message).joined(separator: " "), code: problems.first?.code,
            problems: String(decoding: try JSONEncoder().encode(problems), as: UTF8.self), at: now, on: db)
    }
}
