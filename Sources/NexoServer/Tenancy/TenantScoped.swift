import Fluent
import Foundation

/// A model owned by one tenant. Queries start from `scoped(to:on:)`, so the tenant filter is part of
/// the query itself: an id from another tenant finds nothing, exactly like an id that does not exist.
protocol TenantScoped: Model where IDValue == UUID {
    static var tenantIDKey: KeyPath<Self, FieldProperty<Self, UUID>> { get }
}

extension TenantScoped {
    static func scoped(to context: TenantContext, on db: any Database) -> QueryBuilder<Self> {
        query(on: db).filter(tenantIDKey, .equal, context.tenantID)
    }

    static func find(_ id: UUID?, in context: TenantContext, on db: any Database) async throws -> Self? {
        guard let id else { return nil }
        return try await scoped(to: context, on: db).filter(\._$id == id).first()
    }

    static func findOr404(_ id: UUID?, in context: TenantContext, on db: any Database, what: String) async throws -> Self {
        guard let found = try await find(id, in: context, on: db) else { throw Problem.notFound(what) }
        return found
    }
}

extension Contact: TenantScoped { static var tenantIDKey: KeyPath<Contact, FieldProperty<Contact, UUID>> { \.$tenantID } }
extension Interaction: TenantScoped {
    static var tenantIDKey: KeyPath<Interaction, FieldProperty<Interaction, UUID>> { \.$tenantID }
}
extension APIToken: TenantScoped { static var tenantIDKey: KeyPath<APIToken, FieldProperty<APIToken, UUID>> { \.$tenantID } }
extension Invitation: TenantScoped {
    static var tenantIDKey: KeyPath<Invitation, FieldProperty<Invitation, UUID>> { \.$tenantID }
}
extension AuditEvent: TenantScoped {
    static var tenantIDKey: KeyPath<AuditEvent, FieldProperty<AuditEvent, UUID>> { \.$tenantID }
}
