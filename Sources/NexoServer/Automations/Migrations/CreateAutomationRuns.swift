import Fluent

struct CreateAutomationRuns: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("automation_runs")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("automation_id", .uuid, .required, .references("automations", "id", onDelete: .cascade))
            .field("contact_id", .uuid)
            .field("trigger", .string, .required)
            .field("trigger_ref", .string)
            .field("fire_id", .uuid)
            .field("dedupe_key", .string, .required)
            .field("state", .string, .required)
            .field("step_index", .int, .required)
            .field("error", .string)
            .field("note", .string)
            .field("resume_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .create()
        // One run per automation and key: what makes "once per contact" hold when triggers or jobs repeat.
        try await database.createIndex(
            "automation_runs_dedupe", on: "automation_runs", ["automation_id", "dedupe_key"], unique: true)
        try await database.createIndex(
            "automation_runs_tenant_automation", on: "automation_runs", ["tenant_id", "automation_id", "created_at"])
        try await database.createIndex(
            "automation_runs_contact", on: "automation_runs", ["tenant_id", "contact_id", "automation_id", "created_at"])
        try await database.createIndex(
            "automation_runs_tenant_state", on: "automation_runs", ["tenant_id", "state", "created_at"])
        try await database.createIndex("automation_runs_fire", on: "automation_runs", ["fire_id"])
    }

    func revert(on database: Database) async throws { try await database.schema("automation_runs").delete() }
}
