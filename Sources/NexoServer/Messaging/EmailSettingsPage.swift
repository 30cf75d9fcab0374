import Fluent
import Foundation
import NexoCore
import Vapor

/// Settings → E-mail: which provider sends the business's e-mail, the sender shown, the provider's credentials
/// (sealed; never shown again, left blank to keep), the connection's state, and a test message.
enum EmailSettingsPage {
    struct Form: Content, Sendable {
        var provider: String?
        var fromName: String?
        var fromAddress: String?
        var replyTo: String?
        var smtpHost: String?
        var smtpPort: String?
        var smtpSecurity: String?
        var smtpUsername: String?
        var smtpPassword: String?
        var resendKey: String?
        var gmailClientID: String?
        var gmailClientSecret: String?
        var gmailRefreshToken: String?
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let action: String
        let testAction: String
        let providers: [SelectOption]
        let securities: [SelectOption]
        let form: Form
        let hasSecret: Bool
        let needsReconnect: Bool
        let statusMessage: String?
        let errors: FormErrors
        let testTo: String
        let outboxURL: String
        let gmailConnectURL: String
    }

    static func context(_ req: Request, _ ctx: TenantContext, form: Form? = nil, errors: FormErrors = .none) async throws
        -> Context
    {
        let settings = try await EmailSettings.scoped(to: ctx, on: req.db).first()
        let shown =
            form
            ?? Form(
                provider: settings?.provider.rawValue ?? "outbox", fromName: settings?.fromName,
                fromAddress: settings?.fromAddress,
                replyTo: settings?.replyTo, smtpHost: settings?.smtpHost, smtpPort: settings?.smtpPort.map(String.init),
                smtpSecurity: settings?.smtpSecurity?.rawValue ?? "starttls", smtpUsername: settings?.smtpUsername,
                gmailClientID: settings?.gmailClientID)
        let email: String? = if case .user(_, _, let address) = ctx.actor { address } else { nil }
        return Context(
            shell: try await Shell.make(req, ctx, section: "settings.email", title: req.t("settings.email")),
            action: SiteRoute.settingsEmail.path, testAction: SiteRoute.settingsEmailTest.path,
            providers: EmailSettings.Provider.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: req.t("email.provider.\($0.rawValue)"), selected: $0.rawValue == shown.provider)
            },
            securities: EmailSettings.Security.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: req.t("email.security.\($0.rawValue)"), selected: $0.rawValue == shown.smtpSecurity
                )
            },
            form: shown, hasSecret: settings?.secret != nil, needsReconnect: settings?.needsReconnect ?? false,
            statusMessage: settings?.statusMessage, errors: errors, testTo: email ?? "", outboxURL: SiteRoute.settingsOutbox.path,
            gmailConnectURL: SiteRoute.settingsEmailGmailConnect.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsEmail.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageSettings)
            return try await req.view.render("settings/email", try await context(req, ctx))
        }
        routes.post(SiteRoute.settingsEmail.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let form = try req.content.decode(Form.self)
            do {
                try await save(form, req: req, ctx: ctx)
                req.session.flash = req.t("email.saved")
                return req.redirect(to: SiteRoute.settingsEmail.path)
            } catch let failure as ValidationFailure {
                return try await req.render(
                    "settings/email", try await context(req, ctx, form: form, errors: FormErrors(failure, req: req)),
                    status: .unprocessableEntity)
            }
        }
        routes.post(SiteRoute.settingsEmailTest.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            let to = ((try? req.content.get(String.self, at: "to")) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard EmailAddress.normalize(to) != nil else {
                req.session.flash = req.t("email.test_bad_address")
                return req.redirect(to: SiteRoute.settingsEmail.path)
            }
            let host = URL(string: req.nexo.settings.publicURL)?.host ?? "localhost"
            let message = OutgoingMessage(
                tenantID: ctx.tenantID, contactID: nil, toAddress: to, toName: nil,
                subject: req.t("email.test_subject", ctx.tenantName), text: req.t("email.test_body", ctx.tenantName),
                html: nil, kind: "test", messageID: OutgoingMessage.newMessageID(domain: host))
            do {
                let outcome = try await EmailService(app: req.application).deliver(
                    message, key: "test:\(UUID().uuidString)", now: .nexoNow)
                if case .sent(let provider) = outcome {
                    req.session.flash = req.t("email.test_sent", to, req.t("email.provider.\(provider)"))
                }
            } catch let failure as EmailFailure {
                req.session.flash = req.t("email.test_failed", failure.description)
            }
            return req.redirect(to: SiteRoute.settingsEmail.path)
        }
    }

    private static func save(_ form: Form, req: Request, ctx: TenantContext) async throws {
        var errors: [FieldError] = []
        guard let provider = EmailSettings.Provider(rawValue: form.provider ?? "") else {
            throw ValidationFailure([FieldError(field: "provider", code: "field.invalid", message: "Choose a provider")])
        }
        func trimmed(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        let fromAddress = trimmed(form.fromAddress).map { $0.lowercased() }
        if let fromAddress, EmailAddress.normalize(fromAddress) == nil {
            errors.append(FieldError(field: "fromAddress", code: "email.invalid", message: "Not a valid e-mail address"))
        }
        if let reply = trimmed(form.replyTo), EmailAddress.normalize(reply) == nil {
            errors.append(FieldError(field: "replyTo", code: "email.invalid", message: "Not a valid e-mail address"))
        }
        if provider != .outbox, fromAddress == nil {
            errors.append(
                FieldError(field: "fromAddress", code: "field.required", message: "Required to send through a provider"))
        }
        let existing = try await EmailSettings.scoped(to: ctx, on: req.db).first()
        let settings = existing ?? EmailSettings(tenantID: ctx.tenantID, now: .nexoNow)
        let providerChanged = settings.provider != provider
        var port: Int?
        switch provider {
        case .smtp:
            if trimmed(form.smtpHost) == nil {
                errors.append(FieldError(field: "smtpHost", code: "field.required", message: "Required"))
            }
            if let raw = trimmed(form.smtpPort) {
                port = Int(raw)
                if port == nil || !(1...65535).contains(port ?? 0) {
                    errors.append(FieldError(field: "smtpPort", code: "field.invalid", message: "A port is 1 to 65535"))
                }
            }
            if trimmed(form.smtpPassword) == nil, settings.secret == nil || providerChanged, trimmed(form.smtpUsername) != nil {
                errors.append(FieldError(field: "smtpPassword", code: "field.required", message: "Required"))
            }
        case .resend:
            if trimmed(form.resendKey) == nil, settings.secret == nil || providerChanged {
                errors.append(FieldError(field: "resendKey", code: "field.required", message: "Required"))
            }
        case .gmail:
            if trimmed(form.gmailClientID) == nil {
                errors.append(FieldError(field: "gmailClientID", code: "field.required", message: "Required"))
            }
            if trimmed(form.gmailClientSecret) == nil, settings.gmailClientSecret == nil {
                errors.append(FieldError(field: "gmailClientSecret", code: "field.required", message: "Required"))
            }
            if trimmed(form.gmailRefreshToken) == nil, settings.secret == nil || providerChanged {
                errors.append(FieldError(field: "gmailRefreshToken", code: "field.required", message: "Required"))
            }
        case .outbox: break
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let secrets = req.nexo.secrets
        settings.provider = provider
        settings.fromName = trimmed(form.fromName)
        settings.fromAddress = fromAddress
        settings.replyTo = trimmed(form.replyTo)?.lowercased()
        if providerChanged { settings.secret = nil }
        switch provider {
        case .smtp:
            settings.smtpHost = trimmed(form.smtpHost)
            settings.smtpPort = port
            settings.smtpSecurity = EmailSettings.Security(rawValue: form.smtpSecurity ?? "") ?? .startTLS
            settings.smtpUsername = trimmed(form.smtpUsername)
            if let password = trimmed(form.smtpPassword) { settings.secret = try secrets.seal(password) }
        case .resend:
            if let key = trimmed(form.resendKey) { settings.secret = try secrets.seal(key) }
        case .gmail:
            settings.gmailClientID = trimmed(form.gmailClientID)
            if let secret = trimmed(form.gmailClientSecret) { settings.gmailClientSecret = try secrets.seal(secret) }
            if let token = trimmed(form.gmailRefreshToken) {
                settings.secret = try secrets.seal(token)
                settings.accessToken = nil
                settings.accessTokenExpiresAt = nil
            }
        case .outbox: break
        }
        // New credentials are a new chance: clear the reconnection warning.
        settings.needsReconnect = false
        settings.statusMessage = nil
        settings.updatedAt = .nexoNow
        try await req.db.writeTransaction { tx in
            try await settings.save(on: tx)
            try await AuditLog.record(
                "email_settings.updated", context: ctx, entityType: "email_settings", entityID: ctx.tenantID.uuidString,
                details: ["provider": provider.rawValue], request: req, on: tx)
        }
    }
}
