import Fluent
import SQLKit

struct CreateAutomations: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("automations")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("builtin", .string)
            .field("name", .string, .required)
            .field("enabled", .bool, .required)
            .field("trigger", .string, .required)
            .field("event_type", .string)
            .field("conditions", .string, .required)
            .field("steps", .string, .required)
            .field("reentry", .string, .required)
            .field("webhook_secret", .string, .required)
            .field("next_fire_at", .datetime)
            .field("last_fire_for", .datetime)
            .field("runs_count", .int, .required)
            .field("succeeded_count", .int, .required)
            .field("failed_count", .int, .required)
            .field("skipped_count", .int, .required)
            .field("last_run_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("automations_tenant_created", on: "automations", ["tenant_id", "created_at"])
        try await database.createIndex("automations_tenant_event", on: "automations", ["tenant_id", "event_type", "enabled"])
        try await database.createIndex("automations_tenant_builtin", on: "automations", ["tenant_id", "builtin"], unique: true)
        // The scheduler's question: which enabled schedules are due.
        try await database.sql.raw(
            "CREATE INDEX automations_due ON automations (next_fire_at) WHERE enabled AND next_fire_at IS NOT NULL"
        ).run()
    }

    func revert(on database: Database) async throws { try await database.schema("automations").delete() }
}
