import Fluent

struct CreateDomainEvents: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("domain_events")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("type", .string, .required)
            .field("entity_id", .uuid, .required)
            .field("payload", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("dispatched_at", .datetime)
            .create()
        try await database.createIndex("domain_events_tenant_time", on: "domain_events", ["tenant_id", "occurred_at"])
        try await database.createIndex("domain_events_pending", on: "domain_events", ["dispatched_at", "occurred_at"])
        try await database.createIndex("domain_events_entity", on: "domain_events", ["tenant_id", "entity_id"])
    }

    func revert(on database: Database) async throws { try await database.schema("domain_events").delete() }
}
