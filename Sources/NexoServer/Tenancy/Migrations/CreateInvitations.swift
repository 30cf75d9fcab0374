import Fluent

struct CreateInvitations: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("invitations")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("role", .string, .required)
            .field("token_hash", .string, .required)
            .field("invited_by", .uuid)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.createIndex("invitations_tenant", on: "invitations", ["tenant_id", "created_at"])
    }

    func revert(on database: Database) async throws { try await database.schema("invitations").delete() }
}
