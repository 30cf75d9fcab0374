import Fluent
import Foundation

/// One entry on a contact's timeline. Append-only: features add their own types (`message_received`, …).
final class Interaction: Model, @unchecked Sendable {
    static let schema = "interactions"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "contact_id") var contactID: UUID
    @Field(key: "type") var type: String
    @Field(key: "channel") var channel: String
    @Field(key: "summary") var summary: String
    @Field(key: "data") var data: String
    @OptionalField(key: "actor_label") var actorLabel: String?
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(
        tenantID: UUID, contactID: UUID, type: String, channel: String, summary: String, data: String = "{}",
        actorLabel: String?, occurredAt: Date
    ) {
        self.tenantID = tenantID
        self.contactID = contactID
        self.type = type
        self.channel = channel
        self.summary = summary
        self.data = data
        self.actorLabel = actorLabel
        self.occurredAt = occurredAt
    }
}
