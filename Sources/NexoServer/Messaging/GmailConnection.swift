import Crypto
import Fluent
import Foundation
import NexoCore
import Vapor

/// "Connect with Google" on Settings → E-mail: the OAuth 2.0 authorization-code flow that gives Nexo a refresh
/// token for sending as the business's Gmail account (scope `gmail.send` only). The `state` parameter is tied to
/// the browser's session and the business, so a callback cannot be replayed into another session or business.
enum GmailConnection {
    static let scope = "https://www.googleapis.com/auth/gmail.send"
    private static let sessionKey = "gmail_oauth_state"

    struct Token: Decodable {
        let accessToken: String
        let expiresIn: Int?
        let refreshToken: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
            case refreshToken = "refresh_token"
        }
    }

    static func callbackURL(_ req: Request) -> String { req.nexo.settings.publicURL + SiteRoute.settingsEmailGmailCallback.path }

    static func register(on routes: TenantRoutes) {
        routes.post(SiteRoute.settingsEmailGmailConnect.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let secrets = req.nexo.secrets
            let settings =
                try await EmailSettings.scoped(to: ctx, on: req.db).first()
                ?? EmailSettings(tenantID: ctx.tenantID, now: .nexoNow)
            // The client id and secret typed next to the button count, even if the form was not saved first.
            if let id = (try? req.content.get(String.self, at: "gmailClientID"))?.trimmingCharacters(in: .whitespaces),
                !id.isEmpty
            {
                settings.gmailClientID = id
            }
            if let secret = (try? req.content.get(String.self, at: "gmailClientSecret"))?.trimmingCharacters(in: .whitespaces),
                !secret.isEmpty
            {
                settings.gmailClientSecret = try secrets.seal(secret)
            }
            guard let clientID = settings.gmailClientID, settings.gmailClientSecret != nil else {
                req.session.flash = req.t("email.gmail_needs_client")
                return req.redirect(to: SiteRoute.settingsEmail.path)
            }
            settings.updatedAt = .nexoNow
            try await settings.save(on: req.db)
            let state = SecretToken.generate(prefix: "st_")
            req.session.data[sessionKey] = "\(ctx.tenantID.uuidString) \(state)"
            var components = URLComponents(string: req.nexo.settings.googleAuthorizeURL)
            components?.queryItems = [
                URLQueryItem(name: "client_id", value: clientID), URLQueryItem(name: "redirect_uri", value: callbackURL(req)),
                URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "scope", value: scope),
                URLQueryItem(name: "access_type", value: "offline"), URLQueryItem(name: "prompt", value: "consent"),
                URLQueryItem(name: "include_granted_scopes", value: "true"), URLQueryItem(name: "state", value: state),
            ]
            return req.redirect(to: components?.url?.absoluteString ?? SiteRoute.settingsEmail.path)
        }

        routes.get(SiteRoute.settingsEmailGmailCallback.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let expected = req.session.data[sessionKey]
            req.session.data[sessionKey] = nil
            let state = (try? req.query.get(String.self, at: "state")) ?? ""
            guard let expected, SecretToken.constantTimeEquals(expected, "\(ctx.tenantID.uuidString) \(state)") else {
                req.session.flash = req.t("email.gmail_state_mismatch")
                return req.redirect(to: SiteRoute.settingsEmail.path)
            }
            if let error = try? req.query.get(String.self, at: "error") {
                req.session.flash = req.t("email.gmail_refused", error)
                return req.redirect(to: SiteRoute.settingsEmail.path)
            }
            guard let code = try? req.query.get(String.self, at: "code"), !code.isEmpty,
                let settings = try await EmailSettings.scoped(to: ctx, on: req.db).first(),
                let clientID = settings.gmailClientID, let sealedSecret = settings.gmailClientSecret
            else {
                req.session.flash = req.t("email.gmail_needs_client")
                return req.redirect(to: SiteRoute.settingsEmail.path)
            }
            let secrets = req.nexo.secrets
            let form = ProviderHTTP.formEncoded([
                ("grant_type", "authorization_code"), ("code", code), ("client_id", clientID),
                ("client_secret", try secrets.open(sealedSecret)), ("redirect_uri", callbackURL(req)),
            ])
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let response: ClientResponse
            do {
                response = try await ProviderHTTP.post(
                    req.client, req.nexo.settings.googleOAuthBaseURL + "/token", headers: headers, body: ByteBuffer(string: form),
                    service: "Google's token endpoint")
            } catch {
                req.session.flash = req.t("email.gmail_exchange_failed", String(describing: error))
                return req.redirect(to: SiteRoute.settingsEmail.path)
            }
            guard response.status == .ok, let token = ProviderHTTP.decode(Token.self, from: response) else {
                req.session.flash = req.t("email.gmail_exchange_failed", ProviderHTTP.excerpt(response))
                return req.redirect(to: SiteRoute.settingsEmail.path)
            }
            guard let refresh = token.refreshToken, !refresh.isEmpty else {
                // Google gives a refresh token only on the first consent; a repeat needs the old grant removed.
                req.session.flash = req.t("email.gmail_no_refresh_token")
                return req.redirect(to: SiteRoute.settingsEmail.path)
            }
            settings.provider = .gmail
            settings.secret = try secrets.seal(refresh)
            settings.accessToken = try secrets.seal(token.accessToken)
            settings.accessTokenExpiresAt = Date.nexoNow.addingTimeInterval(TimeInterval(token.expiresIn ?? 3600))
            settings.needsReconnect = false
            settings.statusMessage = nil
            settings.updatedAt = .nexoNow
            try await req.db.writeTransaction { tx in
                try await settings.save(on: tx)
                try await AuditLog.record(
                    "email_settings.gmail_connected", context: ctx, entityType: "email_settings",
                    entityID: ctx.tenantID.uuidString, request: req, on: tx)
            }
            req.session.flash = req.t("email.gmail_connected")
            return req.redirect(to: SiteRoute.settingsEmail.path)
        }
    }
}
