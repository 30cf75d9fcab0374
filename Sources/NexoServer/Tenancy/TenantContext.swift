import Foundation
import NexoCore
import Vapor

/// Who is acting on which tenant, for the length of one request. Built by the auth middlewares;
/// every tenant-owned query is scoped by `tenantID` (see `TenantScoped`).
struct TenantContext: Sendable {
    enum Actor: Sendable {
        case user(id: UUID, name: String, email: String)
        case apiToken(id: UUID, name: String)
        case system(String)
        /// A step of an automation; changes it makes do not trigger automations again (no loops).
        case automation(id: UUID, name: String)

        /// What domain events record as their cause, so dispatch can tell automation-made changes apart.
        var eventCause: String? {
            if case .automation(let id, _) = self { return "automation:\(id.uuidString)" }
            return nil
        }

        var userID: UUID? {
            if case .user(let id, _, _) = self { return id }
            return nil
        }

        /// How the audit log and timelines name the actor.
        var label: String {
            switch self {
            case .user(_, let name, let email): "\(name) <\(email)>"
            case .apiToken(_, let name): "API token “\(name)”"
            case .system(let name): name
            case .automation(_, let name): "Automation “\(name)”"
            }
        }
    }

    let tenantID: UUID
    let tenantName: String
    let tenantSlug: String
    let country: String
    let timeZone: String
    let tenantLocale: String
    let plan: Plan
    let status: TenantStatus
    let statusReason: String?
    let actor: Actor
    let role: Role

    init(tenant: Tenant, actor: Actor, role: Role) throws {
        self.tenantID = try tenant.requireID()
        self.tenantName = tenant.name
        self.tenantSlug = tenant.slug
        self.country = tenant.country
        self.timeZone = tenant.timeZone
        self.tenantLocale = tenant.locale
        self.plan = tenant.plan
        self.status = tenant.status
        self.statusReason = tenant.statusReason
        self.actor = actor
        self.role = role
    }

    /// The tenant's time zone, for showing times; UTC if the stored identifier is unknown.
    var zone: TimeZone { TimeZone(identifier: timeZone) ?? .gmt }

    func require(_ permission: Permission) throws {
        guard role.allows(permission) else {
            throw Problem.forbidden("Your role (\(role.rawValue)) cannot do this.", code: "role_forbidden")
        }
    }

    /// A suspended tenant keeps its data readable but accepts no change.
    func requireWritable() throws {
        if status.isReadOnly {
            throw Problem.forbidden(
                "This business is suspended and read-only" + (statusReason.map { ": \($0)" } ?? "."), code: "tenant_suspended")
        }
    }
}

extension Request {
    private struct TenantContextKey: StorageKey { typealias Value = TenantContext }

    /// Set by the auth middlewares. Handlers get it non-optional through `TenantRoutes`.
    var tenantContext: TenantContext? {
        get { storage[TenantContextKey.self] }
        set { storage[TenantContextKey.self] = newValue }
    }
}
