import Fluent
import SQLKit

/// A fire's runs are written and queued by ranges of contact ids; the index on the fire alone made each batch walk
/// every run of the fire.
struct AddAutomationRunFireContactIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.sql.drop(index: "automation_runs_fire").run()
        try await database.createIndex("automation_runs_fire_contact", on: "automation_runs", ["fire_id", "contact_id"])
    }

    func revert(on database: Database) async throws {
        try await database.sql.drop(index: "automation_runs_fire_contact").run()
        try await database.createIndex("automation_runs_fire", on: "automation_runs", ["fire_id"])
    }
}
