import Fluent
import Foundation
import NexoCore
import Vapor

/// What every signed-in page shows around its content: navigation, tenant switcher, language, flash message.
struct Shell: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        let key: String
        let href: String
        let active: Bool
    }

    struct TenantChoice: Encodable, Sendable {
        let id: String
        let name: String
        let current: Bool
    }

    let locale: String
    let csrf: String
    let userName: String
    let tenantName: String
    let role: String
    let roleLabel: String
    let tenants: [TenantChoice]
    let nav: [Link]
    /// Sections of issues still to come, shown as "coming soon" so the navigation has their place.
    let upcoming: [String]
    let settingsNav: [Link]
    let canManageSettings: Bool
    let readOnlyReason: String?
    let isReadOnly: Bool
    let flash: String?
    let signOutURL: String
    let switchTenantURL: String
    let localeURL: String
    let newBusinessURL: String
    let title: String

    static func make(_ req: Request, _ ctx: TenantContext, section: String, title: String) async throws -> Shell {
        let userID = ctx.actor.userID
        var tenants: [TenantChoice] = []
        if let userID {
            let memberships = try await Membership.query(on: req.db).filter(\.$user.$id == userID).with(\.$tenant).all()
            tenants = memberships.map {
                TenantChoice(id: $0.tenant.id?.uuidString ?? "", name: $0.tenant.name, current: $0.$tenant.id == ctx.tenantID)
            }.sorted { $0.name < $1.name }
        }
        let nav = [
            Link(key: "nav.dashboard", href: SiteRoute.dashboard.path, active: section == "dashboard"),
            Link(key: "nav.contacts", href: SiteRoute.contacts.path, active: section == "contacts"),
            Link(key: "nav.automations", href: SiteRoute.automations.path, active: section == "automations"),
        ]
        var settingsNav: [Link] = []
        if ctx.role.allows(.manageSettings) {
            settingsNav = [
                Link(key: "settings.profile", href: SiteRoute.settingsProfile.path, active: section == "settings.profile"),
                Link(key: "settings.members", href: SiteRoute.settingsMembers.path, active: section == "settings.members"),
                Link(key: "settings.tokens", href: SiteRoute.settingsTokens.path, active: section == "settings.tokens"),
                Link(key: "settings.audit", href: SiteRoute.settingsAudit.path, active: section == "settings.audit"),
                Link(key: "settings.email", href: SiteRoute.settingsEmail.path, active: section == "settings.email"),
                Link(key: "settings.outbox", href: SiteRoute.settingsOutbox.path, active: section == "settings.outbox"),
                Link(key: "settings.jobs", href: SiteRoute.settingsJobs.path, active: section == "settings.jobs"),
                Link(
                    key: "settings.webhooks", href: SiteRoute.settingsWebhookSources.path,
                    active: section == "settings.webhooks"),
                Link(
                    key: "settings.outbound_webhooks", href: SiteRoute.settingsWebhookSubscriptions.path,
                    active: section == "settings.outbound_webhooks"),
                Link(key: "settings.lead_ads", href: SiteRoute.settingsLeadAds.path, active: section == "settings.lead_ads"),
            ]
        }
        let name: String
        if case .user(_, let userName, _) = ctx.actor { name = userName } else { name = ctx.actor.label }
        return Shell(
            locale: req.locale, csrf: req.session.csrfToken, userName: name, tenantName: ctx.tenantName,
            role: ctx.role.rawValue, roleLabel: req.t("role.\(ctx.role.rawValue)"), tenants: tenants, nav: nav,
            upcoming: ["nav.conversations", "nav.appointments", "nav.campaigns"],
            settingsNav: settingsNav, canManageSettings: ctx.role.allows(.manageSettings),
            readOnlyReason: ctx.statusReason, isReadOnly: ctx.status.isReadOnly, flash: req.session.takeFlash(),
            signOutURL: SiteRoute.signOut.path, switchTenantURL: SiteRoute.switchTenant.path, localeURL: SiteRoute.locale.path,
            newBusinessURL: SiteRoute.businessNew.path, title: title)
    }
}
