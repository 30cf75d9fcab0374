import Fluent
import Foundation
import NexoCore
import Vapor

/// Sign-out, switching between one's businesses, and choosing the language.
enum AccountRoutes {
    static func registerPublic(on routes: any RoutesBuilder) {
        routes.get(SiteRoute.home.pathComponents) { req async throws -> Response in
            if req.session.userID != nil { return req.redirect(to: SiteRoute.dashboard.path) }
            // The first visit to a fresh installation offers sign-up; afterwards, sign-in.
            let anyUser = try await User.query(on: req.db).first() != nil
            return req.redirect(to: anyUser ? SiteRoute.signIn.path : SiteRoute.signUp.path)
        }
        routes.post(SiteRoute.signOut.pathComponents) { req async throws -> Response in
            req.session.destroy()
            return req.redirect(to: SiteRoute.signIn.path)
        }
        routes.post(SiteRoute.locale.pathComponents) { req async throws -> Response in
            let fields = try req.content.decode([String: String].self)
            let locale = Translations.resolve(fields["locale"])
            req.session.visitorLocale = locale
            if let userID = req.session.userID, let user = try await User.find(userID, on: req.db) {
                user.locale = locale
                try await user.update(on: req.db)
            }
            return req.redirect(to: SignInPage.safeNext(fields["back"]) ?? SiteRoute.dashboard.path)
        }
    }

    static func register(on routes: TenantRoutes) {
        routes.post(SiteRoute.switchTenant.pathComponents) { req, ctx async throws -> Response in
            let fields = try req.content.decode([String: String].self)
            guard let userID = ctx.actor.userID, let target = fields["tenant_id"].flatMap(UUID.init(uuidString:)),
                let membership = try await Membership.query(on: req.db).filter(\.$user.$id == userID)
                    .filter(\.$tenant.$id == target).with(\.$tenant).first()
            else { throw Problem.notFound("Business") }
            guard membership.tenant.status.canSignIn else {
                throw Problem.forbidden(req.t("signin.banned", membership.tenant.statusReason ?? ""), code: "tenant_banned")
            }
            req.session.tenantID = target
            return req.redirect(to: SiteRoute.dashboard.path)
        }
    }
}
