import Fluent
import SQLKit

/// People who run this Nexo installation: they may look at and act on every business's background work. Granted and
/// revoked from the command line only (`nexo operators`), never from a page.
struct AddUserOperatorFlag: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("users").field("operator", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("users").deleteField("operator").update()
    }
}
