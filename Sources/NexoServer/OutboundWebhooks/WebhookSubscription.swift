import Fluent
import Foundation

/// A URL of another system that wants to hear about a business's events (`contact.created`, `webhook.received`, …).
/// Deliveries are signed with the subscription's secret. A subscription that keeps failing for more than a day is
/// turned off, with the reason, until someone turns it on again.
final class WebhookSubscription: Model, @unchecked Sendable {
    static let schema = "webhook_subscriptions"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "url") var url: String
    @OptionalField(key: "description") var details: String?
    /// Event types as JSON (`["contact.created"]`); `["*"]` is every event.
    @Field(key: "event_types") var eventTypesJSON: String
    /// The signing secret, sealed.
    @Field(key: "secret") var secret: String
    @Field(key: "enabled") var enabled: Bool
    /// Why Nexo turned it off (nil when on, or turned off by a person).
    @OptionalField(key: "disabled_reason") var disabledReason: String?
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    @OptionalField(key: "last_success_at") var lastSuccessAt: Date?
    @OptionalField(key: "last_failure_at") var lastFailureAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(tenantID: UUID, url: String, details: String?, eventTypes: [String], sealedSecret: String, now: Date) {
        self.tenantID = tenantID
        self.url = url
        self.details = details
        self.eventTypesJSON = Self.encode(eventTypes)
        self.secret = sealedSecret
        self.enabled = true
        self.createdAt = now
        self.updatedAt = now
    }

    var eventTypes: [String] {
        get { (try? JSONDecoder().decode([String].self, from: Data(eventTypesJSON.utf8))) ?? [] }
        set { eventTypesJSON = Self.encode(newValue) }
    }

    func listens(to type: String) -> Bool { eventTypes.contains("*") || eventTypes.contains(type) }

    static func encode(_ types: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(types)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

extension WebhookSubscription: TenantScoped {
    static var tenantIDKey: KeyPath<WebhookSubscription, FieldProperty<WebhookSubscription, UUID>> { \.$tenantID }
}
