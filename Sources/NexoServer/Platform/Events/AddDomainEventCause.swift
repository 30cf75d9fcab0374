import Fluent

struct AddDomainEventCause: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("domain_events").field("caused_by", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("domain_events").deleteField("caused_by").update()
    }
}
