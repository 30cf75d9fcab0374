import Fluent
import Foundation
import NexoCore
import Vapor

/// Settings → Webhooks: the systems that send contacts in, with their state and last delivery, and a form to add one.
enum WebhookSourcesPage {
    struct Row: Encodable, Sendable {
        let name: String
        let url: String
        let enabled: Bool
        let lastReceived: String?
        let detailURL: String
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let sources: [Row]
        let action: String
        let name: String
        let errors: FormErrors
        let outboundURL: String
        let leadAdsURL: String
    }

    static func context(_ req: Request, _ ctx: TenantContext, name: String = "", errors: FormErrors = .none) async throws
        -> Context
    {
        let sources = try await WebhookSource.scoped(to: ctx, on: req.db).sort(\.$name).all()
        let publicURL = req.nexo.settings.publicURL
        return Context(
            shell: try await Shell.make(req, ctx, section: "settings.webhooks", title: req.t("settings.webhooks")),
            sources: try sources.map { source in
                Row(
                    name: source.name, url: publicURL + SiteRoute.hookInbound(token: .value(source.token)).path,
                    enabled: source.enabled,
                    lastReceived: source.lastReceivedAt.map {
                        PageFormat.dateTime($0, timeZone: ctx.zone, locale: req.locale)
                    },
                    detailURL: SiteRoute.settingsWebhookSource(.value(try source.requireID())).path)
            },
            action: SiteRoute.settingsWebhookSources.path, name: name, errors: errors,
            outboundURL: SiteRoute.settingsWebhookSubscriptions.path, leadAdsURL: SiteRoute.settingsLeadAds.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsWebhookSources.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageSettings)
            return try await req.view.render("settings/webhooks", try await context(req, ctx))
        }
        routes.post(SiteRoute.settingsWebhookSources.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let name = (try? req.content.get(String.self, at: "name")) ?? ""
            do {
                let (source, secret) = try await WebhookSourceService(req: req, context: ctx)
                    .create(.init(name: name))
                req.session.flash = req.t("webhooks.created", source.name)
                // The new secret is shown once on the next page; it stays revealable on demand.
                req.session.data["webhook_secret"] = secret
                return req.redirect(to: SiteRoute.settingsWebhookSource(.value(try source.requireID())).path)
            } catch let problem as Problem where problem.errors != nil {
                return try await req.render(
                    "settings/webhooks",
                    try await context(req, ctx, name: name, errors: WebhookSourcePage.formErrors(problem, req: req)),
                    status: problem.status)
            }
        }
        WebhookSourcePage.register(on: routes)
    }
}
