import Fluent
import Foundation

/// Who did what to which entity, and when. Append-only; holds no personal data of erased contacts.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @Field(key: "actor_label") var actorLabel: String
    @Field(key: "action") var action: String
    @OptionalField(key: "entity_type") var entityType: String?
    @OptionalField(key: "entity_id") var entityID: String?
    @Field(key: "details") var details: String
    @OptionalField(key: "ip") var ip: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
