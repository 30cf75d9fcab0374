import Fluent
import Foundation
import SQLKit

/// Exactly-once effects over at-least-once jobs: an effect claims its key in the same transaction that performs
/// it; a repeat finds the key taken and does nothing.
enum Effects {
    /// True when this call took the key (do the effect), false when it was already taken (it was done).
    static func claim(_ key: String, tenantID: UUID, on db: any Database, now: Date = .nexoNow) async throws -> Bool {
        let rows = try await db.sql.insert(into: "effect_keys").columns("tenant_id", "key", "created_at")
            .values(SQLBind(tenantID), SQLBind(key), SQLBind(now))
            .ignoringConflicts(with: ["tenant_id", "key"])
            .returning("key").all()
        return !rows.isEmpty
    }

    static func isClaimed(_ key: String, tenantID: UUID, on db: any Database) async throws -> Bool {
        try await db.sql.select().column("key").from("effect_keys").where("tenant_id", .equal, tenantID)
            .where("key", .equal, key).first() != nil
    }
}
