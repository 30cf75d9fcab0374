import Fluent
import Foundation
import NexoCore
import Vapor

/// The audit log, newest first, filterable by action, paged by cursor.
enum AuditPage {
    struct Row: Encodable {
        let at: String
        let actor: String
        let action: String
        let entity: String
        let details: String
    }

    struct Context: Encodable {
        let shell: Shell
        let rows: [Row]
        let actions: [SelectOption]
        let nextURL: String?
        let action: String
    }

    static let knownActions = [
        "user.signed_in", "tenant.created", "tenant.updated", "tenant.plan_changed", "tenant.status_changed", "member.invited",
        "member.joined",
        "member.role_changed", "member.removed", "invitation.revoked", "token.created", "token.revoked", "contacts.exported",
        "contact.erased",
    ]

    static func context(_ req: Request, _ ctx: TenantContext) async throws -> Context {
        let selected = (try? req.query.get(String.self, at: "action")).flatMap { $0.isEmpty ? nil : $0 }
        let page = try PageRequest(from: req.query)
        var query = AuditEvent.scoped(to: ctx, on: req.db)
        if let selected { query = query.filter(\.$action == selected) }
        let (events, next) = try await query.keysetPage(by: \.$createdAt, page)
        let nextURL = next.map { SiteRoute.settingsAudit.path(query: ["action": selected, "cursor": $0.encoded]) }
        let timeZone = ctx.zone
        return Context(
            shell: try await Shell.make(req, ctx, section: "settings.audit", title: req.t("settings.audit")),
            rows: events.map { event in
                let details = (JSONValue.parse(event.details)?.objectValue ?? [:]).sorted { $0.key < $1.key }
                    .map { "\($0.key): \($0.value.displayText)" }.joined(separator: ", ")
                return Row(
                    at: PageFormat.dateTime(event.createdAt, timeZone: timeZone, locale: req.locale), actor: event.actorLabel,
                    action: req.t("audit.\(event.action)"),
                    entity: [event.entityType, event.entityID].compactMap { $0 }.joined(separator: " "),
                    details: details)
            },
            actions: knownActions.map { .init(value: $0, label: req.t("audit.\($0)"), selected: $0 == selected) },
            nextURL: nextURL,
            action: SiteRoute.settingsAudit.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsAudit.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.readAuditLog)
            return try await req.view.render("settings/audit", try await context(req, ctx))
        }
    }
}
