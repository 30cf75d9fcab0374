import Fluent
import SQLKit

struct CreateWebhookSources: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("webhook_sources")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token", .string, .required)
            .field("secret", .string, .required)
            .field("mapping", .string, .required)
            .field("enabled", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("last_received_at", .datetime)
            .create()
        try await database.createIndex("webhook_sources_token", on: "webhook_sources", ["token"], unique: true)
        try await database.createIndex("webhook_sources_name", on: "webhook_sources", ["tenant_id", "name"], unique: true)
        try await database.schema("webhook_deliveries")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("source_id", .uuid, .required, .references("webhook_sources", "id", onDelete: .cascade))
            .field("received_at", .datetime, .required)
            .field("state", .string, .required)
            .field("status_code", .int, .required)
            .field("size_bytes", .int, .required)
            .field("payload", .string)
            .field("event_id", .string)
            .field("contact_id", .uuid)
            .field("outcome", .string)
            .field("error", .string)
            .field("error_code", .string)
            .field("problems", .string)
            .field("processed_at", .datetime)
            .create()
        try await database.createIndex(
            "webhook_deliveries_source", on: "webhook_deliveries", ["tenant_id", "source_id", "received_at"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("webhook_deliveries").delete()
        try await database.schema("webhook_sources").delete()
    }
}
