import Fluent

/// Tags also live as rows so "contacts tagged X" is an index look-up, not a scan of JSON text.
struct CreateContactTags: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("contact_tags")
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references("contacts", "id", onDelete: .cascade))
            .field("tag", .string, .required)
            .compositeIdentifier(over: "contact_id", "tag")
            .create()
        try await database.createIndex("contact_tags_tenant_tag", on: "contact_tags", ["tenant_id", "tag", "contact_id"])
    }

    func revert(on database: Database) async throws { try await database.schema("contact_tags").delete() }
}
