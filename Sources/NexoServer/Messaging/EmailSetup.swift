import Fluent
import Foundation
import Vapor

/// A tenant's e-mail settings turned into a sender identity and a provider (nil: the outbox).
struct EmailSetup: Sendable {
    let identity: EmailIdentity
    let provider: (any EmailProvider)?

    static func load(tenantID: UUID, app: Application) async throws -> EmailSetup {
        guard let tenant = try await Tenant.find(tenantID, on: app.db) else {
            throw JobFailure.permanent("tenant \(tenantID) no longer exists")
        }
        let settings = try await EmailSettings.query(on: app.db).filter(\.$tenantID == tenantID).first()
        let host = URL(string: app.nexo.settings.publicURL)?.host ?? "localhost"
        let identity = EmailIdentity(
            address: settings?.fromAddress ?? "no-reply@\(host)", name: settings?.fromName ?? tenant.name,
            replyTo: settings?.replyTo)
        guard let settings, settings.provider != .outbox else { return EmailSetup(identity: identity, provider: nil) }
        if settings.needsReconnect {
            throw EmailFailure.needsReconnection(
                settings.statusMessage ?? "the e-mail account must be connected again in Settings → E-mail")
        }
        return EmailSetup(identity: identity, provider: try EmailProviders.make(settings, app: app))
    }

    static func markNeedsReconnection(tenantID: UUID, reason: String, on db: any Database) async throws {
        try await EmailSettings.query(on: db).filter(\.$tenantID == tenantID).set(\.$needsReconnect, to: true)
            .set(\.$statusMessage, to: reason).update()
    }
}

/// Builds the provider a tenant's settings name, with its secrets opened. Each provider lives in its own file
/// (Messaging/Providers); the services' base URLs come from `Settings`.
enum EmailProviders {
    /// - Throws: `EmailFailure.permanent` naming what is missing (no SMTP host, no API key, …) or cannot be opened.
    static func make(_ settings: EmailSettings, app: Application) throws -> any EmailProvider {
        let configuration = app.nexo.settings
        switch settings.provider {
        case .outbox: throw JobFailure.permanent("the outbox is not an external provider")
        case .smtp:
            guard let host = present(settings.smtpHost) else {
                throw EmailFailure.permanent("SMTP is chosen but no server host is set in Settings → E-mail")
            }
            let security: SMTPConfiguration.Security =
                switch settings.smtpSecurity ?? .startTLS {
                case .startTLS: .startTLS
                case .implicitTLS: .implicitTLS
                case .none: .none
                }
            let username = present(settings.smtpUsername)
            // A server that takes mail without signing in (a local relay) needs no password; a user name does.
            let password = try username.map { _ in try open(settings.secret, "the SMTP password", app: app) }
            let helo = URL(string: configuration.publicURL)?.host ?? "localhost"
            return SMTPEmailProvider(
                configuration: SMTPConfiguration(
                    host: host, port: settings.smtpPort, security: security, username: username, password: password,
                    heloName: helo),
                allowPrivateNetwork: configuration.allowPrivateNetwork)
        case .resend:
            return ResendEmailProvider(
                client: app.client, apiKey: try open(settings.secret, "the Resend API key", app: app),
                baseURL: configuration.resendBaseURL)
        case .gmail:
            guard let clientID = present(settings.gmailClientID) else {
                throw EmailFailure.permanent("Gmail is chosen but no OAuth client id is set in Settings → E-mail")
            }
            guard settings.secret?.isEmpty == false else {
                throw EmailFailure.permanent("Gmail is chosen but no account is connected; connect it in Settings → E-mail")
            }
            let account = GmailEmailProvider.Account(
                tenantID: settings.tenantID, clientID: clientID,
                clientSecret: try open(settings.gmailClientSecret, "the Gmail OAuth client secret", app: app),
                refreshToken: try open(settings.secret, "the Gmail refresh token", app: app),
                sealedRefreshToken: settings.secret,
                // An access token that cannot be opened is as good as none: a new one is fetched.
                accessToken: settings.accessToken.flatMap { try? app.nexo.secrets.open($0) },
                accessTokenExpiresAt: settings.accessTokenExpiresAt)
            return GmailEmailProvider(
                app: app, account: account, apiBaseURL: configuration.gmailAPIBaseURL,
                oauthBaseURL: configuration.googleOAuthBaseURL)
        }
    }

    private static func present(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A sealed secret opened, or a permanent failure saying which one is missing or unreadable.
    private static func open(_ sealed: String?, _ what: String, app: Application) throws -> String {
        guard let sealed, !sealed.isEmpty else {
            throw EmailFailure.permanent("\(what) is not set in Settings → E-mail")
        }
        do {
            return try app.nexo.secrets.open(sealed)
        } catch {
            throw EmailFailure.permanent(
                "\(what) cannot be opened (it was sealed with another master key); enter it again in Settings → E-mail")
        }
    }
}
