import Fluent
import Foundation

/// One e-mail to one person, whatever the provider: the record that makes it go out once, and its outcome.
final class EmailDelivery: Model, @unchecked Sendable {
    static let schema = "email_deliveries"

    enum State: String, Codable, Sendable {
        /// Handed to an external provider; if a crash leaves it here, the retry sends again with the same Message-ID.
        case sending, sent, failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @OptionalField(key: "contact_id") var contactID: UUID?
    @Field(key: "idempotency_key") var idempotencyKey: String
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "kind") var kind: String
    @Field(key: "provider") var provider: String
    @Field(key: "state") var state: State
    @Field(key: "message_id") var messageID: String
    @OptionalField(key: "provider_message_id") var providerMessageID: String?
    @OptionalField(key: "error") var error: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

extension EmailDelivery: TenantScoped {
    static var tenantIDKey: KeyPath<EmailDelivery, FieldProperty<EmailDelivery, UUID>> { \.$tenantID }
}
