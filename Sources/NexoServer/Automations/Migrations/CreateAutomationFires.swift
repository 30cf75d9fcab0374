import Fluent

struct CreateAutomationFires: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("automation_fires")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("automation_id", .uuid, .required, .references("automations", "id", onDelete: .cascade))
            .field("scheduled_for", .datetime, .required)
            .field("fired_at", .datetime, .required)
            .field("outcome", .string, .required)
            .field("missed", .int, .required)
            .field("contacts", .int)
            .create()
        // Exactly one fire per automation and scheduled time, however many schedulers race.
        try await database.createIndex(
            "automation_fires_once", on: "automation_fires", ["automation_id", "scheduled_for"], unique: true)
        try await database.createIndex("automation_fires_tenant", on: "automation_fires", ["tenant_id", "fired_at"])
    }

    func revert(on database: Database) async throws { try await database.schema("automation_fires").delete() }
}
