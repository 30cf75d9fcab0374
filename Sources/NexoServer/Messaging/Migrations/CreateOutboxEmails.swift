import Fluent

struct CreateOutboxEmails: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("outbox_emails")
            .id()
            .field("tenant_id", .uuid, .references("tenants", "id", onDelete: .cascade))
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("kind", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("outbox_emails_tenant_time", on: "outbox_emails", ["tenant_id", "created_at"])
    }

    func revert(on database: Database) async throws { try await database.schema("outbox_emails").delete() }
}
