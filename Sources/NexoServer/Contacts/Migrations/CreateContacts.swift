import Fluent

struct CreateContacts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("contacts")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("first_name", .string)
            .field("last_name", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("phone_valid", .bool, .required)
            .field("phone_key", .string)
            .field("company", .string)
            .field("birthday", .string)
            .field("birthday_month", .int)
            .field("birthday_day", .int)
            .field("notes", .string)
            .field("tags", .string, .required)
            .field("source", .string, .required)
            .field("status", .string, .required)
            .field("score", .int, .required)
            .field("email_consent", .string, .required)
            .field("email_consent_at", .datetime)
            .field("email_consent_method", .string)
            .field("whatsapp_consent", .string, .required)
            .field("whatsapp_consent_at", .datetime)
            .field("whatsapp_consent_method", .string)
            .field("metadata", .string, .required)
            .field("search_text", .string, .required)
            .field("last_interaction_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        // Uniqueness lives in the database so two racing requests cannot both create the same person.
        try await database.createIndex("contacts_tenant_email", on: "contacts", ["tenant_id", "email"], unique: true)
        try await database.createIndex("contacts_tenant_phone_key", on: "contacts", ["tenant_id", "phone_key"], unique: true)
        try await database.createIndex("contacts_tenant_created", on: "contacts", ["tenant_id", "created_at", "id"])
        try await database.createIndex(
            "contacts_tenant_birthday", on: "contacts", ["tenant_id", "birthday_month", "birthday_day"])
        try await database.createIndex("contacts_tenant_status", on: "contacts", ["tenant_id", "status", "created_at"])
        try await database.createIndex("contacts_tenant_source", on: "contacts", ["tenant_id", "source", "created_at"])
    }

    func revert(on database: Database) async throws { try await database.schema("contacts").delete() }
}
