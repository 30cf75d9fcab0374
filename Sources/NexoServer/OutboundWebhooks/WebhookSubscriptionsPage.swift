import Fluent
import Foundation
import NexoCore
import Vapor

/// Settings → Outbound webhooks: the URLs that receive the business's events, a form to add one (its signing secret
/// is shown once), a notice on those Nexo turned off after failing, and each one's delivery log.
enum WebhookSubscriptionsPage {
    struct Row: Encodable, Sendable {
        let url: String
        let details: String?
        let events: String
        let enabled: Bool
        let disabledReason: String?
        let disabledAt: String?
        let detailURL: String
    }

    struct EventOption: Encodable, Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let subscriptions: [Row]
        let events: [EventOption]
        let url: String
        let details: String
        let secret: String?
        let errors: FormErrors
        let action: String
    }

    struct DeliveryRow: Encodable, Sendable {
        let createdAt: String
        let eventType: String
        let state: String
        let stateLabel: String
        let attempts: Int
        let responseCode: Int?
        let error: String?
        let nextAttemptAt: String?
    }

    struct DetailContext: Encodable, Sendable {
        let shell: Shell
        let row: Row
        let deliveries: [DeliveryRow]
        let enableAction: String
        let deleteAction: String
        let listURL: String
    }

    struct Form: Content, Sendable {
        var url: String?
        var details: String?
        var events: [String]?
    }

    static func row(_ subscription: WebhookSubscription, req: Request, zone: TimeZone) throws -> Row {
        Row(
            url: subscription.url, details: subscription.details,
            events: subscription.eventTypes.map { $0 == "*" ? req.t("outbound.all_events") : $0 }.joined(separator: ", "),
            enabled: subscription.enabled, disabledReason: subscription.disabledReason,
            disabledAt: subscription.disabledAt.map { PageFormat.dateTime($0, timeZone: zone, locale: req.locale) },
            detailURL: SiteRoute.settingsWebhookSubscription(.value(try subscription.requireID())).path)
    }

    static func context(
        _ req: Request, _ ctx: TenantContext, form: Form = Form(), secret: String? = nil, errors: FormErrors = .none
    ) async throws -> Context {
        let subscriptions = try await WebhookSubscription.scoped(to: ctx, on: req.db).sort(\.$createdAt).all()
        let chosen = Set(form.events ?? [])
        return Context(
            shell: try await Shell.make(
                req, ctx, section: "settings.outbound_webhooks", title: req.t("settings.outbound_webhooks")),
            subscriptions: try subscriptions.map { try row($0, req: req, zone: ctx.zone) },
            events: (["*"] + DomainEventTypes.all).map {
                EventOption(value: $0, label: $0 == "*" ? req.t("outbound.all_events") : $0, checked: chosen.contains($0))
            },
            url: form.url ?? "", details: form.details ?? "", secret: secret, errors: errors,
            action: SiteRoute.settingsWebhookSubscriptions.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsWebhookSubscriptions.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageSettings)
            return try await req.view.render("settings/outbound-webhooks", try await context(req, ctx))
        }
        routes.post(SiteRoute.settingsWebhookSubscriptions.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let form = try req.content.decode(Form.self)
            do {
                let (_, secret) = try await WebhookSubscriptionService(req: req, context: ctx).create(
                    .init(url: form.url, details: form.details, eventTypes: form.events ?? []))
                return try await req.render(
                    "settings/outbound-webhooks", try await context(req, ctx, secret: secret), status: .created)
            } catch let problem as Problem where problem.errors != nil {
                return try await req.render(
                    "settings/outbound-webhooks",
                    try await context(req, ctx, form: form, errors: WebhookSourcePage.formErrors(problem, req: req)),
                    status: problem.status)
            }
        }
        @Sendable func find(_ req: Request, _ ctx: TenantContext) async throws -> WebhookSubscription {
            try ctx.require(.manageSettings)
            return try await WebhookSubscription.findOr404(
                try req.idParameter(), in: ctx, on: req.db, what: "Webhook subscription")
        }
        routes.get(SiteRoute.settingsWebhookSubscription(.key).pathComponents) { req, ctx async throws -> View in
            let subscription = try await find(req, ctx)
            let id = try subscription.requireID()
            let deliveries = try await WebhookSubscriptionDelivery.scoped(to: ctx, on: req.db)
                .filter(\.$subscriptionID == id).sort(\.$createdAt, .descending).limit(50).all()
            let context = DetailContext(
                shell: try await Shell.make(
                    req, ctx, section: "settings.outbound_webhooks", title: req.t("settings.outbound_webhooks")),
                row: try row(subscription, req: req, zone: ctx.zone),
                deliveries: deliveries.map { delivery in
                    DeliveryRow(
                        createdAt: PageFormat.dateTime(delivery.createdAt, timeZone: ctx.zone, locale: req.locale),
                        eventType: delivery.eventType, state: delivery.state.rawValue,
                        stateLabel: req.t("outbound.state.\(delivery.state.rawValue)"), attempts: delivery.attempts,
                        responseCode: delivery.responseCode, error: delivery.error,
                        nextAttemptAt: delivery.nextAttemptAt.map {
                            PageFormat.dateTime($0, timeZone: ctx.zone, locale: req.locale)
                        })
                },
                enableAction: SiteRoute.settingsWebhookSubscriptionEnable(.value(id)).path,
                deleteAction: SiteRoute.settingsWebhookSubscriptionDelete(.value(id)).path,
                listURL: SiteRoute.settingsWebhookSubscriptions.path)
            return try await req.view.render("settings/outbound-webhook", context)
        }
        routes.post(SiteRoute.settingsWebhookSubscriptionEnable(.key).pathComponents) { req, ctx async throws -> Response in
            let subscription = try await find(req, ctx)
            try ctx.requireWritable()
            let enable = !subscription.enabled
            try await WebhookSubscriptionService(req: req, context: ctx).update(subscription, with: .init(enabled: enable))
            req.session.flash = req.t(enable ? "outbound.enabled_flash" : "outbound.disabled_flash")
            return req.redirect(to: SiteRoute.settingsWebhookSubscription(.value(try subscription.requireID())).path)
        }
        routes.post(SiteRoute.settingsWebhookSubscriptionDelete(.key).pathComponents) { req, ctx async throws -> Response in
            let subscription = try await find(req, ctx)
            try ctx.requireWritable()
            try await WebhookSubscriptionService(req: req, context: ctx).delete(subscription)
            req.session.flash = req.t("outbound.deleted")
            return req.redirect(to: SiteRoute.settingsWebhookSubscriptions.path)
        }
    }
}
