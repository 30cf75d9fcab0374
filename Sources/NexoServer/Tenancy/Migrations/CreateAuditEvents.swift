import Fluent

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("actor_user_id", .uuid)
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string)
            .field("entity_id", .string)
            .field("details", .string, .required)
            .field("ip", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("audit_events_tenant_time", on: "audit_events", ["tenant_id", "created_at"])
        try await database.createIndex("audit_events_tenant_action", on: "audit_events", ["tenant_id", "action", "created_at"])
    }

    func revert(on database: Database) async throws { try await database.schema("audit_events").delete() }
}
