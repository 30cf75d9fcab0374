import Fluent

struct CreateAPITokens: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("prefix", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.createIndex("api_tokens_tenant", on: "api_tokens", ["tenant_id", "created_at"])
    }

    func revert(on database: Database) async throws { try await database.schema("api_tokens").delete() }
}
