import Fluent
import Foundation

/// Something that happened to a tenant's data, written in the same transaction as the change,
/// so automations (a later feature) can act on it without missing or inventing events.
final class DomainEvent: Model, @unchecked Sendable {
    static let schema = "domain_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "type") var type: String
    @Field(key: "entity_id") var entityID: UUID
    @Field(key: "payload") var payload: String
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "dispatched_at") var dispatchedAt: Date?
    /// `automation:<id>` when an automation's step made the change; such events start no automation.
    @OptionalField(key: "caused_by") var causedBy: String?

    init() {}

    init(tenantID: UUID, type: String, entityID: UUID, payload: String, occurredAt: Date = Date()) {
        self.tenantID = tenantID
        self.type = type
        self.entityID = entityID
        self.payload = payload
        self.occurredAt = occurredAt
    }
}
