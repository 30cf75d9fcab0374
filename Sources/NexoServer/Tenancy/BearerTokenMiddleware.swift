import Fluent
import Foundation
import NexoCore
import Vapor

/// The REST API's authentication: `Authorization: Bearer <token>` → the token's tenant, acting as an admin.
struct BearerTokenMiddleware: AsyncMiddleware {
    /// Writing `last_used_at` on every call would make every read a write; once a minute is enough to show.
    static let lastUsedResolution: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization?.token, !bearer.isEmpty else { throw Problem.unauthorized }
        let hash = SecretToken.hash(bearer)
        // One query on every API call: the token and its tenant together.
        guard
            let token = try await APIToken.query(on: request.db).join(Tenant.self, on: \APIToken.$tenantID == \Tenant.$id)
                .filter(\.$tokenHash == hash).filter(\.$revokedAt == nil).first(),
            let tenant = try? token.joined(Tenant.self)
        else { throw Problem.unauthorized }
        guard tenant.status.canSignIn else {
            throw Problem.forbidden(
                "This business is banned" + (tenant.statusReason.map { ": \($0)" } ?? "."), code: "tenant_banned")
        }
        let now = Date()
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > Self.lastUsedResolution }) ?? true {
            token.lastUsedAt = now
            try await token.update(on: request.db)
        }
        let context = try TenantContext(
            tenant: tenant, actor: .apiToken(id: try token.requireID(), name: token.name), role: .admin)
        request.tenantContext = context
        request.logger[metadataKey: "tenant_id"] = .string(context.tenantID.uuidString)
        if ![.GET, .HEAD].contains(request.method) { try context.requireWritable() }
        return try await next.respond(to: request)
    }
}
