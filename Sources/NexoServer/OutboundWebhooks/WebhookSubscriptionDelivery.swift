import Fluent
import Foundation

/// One event sent (or being sent) to one subscription: the exact body, each attempt's answer, and where it stands.
final class WebhookSubscriptionDelivery: Model, @unchecked Sendable {
    static let schema = "webhook_subscription_deliveries"

    enum State: String, Codable, Sendable, CaseIterable {
        case pending
        /// The last attempt failed; another is scheduled.
        case retrying
        case delivered
        /// Every attempt failed (more than a day of them), or the receiver answered 410 Gone.
        case failed
        /// The subscription was off when its turn came.
        case skipped
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "subscription_id") var subscriptionID: UUID
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "event_type") var eventType: String
    /// The JSON body, fixed when the event is fanned out so every attempt sends the same bytes.
    @Field(key: "body") var body: String
    @Enum(key: "state") var state: State
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "response_code") var responseCode: Int?
    /// The start of the receiver's answer, for the log.
    @OptionalField(key: "response_excerpt") var responseExcerpt: String?
    @OptionalField(key: "error") var error: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_attempt_at") var lastAttemptAt: Date?
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "delivered_at") var deliveredAt: Date?

    init() {}
}

extension WebhookSubscriptionDelivery: TenantScoped {
    static var tenantIDKey: KeyPath<WebhookSubscriptionDelivery, FieldProperty<WebhookSubscriptionDelivery, UUID>> {
        \.$tenantID
    }
}
