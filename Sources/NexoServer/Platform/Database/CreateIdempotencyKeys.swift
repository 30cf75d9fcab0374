import Fluent

struct CreateIdempotencyKeys: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("idempotency_keys")
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("path", .string, .required)
            .field("status", .int, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .compositeIdentifier(over: "tenant_id", "key")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("idempotency_keys").delete() }
}
