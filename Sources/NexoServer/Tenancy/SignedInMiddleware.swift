import Fluent
import NexoCore
import Vapor

/// Pages behind sign-in: resolves the session's user and current tenant into the request's `TenantContext`.
/// Not signed in → redirect to sign-in; a banned tenant signs the user out with the reason.
struct SignedInMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let userID = request.session.userID, let user = try await User.find(userID, on: request.db) else {
            let target = SiteRoute.signIn.path(query: ["next": request.method == .GET ? request.url.string : nil])
            return request.redirect(to: target)
        }
        request.locale = Translations.resolve(user.locale)

        var membership: Membership?
        if let tenantID = request.session.tenantID {
            membership = try await Membership.query(on: request.db)
                .filter(\.$user.$id == userID).filter(\.$tenant.$id == tenantID).with(\.$tenant).first()
        }
        if membership == nil {
            membership = try await Membership.query(on: request.db)
                .filter(\.$user.$id == userID).with(\.$tenant).sort(\.$createdAt).first()
            request.session.tenantID = membership?.$tenant.id
        }
        guard let membership else {
            request.session.destroy()
            return request.redirect(to: SiteRoute.signIn.path)
        }
        let tenant = membership.tenant
        guard tenant.status.canSignIn else {
            request.session.userID = nil
            request.session.flash = request.t("signin.banned", tenant.statusReason ?? "")
            return request.redirect(to: SiteRoute.signIn.path)
        }
        let context = try TenantContext(
            tenant: tenant, actor: .user(id: userID, name: user.name, email: user.email), role: membership.role)
        request.tenantContext = context
        request.logger[metadataKey: "tenant_id"] = .string(context.tenantID.uuidString)

        let changesNothing = [SiteRoute.signOut.path, SiteRoute.switchTenant.path, SiteRoute.locale.path]
        if ![.GET, .HEAD].contains(request.method), !changesNothing.contains(request.url.path) {
            try context.requireWritable()
        }
        return try await next.respond(to: request)
    }
}
