import Fluent
import Foundation
import Vapor

/// Records who did what. Called in the same transaction as the change it describes.
enum AuditLog {
    static func record(
        _ action: String, tenantID: UUID, actor: TenantContext.Actor, entityType: String? = nil, entityID: String? = nil,
        details: [String: String] = [:], ip: String? = nil, on db: any Database
    ) async throws {
        let event = AuditEvent()
        event.tenantID = tenantID
        event.actorUserID = actor.userID
        event.actorLabel = actor.label
        event.action = action
        event.entityType = entityType
        event.entityID = entityID
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        event.details = String(decoding: try encoder.encode(details), as: UTF8.self)
        event.ip = ip
        event.createdAt = .nexoNow
        try await event.create(on: db)
    }

    static func record(
        _ action: String, context: TenantContext, entityType: String? = nil, entityID: String? = nil,
        details: [String: String] = [:], request: Request, on db: (any Database)? = nil
    ) async throws {
        try await record(
            action, tenantID: context.tenantID, actor: context.actor, entityType: entityType, entityID: entityID,
            details: details, ip: request.remoteAddress?.ipAddress, on: db ?? request.db)
    }
}
