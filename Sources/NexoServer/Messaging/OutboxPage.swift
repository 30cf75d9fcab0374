import Fluent
import Foundation
import NexoCore
import Vapor

/// The outbox: e-mail Nexo sent for this business (invitations for now), readable by owners and admins.
enum OutboxPage {
    struct Row: Encodable {
        let to: String
        let subject: String
        let kind: String
        let at: String
        let href: String
    }

    struct Context: Encodable {
        let shell: Shell
        let rows: [Row]
    }

    struct MessageContext: Encodable {
        let shell: Shell
        let to: String
        let subject: String
        let body: String
        let at: String
        let backURL: String
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsOutbox.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.readOutbox)
            let timeZone = ctx.zone
            let emails = try await OutboxEmail.query(on: req.db).filter(\.$tenantID == ctx.tenantID).sort(
                \.$createdAt, .descending
            )
            .limit(100).all()
            let rows = try emails.map { email in
                Row(
                    to: email.toAddress, subject: email.subject, kind: req.t("outbox.kind.\(email.kind)"),
                    at: email.createdAt.map { PageFormat.dateTime($0, timeZone: timeZone, locale: req.locale) } ?? "",
                    href: SiteRoute.outboxEmail(.value(try email.requireID())).path)
            }
            return try await req.view.render(
                "settings/outbox",
                Context(
                    shell: try await Shell.make(req, ctx, section: "settings.outbox", title: req.t("settings.outbox")), rows: rows
                ))
        }
        routes.get(SiteRoute.outboxEmail(.key).pathComponents) { req, ctx async throws -> View in
            try ctx.require(.readOutbox)
            let id = try req.idParameter()
            guard
                let email = try await OutboxEmail.query(on: req.db).filter(\.$tenantID == ctx.tenantID).filter(\.$id == id)
                    .first()
            else {
                throw Problem.notFound("Message")
            }
            let timeZone = ctx.zone
            return try await req.view.render(
                "settings/outbox-email",
                MessageContext(
                    shell: try await Shell.make(req, ctx, section: "settings.outbox", title: email.subject), to: email.toAddress,
                    subject: email.subject, body: email.textBody,
                    at: email.createdAt.map { PageFormat.dateTime($0, timeZone: timeZone, locale: req.locale) } ?? "",
                    backURL: SiteRoute.settingsOutbox.path))
        }
    }
}
