import Fluent

/// Automation e-mails carry HTML, headers (List-Unsubscribe) and a Message-ID; the outbox shows them.
struct AddOutboxEmailDetails: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for (name, type) in [
            ("html_body", DatabaseSchema.DataType.string), ("headers", .string), ("message_id", .string),
            ("contact_id", .uuid),
        ] {
            try await database.schema("outbox_emails").field(
                .definition(name: .key(.string(name)), dataType: type, constraints: [])
            )
            .update()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("outbox_emails").deleteField("html_body").deleteField("headers").deleteField("message_id")
            .deleteField("contact_id").update()
    }
}
