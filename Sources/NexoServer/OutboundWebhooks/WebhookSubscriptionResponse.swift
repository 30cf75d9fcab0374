import Foundation
import Vapor

/// A subscription as the API shows it; `secret` only right after it is created.
struct WebhookSubscriptionResponse: Content, Sendable {
    var id: UUID
    var url: String
    var description: String?
    var eventTypes: [String]
    var enabled: Bool
    var disabledReason: String?
    var disabledAt: Date?
    var lastSuccessAt: Date?
    var lastFailureAt: Date?
    var secret: String?
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, url, description, enabled, secret
        case eventTypes = "event_types"
        case disabledReason = "disabled_reason"
        case disabledAt = "disabled_at"
        case lastSuccessAt = "last_success_at"
        case lastFailureAt = "last_failure_at"
        case createdAt = "created_at"
    }

    init(_ subscription: WebhookSubscription) throws {
        id = try subscription.requireID()
        url = subscription.url
        description = subscription.details
        eventTypes = subscription.eventTypes
        enabled = subscription.enabled
        disabledReason = subscription.disabledReason
        disabledAt = subscription.disabledAt
        lastSuccessAt = subscription.lastSuccessAt
        lastFailureAt = subscription.lastFailureAt
        createdAt = subscription.createdAt
    }
}

/// One delivery in a subscription's log.
struct WebhookSubscriptionDeliveryResponse: Content, Sendable {
    var id: UUID
    var eventID: UUID
    var eventType: String
    var state: String
    var attempts: Int
    var responseCode: Int?
    var error: String?
    var createdAt: Date
    var lastAttemptAt: Date?
    var nextAttemptAt: Date?
    var deliveredAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, state, attempts, error
        case eventID = "event_id"
        case eventType = "event_type"
        case responseCode = "response_code"
        case createdAt = "created_at"
        case lastAttemptAt = "last_attempt_at"
        case nextAttemptAt = "next_attempt_at"
        case deliveredAt = "delivered_at"
    }

    init(_ delivery: WebhookSubscriptionDelivery) throws {
        id = try delivery.requireID()
        eventID = delivery.eventID
        eventType = delivery.eventType
        state = delivery.state.rawValue
        attempts = delivery.attempts
        responseCode = delivery.responseCode
        error = delivery.error
        createdAt = delivery.createdAt
        lastAttemptAt = delivery.lastAttemptAt
        nextAttemptAt = delivery.nextAttemptAt
        deliveredAt = delivery.deliveredAt
    }
}
