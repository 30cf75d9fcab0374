import Fluent

struct CreateEmailDeliveries: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("email_deliveries")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("contact_id", .uuid)
            .field("idempotency_key", .string, .required)
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("kind", .string, .required)
            .field("provider", .string, .required)
            .field("state", .string, .required)
            .field("message_id", .string, .required)
            .field("provider_message_id", .string)
            .field("error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        // The guard of "each e-mail goes out once": one delivery per key, whatever runs twice.
        try await database.createIndex(
            "email_deliveries_key", on: "email_deliveries", ["tenant_id", "idempotency_key"], unique: true)
        try await database.createIndex("email_deliveries_tenant_time", on: "email_deliveries", ["tenant_id", "created_at"])
        try await database.createIndex("email_deliveries_contact", on: "email_deliveries", ["tenant_id", "contact_id"])
    }

    func revert(on database: Database) async throws { try await database.schema("email_deliveries").delete() }
}
