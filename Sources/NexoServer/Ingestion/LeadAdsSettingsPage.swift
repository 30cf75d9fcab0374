import Fluent
import Foundation
import NexoCore
import Vapor

/// Settings → Meta Lead Ads: the webhook URL and verify tokens to paste into Meta's dashboard, the connected pages,
/// a form to connect one, and the last leads with their state, contact and Meta's error when they failed.
enum LeadAdsSettingsPage {
    struct Form: Content, Sendable {
        var pageID: String?
        var name: String?
        var accessToken: String?
        var appSecret: String?
    }

    struct PageRow: Encodable, Sendable {
        let pageID: String
        let name: String
        let verifyToken: String
        let lastLead: String?
        let deleteURL: String
    }

    struct LeadRow: Encodable, Sendable {
        let receivedAt: String
        let leadgenID: String
        let formID: String?
        let state: String
        let stateLabel: String
        let outcomeLabel: String?
        let contactURL: String?
        let error: String?
        let retryURL: String?
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let webhookURL: String
        let hasGlobalToken: Bool
        let pages: [PageRow]
        let leads: [LeadRow]
        let form: Form
        let errors: FormErrors
        let action: String
    }

    static func context(_ req: Request, _ ctx: TenantContext, form: Form = Form(), errors: FormErrors = .none)
        async throws -> Context
    {
        let pages = try await LeadAdsPage.scoped(to: ctx, on: req.db).sort(\.$createdAt).all()
        let leads = try await CapturedLead.scoped(to: ctx, on: req.db).sort(\.$receivedAt, .descending).limit(50).all()
        func time(_ date: Date) -> String { PageFormat.dateTime(date, timeZone: ctx.zone, locale: req.locale) }
        return Context(
            shell: try await Shell.make(req, ctx, section: "settings.lead_ads", title: req.t("settings.lead_ads")),
            webhookURL: req.nexo.settings.publicURL + SiteRoute.hookMetaLeadgen.path,
            hasGlobalToken: req.nexo.settings.metaVerifyToken != nil,
            pages: try pages.map { page in
                PageRow(
                    pageID: page.pageID, name: page.name,
                    verifyToken: (try? req.nexo.secrets.open(page.verifyToken)) ?? "",
                    lastLead: page.lastLeadAt.map(time),
                    deleteURL: SiteRoute.settingsLeadAdsPageDelete(.value(try page.requireID())).path)
            },
            leads: try leads.map { lead in
                LeadRow(
                    receivedAt: time(lead.receivedAt), leadgenID: lead.leadgenID, formID: lead.formID,
                    state: lead.state.rawValue, stateLabel: req.t("lead_ads.state.\(lead.state.rawValue)"),
                    outcomeLabel: lead.outcome.map { req.t("webhooks.outcome.\($0)") },
                    contactURL: lead.contactID.map { SiteRoute.contact(.value($0)).path }, error: lead.error,
                    retryURL: lead.state == .failed
                        ? SiteRoute.settingsLeadAdsLeadRetry(.value(try lead.requireID())).path : nil)
            },
            form: form, errors: errors, action: SiteRoute.settingsLeadAds.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsLeadAds.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageSettings)
            return try await req.view.render("settings/lead-ads", try await context(req, ctx))
        }
        routes.post(SiteRoute.settingsLeadAds.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let form = try req.content.decode(Form.self)
            do {
                _ = try await LeadAdsService(req: req, context: ctx).connect(
                    .init(pageID: form.pageID, name: form.name, accessToken: form.accessToken, appSecret: form.appSecret))
                req.session.flash = req.t("lead_ads.connected")
                return req.redirect(to: SiteRoute.settingsLeadAds.path)
            } catch let problem as Problem where problem.errors != nil {
                var shown = form
                shown.accessToken = nil
                shown.appSecret = nil
                return try await req.render(
                    "settings/lead-ads",
                    try await context(req, ctx, form: shown, errors: WebhookSourcePage.formErrors(problem, req: req)),
                    status: problem.status)
            }
        }
        routes.post(SiteRoute.settingsLeadAdsPageDelete(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let page = try await LeadAdsPage.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Page")
            try await LeadAdsService(req: req, context: ctx).disconnect(page)
            req.session.flash = req.t("lead_ads.disconnected", page.name)
            return req.redirect(to: SiteRoute.settingsLeadAds.path)
        }
        routes.post(SiteRoute.settingsLeadAdsLeadRetry(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let lead = try await CapturedLead.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Lead")
            try await LeadAdsService(req: req, context: ctx).retry(lead)
            req.session.flash = req.t("lead_ads.retrying")
            return req.redirect(to: SiteRoute.settingsLeadAds.path)
        }
    }
}
