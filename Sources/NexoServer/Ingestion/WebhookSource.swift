import Fluent
import Foundation
import NexoCore

/// A system that sends a business's contacts to Nexo over HTTP ("tienda", "formulario-web"): its private URL
/// token, its secret (sealed), how its payloads map to contacts, and whether it is on.
final class WebhookSource: Model, @unchecked Sendable {
    static let schema = "webhook_sources"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "name") var name: String
    /// The last segment of `/hooks/in/{token}`: unguessable, unique over every tenant.
    @Field(key: "token") var token: String
    /// The shared secret, sealed (`SecretBox`).
    @Field(key: "secret") var secret: String
    /// `WebhookMapping` as JSON.
    @Field(key: "mapping") var mappingJSON: String
    @Field(key: "enabled") var enabled: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "last_received_at") var lastReceivedAt: Date?

    init() {}

    init(tenantID: UUID, name: String, token: String, sealedSecret: String, mapping: WebhookMapping, now: Date) {
        self.tenantID = tenantID
        self.name = name
        self.token = token
        self.secret = sealedSecret
        self.mappingJSON = Self.encode(mapping)
        self.enabled = true
        self.createdAt = now
        self.updatedAt = now
    }

    var mapping: WebhookMapping {
        get {
            (try? JSONDecoder().decode(WebhookMapping.self, from: Data(mappingJSON.utf8)))
                ?? WebhookMapping(fields: [], idPath: nil, filter: nil)
        }
        set { mappingJSON = Self.encode(newValue) }
    }

    static func encode(_ mapping: WebhookMapping) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(mapping)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"fields\":[]}"
    }

    /// A new URL token (base62, ~238 bits).
    static func newToken() -> String { SecretToken.generate(prefix: "whk_") }
    /// A new shared secret.
    static func newSecret() -> String { SecretToken.generate(prefix: "whsec_") }
}

extension WebhookSource: TenantScoped {
    static var tenantIDKey: KeyPath<WebhookSource, FieldProperty<WebhookSource, UUID>> { \.$tenantID }
}
