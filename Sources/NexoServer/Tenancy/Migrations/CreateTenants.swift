import Fluent

struct CreateTenants: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("tenants")
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("country", .string, .required)
            .field("time_zone", .string, .required)
            .field("locale", .string, .required)
            .field("plan", .string, .required)
            .field("status", .string, .required)
            .field("status_reason", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("tenants").delete() }
}
