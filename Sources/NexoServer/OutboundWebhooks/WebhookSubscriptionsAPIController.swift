import Fluent
import Foundation
import NexoCore
import Vapor

/// `/api/v1/webhook-subscriptions`: URLs that receive the business's events, and each one's delivery log.
struct WebhookSubscriptionsAPIController {
    func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.api(.webhookSubscriptions).pathComponents, use: list)
        routes.post(SiteRoute.api(.webhookSubscriptions).pathComponents, use: create)
        routes.get(SiteRoute.api(.webhookSubscription(.key)).pathComponents, use: get)
        routes.patch(SiteRoute.api(.webhookSubscription(.key)).pathComponents, use: update)
        routes.delete(SiteRoute.api(.webhookSubscription(.key)).pathComponents, use: delete)
        routes.get(SiteRoute.api(.webhookSubscriptionDeliveries(.key)).pathComponents, use: deliveries)
    }

    @Sendable func list(req: Request, ctx: TenantContext) async throws -> Page<WebhookSubscriptionResponse> {
        try ctx.require(.manageSettings)
        let rows = try await WebhookSubscription.scoped(to: ctx, on: req.db).sort(\.$createdAt).all()
        return Page(data: try rows.map(WebhookSubscriptionResponse.init), nextCursor: nil)
    }

    @Sendable func create(req: Request, ctx: TenantContext) async throws -> Response {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        let changes = try Self.changes(from: try req.jsonObject(), creating: true)
        let (subscription, secret) = try await WebhookSubscriptionService(req: req, context: ctx).create(changes)
        var response = try WebhookSubscriptionResponse(subscription)
        response.secret = secret
        return try await response.encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request, ctx: TenantContext) async throws -> WebhookSubscriptionResponse {
        try ctx.require(.manageSettings)
        return try WebhookSubscriptionResponse(try await find(req, ctx))
    }

    @Sendable func update(req: Request, ctx: TenantContext) async throws -> WebhookSubscriptionResponse {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        let subscription = try await find(req, ctx)
        let changes = try Self.changes(from: try req.jsonObject(), creating: false)
        try await WebhookSubscriptionService(req: req, context: ctx).update(subscription, with: changes)
        return try WebhookSubscriptionResponse(subscription)
    }

    @Sendable func delete(req: Request, ctx: TenantContext) async throws -> HTTPStatus {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        try await WebhookSubscriptionService(req: req, context: ctx).delete(try await find(req, ctx))
        return .noContent
    }

    @Sendable func deliveries(req: Request, ctx: TenantContext) async throws -> Page<WebhookSubscriptionDeliveryResponse> {
        try ctx.require(.manageSettings)
        let subscription = try await find(req, ctx)
        let rows = try await WebhookSubscriptionDelivery.scoped(to: ctx, on: req.db)
            .filter(\.$subscriptionID == subscription.requireID()).sort(\.$createdAt, .descending).sort(\.$id).limit(50)
            .all()
        return Page(data: try rows.map(WebhookSubscriptionDeliveryResponse.init), nextCursor: nil)
    }

    private func find(_ req: Request, _ ctx: TenantContext) async throws -> WebhookSubscription {
        try await WebhookSubscription.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Webhook subscription")
    }

    static func changes(from body: [String: JSONValue], creating: Bool) throws -> WebhookSubscriptionService.Changes {
        var changes = WebhookSubscriptionService.Changes()
        var errors: [FieldError] = []
        for (key, value) in body.sorted(by: { $0.key < $1.key }) {
            switch (key, value) {
            case ("url", .string(let url)): changes.url = url
            case ("description", .string(let text)): changes.details = text
            case ("description", .null): changes.details = ""
            case ("enabled", .bool(let enabled)): changes.enabled = enabled
            case ("event_types", .array(let items)):
                var types: [String] = []
                for item in items {
                    guard case .string(let type) = item else {
                        errors.append(
                            FieldError(field: "event_types", code: "field.type", message: "event_types holds strings."))
                        continue
                    }
                    types.append(type)
                }
                changes.eventTypes = types
            case ("url", _), ("description", _):
                errors.append(FieldError(field: key, code: "field.type", message: "\(key) is a string."))
            case ("enabled", _):
                errors.append(FieldError(field: key, code: "field.type", message: "enabled is true or false."))
            case ("event_types", _):
                errors.append(
                    FieldError(field: key, code: "field.type", message: "event_types is a list such as [\"contact.created\"]."))
            default:
                errors.append(FieldError(field: key, code: "field.unknown", message: "\(key) is not a field of a subscription."))
            }
        }
        if creating {
            if changes.url == nil, !errors.contains(where: { $0.field == "url" }) {
                errors.append(FieldError(field: "url", code: "field.required", message: "Give the URL to send events to."))
            }
            if changes.eventTypes == nil, !errors.contains(where: { $0.field == "event_types" }) {
                errors.append(
                    FieldError(field: "event_types", code: "webhook.events_required", message: "Choose at least one event."))
            }
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
        return changes
    }
}
