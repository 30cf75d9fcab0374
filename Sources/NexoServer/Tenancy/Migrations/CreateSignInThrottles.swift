import Fluent

struct CreateSignInThrottles: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("sign_in_throttles")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_started_at", .datetime, .required)
            .field("locked_until", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("sign_in_throttles").delete() }
}
