import Fluent
import SQLKit

struct CreateWebhookSubscriptions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("webhook_subscriptions")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("url", .string, .required)
            .field("description", .string)
            .field("event_types", .string, .required)
            .field("secret", .string, .required)
            .field("enabled", .bool, .required)
            .field("disabled_reason", .string)
            .field("disabled_at", .datetime)
            .field("last_success_at", .datetime)
            .field("last_failure_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("webhook_subscriptions_tenant", on: "webhook_subscriptions", ["tenant_id", "enabled"])
        try await database.schema("webhook_subscription_deliveries")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field(
                "subscription_id", .uuid, .required, .references("webhook_subscriptions", "id", onDelete: .cascade)
            )
            .field("event_id", .uuid, .required)
            .field("event_type", .string, .required)
            .field("body", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("response_code", .int)
            .field("response_excerpt", .string)
            .field("error", .string)
            .field("created_at", .datetime, .required)
            .field("last_attempt_at", .datetime)
            .field("next_attempt_at", .datetime)
            .field("delivered_at", .datetime)
            .create()
        // One delivery per subscription and event, however often the event is offered.
        try await database.createIndex(
            "webhook_subscription_deliveries_event", on: "webhook_subscription_deliveries",
            ["subscription_id", "event_id"], unique: true)
        try await database.createIndex(
            "webhook_subscription_deliveries_log", on: "webhook_subscription_deliveries",
            ["tenant_id", "subscription_id", "created_at"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("webhook_subscription_deliveries").delete()
        try await database.schema("webhook_subscriptions").delete()
    }
}
