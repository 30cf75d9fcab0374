import Fluent
import Vapor

/// Every route, grouped by who may call it. Paths come from `SiteRoute`.
func routes(_ app: Application) throws {
    HealthRoutes().register(on: app)
    UnsubscribeRoutes.register(on: app)
    InboundWebhookEndpoint.register(on: app)
    LeadAdsWebhookEndpoint.register(on: app)

    // REST API: bearer tokens, JSON, no cookies (so no CSRF).
    OpenAPIDocument.register(on: app)
    let api = TenantRoutes(routes: app.grouped(BearerTokenMiddleware()))
    MeAPI.register(on: api)
    ContactsAPIController().register(on: api)
    AutomationsAPIController().register(on: api)
    ContactImportsAPIController().register(on: api)
    WebhookSourcesAPIController().register(on: api)
    WebhookSubscriptionsAPIController().register(on: api)
    LeadAdsAPIController().register(on: api)

    // Backoffice: sessions, CSRF on every form, pages in the reader's language.
    let web = app.grouped(app.sessions.middleware, VisitorLocaleMiddleware(), CSRFMiddleware())
    AccountRoutes.registerPublic(on: web)
    SignUpPage.register(on: web)
    SignInPage.register(on: web)
    InvitationPage.register(on: web)

    let signedIn = TenantRoutes(routes: web.grouped(SignedInMiddleware()))
    AccountRoutes.register(on: signedIn)
    DashboardPage.register(on: signedIn)
    NewBusinessPage.register(on: signedIn)
    ContactsPages.register(on: signedIn)
    ContactImportPages.register(on: signedIn)
    ProfileSettingsPage.register(on: signedIn)
    MembersPage.register(on: signedIn)
    TokensPage.register(on: signedIn)
    AuditPage.register(on: signedIn)
    OutboxPage.register(on: signedIn)
    AutomationsListPage.register(on: signedIn)
    AutomationEditorPage.register(on: signedIn)
    AutomationRunsPage.register(on: signedIn)
    AutomationExplainPage.register(on: signedIn)
    EmailSettingsPage.register(on: signedIn)
    GmailConnection.register(on: signedIn)
    JobsPage.register(on: signedIn)
    OperatorJobsPage.register(on: signedIn)
    WebhookSourcesPage.register(on: signedIn)
    WebhookSubscriptionsPage.register(on: signedIn)
    LeadAdsSettingsPage.register(on: signedIn)
    signedIn.routes.get("settings") { req -> Response in req.redirect(to: SiteRoute.settingsProfile.path) }
}
