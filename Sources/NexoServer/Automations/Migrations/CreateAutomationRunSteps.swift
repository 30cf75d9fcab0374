import Fluent

struct CreateAutomationRunSteps: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("automation_run_steps")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("run_id", .uuid, .required, .references("automation_runs", "id", onDelete: .cascade))
            .field("step_index", .int, .required)
            .field("step_type", .string, .required)
            .field("state", .string, .required)
            .field("attempt", .int, .required)
            .field("detail", .string)
            .field("error", .string)
            .field("started_at", .datetime, .required)
            .field("duration_ms", .int, .required)
            .create()
        try await database.createIndex(
            "automation_run_steps_run", on: "automation_run_steps", ["run_id", "step_index", "started_at"])
    }

    func revert(on database: Database) async throws { try await database.schema("automation_run_steps").delete() }
}
