import Fluent
import Foundation
import SQLKit

struct CreateEffectKeys: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("effect_keys")
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("effect_keys_unique", on: "effect_keys", ["tenant_id", "key"], unique: true)
    }

    func revert(on database: Database) async throws { try await database.schema("effect_keys").delete() }
}
