import Fluent
import Foundation
import NexoCore
import Vapor

/// Creating and changing outbound webhook subscriptions, for the API and the settings page alike; every change is
/// audited and the signing secret is shown only when it is made.
struct WebhookSubscriptionService: Sendable {
    let req: Request
    let context: TenantContext

    var db: any Database { req.db }

    struct Changes: Sendable {
        var url: String?
        var details: String?
        var eventTypes: [String]?
        var enabled: Bool?
    }

    static let maxURLLength = 2000

    func create(_ changes: Changes) async throws -> (subscription: WebhookSubscription, secret: String) {
        var errors: [FieldError] = []
        let url = validURL(changes.url, errors: &errors)
        let types = validTypes(changes.eventTypes, errors: &errors)
        if !errors.isEmpty { throw Problem.validation(errors) }
        let secret = SecretToken.generate(prefix: "whsec_")
        let subscription = WebhookSubscription(
            tenantID: context.tenantID, url: url, details: trimmed(changes.details), eventTypes: types,
            sealedSecret: try req.nexo.secrets.seal(secret), now: req.nexo.clock.now)
        if let enabled = changes.enabled { subscription.enabled = enabled }
        try await db.writeTransaction { tx in
            try await subscription.create(on: tx)
            try await AuditLog.record(
                "webhook_subscription.created", context: context, entityType: "webhook_subscription",
                entityID: subscription.id?.uuidString, details: ["url": url], request: req, on: tx)
        }
        return (subscription, secret)
    }

    func update(_ subscription: WebhookSubscription, with changes: Changes) async throws {
        var errors: [FieldError] = []
        if changes.url != nil { subscription.url = validURL(changes.url, errors: &errors) }
        if changes.eventTypes != nil { subscription.eventTypes = validTypes(changes.eventTypes, errors: &errors) }
        if !errors.isEmpty { throw Problem.validation(errors) }
        if let details = changes.details { subscription.details = trimmed(details) }
        if let enabled = changes.enabled {
            subscription.enabled = enabled
            // Turned on again by a person: the reason it was turned off no longer stands.
            if enabled {
                subscription.disabledReason = nil
                subscription.disabledAt = nil
            }
        }
        subscription.updatedAt = req.nexo.clock.now
        try await db.writeTransaction { tx in
            try await subscription.update(on: tx)
            try await AuditLog.record(
                "webhook_subscription.updated", context: context, entityType: "webhook_subscription",
                entityID: subscription.id?.uuidString,
                details: ["url": subscription.url, "enabled": String(subscription.enabled)], request: req, on: tx)
        }
    }

    func delete(_ subscription: WebhookSubscription) async throws {
        try await db.writeTransaction { tx in
            try await WebhookSubscriptionDelivery.query(on: tx).filter(\.$subscriptionID == subscription.requireID())
                .delete()
            try await subscription.delete(on: tx)
            try await AuditLog.record(
                "webhook_subscription.deleted", context: context, entityType: "webhook_subscription",
                entityID: subscription.id?.uuidString, details: ["url": subscription.url], request: req, on: tx)
        }
    }

    private func trimmed(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return String(value.prefix(200))
    }

    private func validURL(_ raw: String?, errors: inout [FieldError]) -> String {
        let url = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !url.isEmpty else {
            errors.append(FieldError(field: "url", code: "field.required", message: "Give the URL to send events to."))
            return url
        }
        guard url.count <= Self.maxURLLength, let parsed = URL(string: url),
            let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), parsed.host?.isEmpty == false
        else {
            errors.append(
                FieldError(field: "url", code: "url.invalid", message: "Use a full http:// or https:// URL."))
            return url
        }
        return url
    }

    private func validTypes(_ raw: [String]?, errors: inout [FieldError]) -> [String] {
        let types = Array(Set(raw ?? [])).sorted()
        guard !types.isEmpty else {
            errors.append(
                FieldError(field: "event_types", code: "webhook.events_required", message: "Choose at least one event."))
            return []
        }
        for type in types where type != "*" && !DomainEventTypes.all.contains(type) {
            errors.append(
                FieldError(
                    field: "event_types", code: "webhook.event_unknown",
                    message: "Unknown event \(type); expected * or one of \(DomainEventTypes.all.joined(separator: ", "))."))
        }
        return types
    }
}
