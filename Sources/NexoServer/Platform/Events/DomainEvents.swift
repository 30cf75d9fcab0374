import Fluent
import Foundation

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
        let event = DomainEvent(tenantID: tenantID, type: type, entityID: entityID, payload: text, occurredAt: time)
        event.causedBy = causedBy
        try await event.create(on: db)
    }

    /// Erasure: keep that something happened to the entity, forget what it said about the person.
    static func scrubPayloads(tenantID: UUID, entityID: UUID, on db: any Database) async throws {
        try await DomainEvent.query(on: db).filter(\.$tenantID == tenantID).filter(\.$entityID == entityID)
            .set(\.$payload, to: "{\"erased\":true}").update()
    }
}
