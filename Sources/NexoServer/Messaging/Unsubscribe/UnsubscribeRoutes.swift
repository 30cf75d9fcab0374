import Crypto
import Fluent
import Foundation
import NexoCore
import Vapor

/// `/u/{token}`: the unsubscribe link of every marketing e-mail. GET shows a page with one button (mail
/// scanners follow links, so a GET alone changes nothing); POST, from that button or from a mail client's
/// one-click `List-Unsubscribe-Post`, withdraws e-mail consent and notes it on the contact's timeline.
/// The signed token is the authorization, so these routes need no session and no CSRF token.
enum UnsubscribeRoutes {
    struct Context: Encodable, Sendable {
        let shell: PublicShell
        let business: String
        let action: String
        let done: Bool
    }

    static func url(for token: UnsubscribeToken, app: Application) -> String {
        app.nexo.settings.publicURL + SiteRoute.unsubscribe(token: .value(token.encoded(with: key(app)))).path
    }

    static func key(_ app: Application) -> SymmetricKey { app.nexo.secrets.derivedKey(for: "unsubscribe") }

    static func register(on app: Application) {
        let path = SiteRoute.unsubscribe(token: .key).pathComponents
        app.get(path) { req async throws -> Response in
            let (tenant, contact) = try await resolve(req)
            req.locale = tenant.locale
            let done = contact.emailConsent == ConsentState.withdrawn.rawValue
            return try await req.render(
                "messaging/unsubscribe",
                Context(
                    shell: PublicShell.make(req, title: req.t("unsubscribe.title"), session: false), business: tenant.name,
                    action: req.url.path, done: done),
                status: .ok)
        }
        app.post(path) { req async throws -> Response in
            let (tenant, contact) = try await resolve(req)
            req.locale = tenant.locale
            if contact.emailConsent != ConsentState.withdrawn.rawValue {
                let context = try TenantContext(tenant: tenant, actor: .system("unsubscribe link"), role: .owner)
                var input = ContactInput()
                input.emailConsent = .set(.init(state: "withdrawn", method: "unsubscribe_link"))
                _ = try await ContactService(db: req.db, context: context).update(id: try contact.requireID(), with: input)
                try await Interaction(
                    tenantID: try tenant.requireID(), contactID: try contact.requireID(), type: "consent_withdrawn",
                    channel: "email", summary: "Unsubscribed from e-mail with the link in a message", actorLabel: nil,
                    occurredAt: .nexoNow
                ).create(on: req.db)
            }
            return try await req.render(
                "messaging/unsubscribe",
                Context(
                    shell: PublicShell.make(req, title: req.t("unsubscribe.title"), session: false), business: tenant.name,
                    action: req.url.path, done: true),
                status: .ok)
        }
    }

    /// The tenant and contact a token names; 404 for anything forged, malformed or erased since.
    private static func resolve(_ req: Request) async throws -> (Tenant, Contact) {
        guard let raw = req.parameters.get("token"), let token = UnsubscribeToken.decode(raw, with: key(req.application)),
            let tenant = try await Tenant.find(token.tenantID, on: req.db),
            let contact = try await Contact.query(on: req.db).filter(\.$tenantID == token.tenantID)
                .filter(\.$id == token.contactID).first()
        else { throw Problem.notFound("Link") }
        return (tenant, contact)
    }
}
