import Fluent
import Foundation
import SQLKit

/// Writes domain events. Call it with the transaction's database so the event commits with the change.
enum DomainEvents {
    static func record<Payload: Encodable>(
        _ type: String, tenantID: UUID, entityID: UUID, payload: Payload, causedBy: String? = nil, on db: any Database,
        at time: Date = Date()
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        let text = String(decoding: try encoder.encode(payload), as: UTF8.self)
        // SQLKit, not a Fluent model: every change of every feature records one, and Fluent's reflection showed up.
        try await db.sql.insert(into: DomainEvent.schema)
            .columns("id", "tenant_id", "type", "entity_id", "payload", "occurred_at", "caused_by")
            .values(
                SQLBind(UUID()), SQLBind(tenantID), SQLBind(type), SQLBind(entityID), SQLBind(text), SQLBind(time),
                SQLBind(causedBy)
            )
            .run()
    }

    /// Erasure: keep that something happened to the entity, forget what it said about the person.
    static func scrubPayloads(tenantID: UUID, entityID: UUID, on db: any Database) async throws {
        try await DomainEvent.query(on: db).filter(\.$tenantID == tenantID).filter(\.$entityID == entityID)
            .set(\.$payload, to: "{\"erased\":true}").update()
    }
}
