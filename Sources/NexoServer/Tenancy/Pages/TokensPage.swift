import Fluent
import Foundation
import NexoCore
import Vapor

/// API tokens: created by owners, shown once, listed by prefix with last use, revocable.
enum TokensPage {
    struct Row: Encodable {
        let id: String
        let name: String
        let prefix: String
        let created: String
        let lastUsed: String?
        let revoked: Bool
        let revokeURL: String
    }

    struct Context: Encodable {
        let shell: Shell
        let tokens: [Row]
        let newToken: String?
        let canManage: Bool
        let action: String
        let errors: FormErrors
        let apiDocsURL: String
    }

    static func context(_ req: Request, _ ctx: TenantContext, newToken: String? = nil, errors: FormErrors = .none) async throws
        -> Context
    {
        let timeZone = ctx.zone
        let tokens = try await APIToken.scoped(to: ctx, on: req.db).sort(\.$createdAt, .descending).all()
        return Context(
            shell: try await Shell.make(req, ctx, section: "settings.tokens", title: req.t("settings.tokens")),
            tokens: try tokens.map { token in
                let id = try token.requireID()
                return Row(
                    id: id.uuidString, name: token.name, prefix: token.prefix + "…",
                    created: token.createdAt.map { PageFormat.dateTime($0, timeZone: timeZone, locale: req.locale) } ?? "",
                    lastUsed: token.lastUsedAt.map { PageFormat.dateTime($0, timeZone: timeZone, locale: req.locale) },
                    revoked: token.revokedAt != nil, revokeURL: SiteRoute.tokenRevoke(.value(id)).path)
            },
            newToken: newToken, canManage: ctx.role.allows(.manageTokens), action: SiteRoute.settingsTokens.path, errors: errors,
            apiDocsURL: SiteRoute.api(.openAPI).path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsTokens.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageSettings)
            return try await req.view.render("settings/tokens", try await context(req, ctx))
        }
        routes.post(SiteRoute.settingsTokens.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageTokens)
            let name = (try? req.content.get(String.self, at: "name")) ?? ""
            do {
                let (_, secret) = try await TenancyService(db: req.db, nexo: req.nexo).createToken(
                    name: name, context: ctx, request: req)
                // Rendered directly, never stored or redirected with: this page is the only time the token is visible.
                let response = try await req.render(
                    "settings/tokens", try await context(req, ctx, newToken: secret), status: .created)
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
                return response
            } catch let failure as ValidationFailure {
                let failed = try await context(req, ctx, errors: FormErrors(failure, req: req))
                return try await req.render("settings/tokens", failed, status: .unprocessableEntity)
            }
        }
        routes.post(SiteRoute.tokenRevoke(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageTokens)
            let id = try req.idParameter()
            try await req.db.writeTransaction { tx in
                let token = try await APIToken.findOr404(id, in: ctx, on: tx, what: "Token")
                guard token.revokedAt == nil else { return }
                token.revokedAt = Date()
                try await token.update(on: tx)
                try await AuditLog.record(
                    "token.revoked", context: ctx, entityType: "api_token", entityID: id.uuidString,
                    details: ["name": token.name],
                    request: req, on: tx)
            }
            req.session.flash = req.t("tokens.revoked")
            return req.redirect(to: SiteRoute.settingsTokens.path)
        }
    }
}
