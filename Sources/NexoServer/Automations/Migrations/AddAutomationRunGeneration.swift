import Fluent
import SQLKit

/// Retry from the start runs a run's effects again under new keys; the generation tells them apart. Runs are
/// also listed by state per automation, which gets its index.
struct AddAutomationRunGeneration: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("automation_runs").field("generation", .int, .required, .sql(.default(0))).update()
        try await database.createIndex(
            "automation_runs_automation_state", on: "automation_runs", ["tenant_id", "automation_id", "state", "created_at"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("automation_runs").deleteField("generation").update()
    }
}
