import Fluent

struct CreateInteractions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("interactions")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references("contacts", "id", onDelete: .cascade))
            .field("type", .string, .required)
            .field("channel", .string, .required)
            .field("summary", .string, .required)
            .field("data", .string, .required)
            .field("actor_label", .string)
            .field("occurred_at", .datetime, .required)
            .create()
        try await database.createIndex(
            "interactions_contact_time", on: "interactions", ["tenant_id", "contact_id", "occurred_at"])
    }

    func revert(on database: Database) async throws { try await database.schema("interactions").delete() }
}
