import Fluent
import Foundation

struct CreateEmailSettings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("email_settings")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("provider", .string, .required)
            .field("from_name", .string)
            .field("from_address", .string)
            .field("reply_to", .string)
            .field("smtp_host", .string)
            .field("smtp_port", .int)
            .field("smtp_security", .string)
            .field("smtp_username", .string)
            .field("secret", .string)
            .field("access_token", .string)
            .field("access_token_expires_at", .datetime)
            .field("gmail_client_id", .string)
            .field("gmail_client_secret", .string)
            .field("needs_reconnect", .bool, .required)
            .field("status_message", .string)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("email_settings_tenant", on: "email_settings", ["tenant_id"], unique: true)
    }

    func revert(on database: Database) async throws { try await database.schema("email_settings").delete() }
}
