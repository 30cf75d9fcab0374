import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

/// The real SMTP, Resend and Gmail providers against local servers that speak each wire format: fake_smtp.py
/// (aiosmtpd), and Vapor stand-ins for Resend's API and for Gmail's API with Google's token endpoint. Providers
/// are built from a tenant's settings row by `EmailProviders.make`, with the base URLs from `Settings`.
@Suite("E-mail providers")
struct EmailProvidersTests {
    // MARK: SMTP

    @Test func smtpThroughEmailServiceArrivesAsWritten() async throws {
        let server = try await FakeSMTPServer.start(["--security", "none", "--user", "nexo", "--password", "s3cret-Pä"])
        defer { server.stop() }
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            try await app.emailSettings(for: tenant) { row in
                row.provider = .smtp
                row.smtpHost = "127.0.0.1"
                row.smtpPort = server.port
                row.smtpSecurity = EmailSettings.Security.none
                row.smtpUsername = "nexo"
                row.secret = try app.nexo.secrets.seal("s3cret-Pä")
            }
            let message = Self.message(tenant.id)
            let outcome = try await EmailService(app: app).deliver(message, key: "test:smtp", now: app.nexo.clock.now)
            #expect(outcome == .sent(provider: "smtp"))

            let received = try server.onlyMessage()
            #expect(received.envelope.mailFrom == "turnos@clinica.example.com")
            #expect(received.envelope.rcptTos == ["ana@example.com"])
            // the sealed secret was opened and used as the password
            #expect(received.envelope.authUser == "nexo")
            let mail = try ParsedMail.parse(received.file)
            #expect(mail.subject == "Tu turno del martes 🦷")
            #expect(mail.from == "Clínica Sonrisa <turnos@clinica.example.com>")
            #expect(mail.to == "Ana Pérez <ana@example.com>")
            #expect(mail.replyTo == "recepcion@clinica.example.com")
            #expect(mail.messageID == message.messageID)
            #expect(mail.listUnsubscribe == "<https://nexo.example.com/u/abc>")
            #expect(mail.listUnsubscribePost == "List-Unsubscribe=One-Click")
            #expect(mail.text == message.text)
            #expect(mail.html?.contains("<b>10:30</b>") == true)
            #expect(mail.hasDate)
            #expect(mail.defects == 0)
        }
    }

    @Test func smtpDeliveryIsRecordedAsSentWithATimelineEntryOnce() async throws {
        let server = try await FakeSMTPServer.start(["--security", "none"])
        defer { server.stop() }
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            try await app.emailSettings(for: tenant) { row in
                row.provider = .smtp
                row.smtpHost = "127.0.0.1"
                row.smtpPort = server.port
                row.smtpSecurity = EmailSettings.Security.none
            }
            let contactID = try await app.createContact(
                tenant, #"{"first_name":"Ana","last_name":"Pérez","email":"ana@example.com"}"#)
            let message = Self.message(tenant.id, contact: contactID)
            let service = EmailService(app: app)
            let now = app.nexo.clock.now
            #expect(try await service.deliver(message, key: "welcome:ana", now: now) == .sent(provider: "smtp"))

            let delivery = try #require(
                try await EmailDelivery.query(on: app.db).filter(\.$tenantID == tenant.id).filter(
                    \.$idempotencyKey == "welcome:ana"
                )
                .first())
            #expect(delivery.state == .sent)
            #expect(delivery.provider == "smtp")
            #expect(delivery.sentAt != nil)
            #expect(delivery.error == nil)
            #expect(delivery.messageID == message.messageID)
            let timeline = try await Interaction.query(on: app.db).filter(\.$contactID == contactID)
                .filter(\.$type == "email_sent").all()
            #expect(timeline.count == 1)
            #expect(timeline.first?.channel == "email")
            #expect(timeline.first?.summary == message.subject)
            let data = try JSONSerialization.jsonObject(with: Data((timeline.first?.data ?? "{}").utf8)) as? [String: Any]
            #expect(data?["provider"] as? String == "smtp")
            #expect(data?["message_id"] as? String == message.messageID)

            // the same key again (a repeated job) sends nothing and writes nothing
            #expect(try await service.deliver(message, key: "welcome:ana", now: now) == .alreadySent)
            #expect(try server.messages().count == 1)
            #expect(
                try await Interaction.query(on: app.db).filter(\.$contactID == contactID).filter(\.$type == "email_sent")
                    .count() == 1)
        }
    }

    @Test func smtpRefusedPasswordIsPermanentAndNamesTheUserNotThePassword() async throws {
        let server = try await FakeSMTPServer.start(["--security", "starttls", "--user", "nexo", "--password", "right"])
        defer { server.stop() }
        // STARTTLS with the fake's own certificate, which a settings row cannot carry: the provider is built directly.
        let provider = SMTPEmailProvider(
            configuration: server.configuration(.startTLS, "nexo", "wrong-Pässword"), allowPrivateNetwork: true)
        let failure = await #expect(throws: EmailFailure.self) {
            try await provider.send(Self.message(UUID()), from: Self.identity)
        }
        guard case .permanent(let reason) = failure else {
            Issue.record("expected a permanent failure, got \(String(describing: failure))")
            return
        }
        #expect(reason.contains("refused the username/password for \"nexo\""))
        #expect(reason.contains("535"))
        #expect(!reason.contains("wrong-Pässword"))
        #expect(try server.messages().isEmpty)
    }

    @Test func smtpRejectionsAreMappedByTheirCode() async throws {
        let server = try await FakeSMTPServer.start([
            "--security", "starttls", "--reject", "nadie@example.com=550", "--reject", "luego@example.com=451",
        ])
        defer { server.stop() }
        let provider = SMTPEmailProvider(configuration: server.configuration(.startTLS, nil, nil), allowPrivateNetwork: true)
        let permanent = await #expect(throws: EmailFailure.self) {
            try await provider.send(Self.message(UUID(), to: "nadie@example.com"), from: Self.identity)
        }
        guard case .permanent(let reason) = permanent else {
            Issue.record("expected a permanent failure, got \(String(describing: permanent))")
            return
        }
        #expect(reason.contains("rejected the message: 550 RCPT TO: 5.1.1 No such user here"))
        let temporary = await #expect(throws: EmailFailure.self) {
            try await provider.send(Self.message(UUID(), to: "luego@example.com"), from: Self.identity)
        }
        guard case .temporary(let later, _) = temporary else {
            Issue.record("expected a temporary failure, got \(String(describing: temporary))")
            return
        }
        #expect(later.contains("451"))
        // a server that cannot be reached is worth another try
        let closed = SMTPEmailProvider(
            configuration: SMTPConfiguration(host: "127.0.0.1", port: 1, security: .none), allowPrivateNetwork: true)
        let unreachable = await #expect(throws: EmailFailure.self) {
            try await closed.send(Self.message(UUID()), from: Self.identity)
        }
        guard case .temporary = unreachable else {
            Issue.record("expected a temporary failure, got \(String(describing: unreachable))")
            return
        }
    }

    @Test func missingSettingsArePermanentAndSayWhatIsMissing() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            func reason(_ change: (EmailSettings) throws -> Void) throws -> String? {
                let row = EmailSettings(tenantID: tenant.id, now: Date())
                try change(row)
                do {
                    _ = try EmailProviders.make(row, app: app)
                    return nil
                } catch EmailFailure.permanent(let reason) {
                    return reason
                }
            }
            #expect(try reason { $0.provider = .smtp }?.contains("no server host") == true)
            #expect(
                try reason {
                    $0.provider = .smtp
                    $0.smtpHost = "smtp.example.com"
                    $0.smtpUsername = "nexo"
                }?.contains("SMTP password is not set") == true)
            #expect(try reason { $0.provider = .resend }?.contains("Resend API key is not set") == true)
            #expect(
                try reason {
                    $0.provider = .resend
                    $0.secret = "v1:not-sealed-with-this-key"
                }?.contains("cannot be opened") == true)
            #expect(try reason { $0.provider = .gmail }?.contains("OAuth client id") == true)
            #expect(
                try reason {
                    $0.provider = .gmail
                    $0.gmailClientID = FakeGmailAPI.clientID
                    $0.gmailClientSecret = try app.nexo.secrets.seal(FakeGmailAPI.clientSecret)
                }?.contains("no account is connected") == true)
            // a relay that takes mail without signing in needs no password
            #expect(
                try reason {
                    $0.provider = .smtp
                    $0.smtpHost = "relay.internal"
                } == nil)
        }
    }

    // MARK: Resend

    @Test func resendSendsTheMessageWithAnIdempotencyKey() async throws {
        let resend = try await FakeResendAPI.start()
        try await resend.server.using {
            try await TestApp.run(settings: { $0.resendBaseURL = resend.server.url }) { app in
                let tenant = try await app.makeTenant()
                try await app.emailSettings(for: tenant) { row in
                    row.provider = .resend
                    row.secret = try app.nexo.secrets.seal(FakeResendAPI.apiKey)
                }
                let message = Self.message(tenant.id)
                let outcome = try await EmailService(app: app).deliver(message, key: "test:resend", now: app.nexo.clock.now)
                #expect(outcome == .sent(provider: "resend"))

                let call = try #require(await resend.state.calls.first)
                #expect(await resend.state.calls.count == 1)
                #expect(call.headers.first(name: "Authorization") == "Bearer \(FakeResendAPI.apiKey)")
                #expect(call.headers.first(name: "Idempotency-Key") == String(message.messageID.dropFirst().dropLast()))
                #expect(call.headers.contentType == .json)
                let body = try #require(try JSONSerialization.jsonObject(with: call.body) as? [String: Any])
                #expect(body["from"] as? String == "Clínica Sonrisa <turnos@clinica.example.com>")
                #expect(body["to"] as? [String] == ["ana@example.com"])
                #expect(body["subject"] as? String == message.subject)
                #expect(body["text"] as? String == message.text)
                #expect(body["html"] as? String == message.html)
                #expect(body["reply_to"] as? String == "recepcion@clinica.example.com")
                #expect(
                    body["headers"] as? [String: String] == [
                        "List-Unsubscribe": "<https://nexo.example.com/u/abc>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                    ])
                // Resend's id is kept on the delivery
                let delivery = try #require(try await EmailDelivery.query(on: app.db).filter(\.$tenantID == tenant.id).first())
                #expect(delivery.state == .sent)
                #expect(delivery.providerMessageID == call.answeredID)
                #expect(delivery.providerMessageID?.isEmpty == false)
            }
        }
    }

    @Test func resendValidationErrorIsPermanentWithResendsMessage() async throws {
        let resend = try await FakeResendAPI.start()
        try await resend.server.using {
            try await TestApp.run { app in
                let provider = ResendEmailProvider(client: app.client, apiKey: FakeResendAPI.apiKey, baseURL: resend.server.url)
                let failure = await #expect(throws: EmailFailure.self) {
                    try await provider.send(Self.message(UUID(), to: "ana-at-example.com"), from: Self.identity)
                }
                guard case .permanent(let reason) = failure else {
                    Issue.record("expected a permanent failure, got \(String(describing: failure))")
                    return
                }
                #expect(reason.contains("422"))
                #expect(reason.contains("Invalid `to` field."))
                // a wrong key is permanent too, and points at the settings
                let wrongKey = ResendEmailProvider(client: app.client, apiKey: "re_wrong", baseURL: resend.server.url)
                let refused = await #expect(throws: EmailFailure.self) {
                    try await wrongKey.send(Self.message(UUID()), from: Self.identity)
                }
                guard case .permanent(let keyReason) = refused else {
                    Issue.record("expected a permanent failure, got \(String(describing: refused))")
                    return
                }
                #expect(keyReason.contains("API key is invalid"))
                #expect(!keyReason.contains("re_wrong"))
            }
        }
    }

    @Test func resendRateLimitIsTemporaryAndTheRetryKeepsTheIdempotencyKey() async throws {
        let resend = try await FakeResendAPI.start()
        await resend.state.script(.error(status: 429, name: "rate_limit_exceeded", message: "Too many requests.", retryAfter: 30))
        try await resend.server.using {
            try await TestApp.run(settings: { $0.resendBaseURL = resend.server.url }) { app in
                let tenant = try await app.makeTenant()
                try await app.emailSettings(for: tenant) { row in
                    row.provider = .resend
                    row.secret = try app.nexo.secrets.seal(FakeResendAPI.apiKey)
                }
                let service = EmailService(app: app)
                let first = Self.message(tenant.id)
                let failure = await #expect(throws: EmailFailure.self) {
                    try await service.deliver(first, key: "test:retry", now: app.nexo.clock.now)
                }
                guard case .temporary(let reason, let retryAfter) = failure else {
                    Issue.record("expected a temporary failure, got \(String(describing: failure))")
                    return
                }
                #expect(reason.contains("Too many requests."))
                #expect(retryAfter == .seconds(30))
                let failed = try #require(try await EmailDelivery.query(on: app.db).filter(\.$tenantID == tenant.id).first())
                #expect(failed.state == .failed)

                // the job's retry renders a new message, but the delivery keeps the first Message-ID and so the key
                #expect(
                    try await service.deliver(Self.message(tenant.id), key: "test:retry", now: app.nexo.clock.now)
                        == .sent(provider: "resend"))
                let keys = await resend.state.calls.map { $0.headers.first(name: "Idempotency-Key") }
                #expect(keys.count == 2)
                #expect(Set(keys).count == 1)
                #expect(keys.first == String(first.messageID.dropFirst().dropLast()))
            }
        }
    }

    @Test func resendTimeoutAndServerErrorsAreTemporary() async throws {
        let resend = try await FakeResendAPI.start()
        await resend.state.script(.slow(seconds: 2))
        await resend.state.script(.error(status: 503, name: "internal_server_error", message: "Unavailable"))
        try await resend.server.using {
            try await TestApp.run { app in
                let provider = ResendEmailProvider(
                    client: app.client, apiKey: FakeResendAPI.apiKey, baseURL: resend.server.url, timeout: .milliseconds(300))
                for expected in ["no answer within 300 ms", "503"] {
                    let failure = await #expect(throws: EmailFailure.self) {
                        try await provider.send(Self.message(UUID()), from: Self.identity)
                    }
                    guard case .temporary(let reason, _) = failure else {
                        Issue.record("expected a temporary failure, got \(String(describing: failure))")
                        return
                    }
                    #expect(reason.contains(expected), "\(reason)")
                }
            }
        }
    }

    @Test func resendFromQuotesNamesWithSpecialCharacters() {
        #expect(ResendEmailProvider.mailbox("a@example.com", name: nil) == "a@example.com")
        #expect(ResendEmailProvider.mailbox("a@example.com", name: "Clínica Sonrisa") == "Clínica Sonrisa <a@example.com>")
        #expect(
            ResendEmailProvider.mailbox("a@example.com", name: #"Sonrisa, S.A. "Centro""#)
                == #""Sonrisa, S.A. \"Centro\"" <a@example.com>"#)
        #expect(ResendEmailProvider.idempotencyKey("<abc@nexo.test>") == "abc@nexo.test")
    }

    // MARK: Gmail

    @Test func gmailSendsWithAValidToken() async throws {
        let gmail = try await FakeGmailAPI.start(validAccessTokens: ["ya29.still-valid"])
        try await gmail.server.using {
            try await TestApp.run(settings: gmail.configure) { app in
                let tenant = try await app.makeTenant()
                try await app.emailSettings(for: tenant) { row in
                    try gmail.connect(row, app: app, accessToken: "ya29.still-valid", expiresIn: 3000)
                }
                let message = Self.message(tenant.id)
                #expect(
                    try await EmailService(app: app).deliver(message, key: "test:gmail", now: app.nexo.clock.now)
                        == .sent(provider: "gmail"))

                #expect(await gmail.state.tokenRequests.isEmpty)
                let sent = try #require(await gmail.state.sent.first)
                #expect(sent.token == "ya29.still-valid")
                let mail = try ParsedMail.parse(sent.raw)
                #expect(mail.subject == "Tu turno del martes 🦷")
                #expect(mail.from == "Clínica Sonrisa <turnos@clinica.example.com>")
                #expect(mail.to == "Ana Pérez <ana@example.com>")
                #expect(mail.messageID == message.messageID)
                #expect(mail.listUnsubscribe == "<https://nexo.example.com/u/abc>")
                #expect(mail.text == message.text)
                #expect(mail.defects == 0)
                let delivery = try #require(try await EmailDelivery.query(on: app.db).filter(\.$tenantID == tenant.id).first())
                #expect(delivery.providerMessageID == sent.id)
            }
        }
    }

    @Test func gmailRefreshesATokenAboutToExpireAndStoresTheNewOneSealed() async throws {
        let gmail = try await FakeGmailAPI.start(validAccessTokens: ["ya29.nearly-expired"])
        try await gmail.server.using {
            try await TestApp.run(settings: gmail.configure) { app in
                let tenant = try await app.makeTenant()
                // 30 s left: within the 60 s margin, so it is refreshed before use
                try await app.emailSettings(for: tenant) { row in
                    try gmail.connect(row, app: app, accessToken: "ya29.nearly-expired", expiresIn: 30)
                }
                let before = app.nexo.clock.now
                #expect(
                    try await EmailService(app: app).deliver(Self.message(tenant.id), key: "test:gmail", now: before)
                        == .sent(provider: "gmail"))

                let form = try #require(await gmail.state.tokenRequests.first)
                #expect(await gmail.state.tokenRequests.count == 1)
                #expect(form["grant_type"] == "refresh_token")
                #expect(form["refresh_token"] == FakeGmailAPI.refreshToken)
                #expect(form["client_id"] == FakeGmailAPI.clientID)
                #expect(form["client_secret"] == FakeGmailAPI.clientSecret)
                let sent = try #require(await gmail.state.sent.first)
                #expect(sent.token == "ya29.fresh-1")

                let row = try #require(try await EmailSettings.query(on: app.db).filter(\.$tenantID == tenant.id).first())
                let stored = try #require(row.accessToken)
                #expect(stored.hasPrefix("v1:"))
                #expect(!stored.contains("ya29"))
                #expect(try app.nexo.secrets.open(stored) == "ya29.fresh-1")
                let expiry = try #require(row.accessTokenExpiresAt)
                #expect(abs(expiry.timeIntervalSince(before) - 3599) < 5)
                #expect(!row.needsReconnect)

                // the next message reuses the stored token
                #expect(
                    try await EmailService(app: app).deliver(Self.message(tenant.id), key: "test:gmail-2", now: before)
                        == .sent(provider: "gmail"))
                #expect(await gmail.state.tokenRequests.count == 1)
                #expect(await gmail.state.sent.last?.token == "ya29.fresh-1")
            }
        }
    }

    @Test func gmailRefusedTokenIsRefreshedOnceAndTheSendRetried() async throws {
        // the stored token looks valid for an hour, but Google no longer takes it
        let gmail = try await FakeGmailAPI.start(validAccessTokens: [])
        try await gmail.server.using {
            try await TestApp.run(settings: gmail.configure) { app in
                let tenant = try await app.makeTenant()
                try await app.emailSettings(for: tenant) { row in
                    try gmail.connect(row, app: app, accessToken: "ya29.revoked-early", expiresIn: 3600)
                }
                #expect(
                    try await EmailService(app: app).deliver(Self.message(tenant.id), key: "test:gmail", now: app.nexo.clock.now)
                        == .sent(provider: "gmail"))
                #expect(await gmail.state.sendAttempts == ["ya29.revoked-early", "ya29.fresh-1"])
                #expect(await gmail.state.tokenRequests.count == 1)
                #expect(await gmail.state.sent.count == 1)
            }
        }
    }

    @Test func gmailInvalidGrantNeedsReconnectionAndMarksTheSettings() async throws {
        let gmail = try await FakeGmailAPI.start(validAccessTokens: [], refreshTokenRevoked: true)
        try await gmail.server.using {
            try await TestApp.run(settings: gmail.configure) { app in
                let tenant = try await app.makeTenant()
                try await app.emailSettings(for: tenant) { row in try gmail.connect(row, app: app, accessToken: nil) }

                // the provider on its own
                let setup = try await EmailSetup.load(tenantID: tenant.id, app: app)
                let direct = await #expect(throws: EmailFailure.self) {
                    try await setup.provider?.send(Self.message(tenant.id), from: setup.identity)
                }
                guard case .needsReconnection(let reason) = direct else {
                    Issue.record("expected needsReconnection, got \(String(describing: direct))")
                    return
                }
                #expect(reason == "Gmail access was revoked or expired; connect the account again")

                // through the service: the delivery fails and the settings ask for a new connection
                let failure = await #expect(throws: EmailFailure.self) {
                    try await EmailService(app: app).deliver(Self.message(tenant.id), key: "test:gmail", now: app.nexo.clock.now)
                }
                guard case .needsReconnection = failure else {
                    Issue.record("expected needsReconnection, got \(String(describing: failure))")
                    return
                }
                let row = try #require(try await EmailSettings.query(on: app.db).filter(\.$tenantID == tenant.id).first())
                #expect(row.needsReconnect)
                #expect(row.statusMessage == "Gmail access was revoked or expired; connect the account again")
                let delivery = try #require(try await EmailDelivery.query(on: app.db).filter(\.$tenantID == tenant.id).first())
                #expect(delivery.state == .failed)
                #expect(delivery.error == "Gmail access was revoked or expired; connect the account again")
                #expect(await gmail.state.sent.isEmpty)

                // until the account is connected again, nothing more is asked of Google
                let requests = await gmail.state.tokenRequests.count
                await #expect(throws: EmailFailure.self) {
                    try await EmailService(app: app).deliver(
                        Self.message(tenant.id), key: "test:gmail-2", now: app.nexo.clock.now)
                }
                #expect(await gmail.state.tokenRequests.count == requests)
            }
        }
    }

    @Test func gmailMessageErrorsArePermanentAndLimitsTemporary() async throws {
        let gmail = try await FakeGmailAPI.start(validAccessTokens: ["ya29.valid"])
        try await gmail.server.using {
            try await TestApp.run { app in
                let tenant = try await app.makeTenant()
                let provider = GmailEmailProvider(
                    app: app,
                    account: .init(
                        tenantID: tenant.id, clientID: FakeGmailAPI.clientID, clientSecret: FakeGmailAPI.clientSecret,
                        refreshToken: FakeGmailAPI.refreshToken, sealedRefreshToken: nil, accessToken: "ya29.valid",
                        accessTokenExpiresAt: app.nexo.clock.now.addingTimeInterval(3600)),
                    apiBaseURL: gmail.server.url, oauthBaseURL: gmail.server.url)
                await gmail.state.script(
                    code: 400, status: "INVALID_ARGUMENT", reason: "invalidArgument", message: "Invalid To header")
                let invalid = await #expect(throws: EmailFailure.self) {
                    try await provider.send(Self.message(tenant.id), from: Self.identity)
                }
                guard case .permanent(let reason) = invalid else {
                    Issue.record("expected a permanent failure, got \(String(describing: invalid))")
                    return
                }
                #expect(reason.contains("Invalid To header"))
                await gmail.state.script(
                    code: 403, status: "PERMISSION_DENIED", reason: "userRateLimitExceeded", message: "User-rate limit exceeded")
                let limited = await #expect(throws: EmailFailure.self) {
                    try await provider.send(Self.message(tenant.id), from: Self.identity)
                }
                guard case .temporary = limited else {
                    Issue.record("expected a temporary failure, got \(String(describing: limited))")
                    return
                }
                await gmail.state.script(
                    code: 429, status: "RESOURCE_EXHAUSTED", reason: "rateLimitExceeded", message: "Too many")
                let busy = await #expect(throws: EmailFailure.self) {
                    try await provider.send(Self.message(tenant.id), from: Self.identity)
                }
                guard case .temporary = busy else {
                    Issue.record("expected a temporary failure, got \(String(describing: busy))")
                    return
                }
            }
        }
    }

    // MARK: Settings

    @Test func providerBaseURLsHaveDefaultsAndAreChecked() throws {
        let defaults = try Settings.parse([:])
        #expect(defaults.resendBaseURL == "https://api.resend.com")
        #expect(defaults.gmailAPIBaseURL == "https://gmail.googleapis.com")
        #expect(defaults.googleOAuthBaseURL == "https://oauth2.googleapis.com")
        let local = try Settings.parse([
            "NEXO_RESEND_BASE_URL": "http://127.0.0.1:9000/", "NEXO_GMAIL_API_BASE_URL": "http://127.0.0.1:9001",
            "NEXO_GOOGLE_OAUTH_BASE_URL": "https://oauth.proxy.example.com/google",
        ])
        #expect(local.resendBaseURL == "http://127.0.0.1:9000")
        #expect(local.gmailAPIBaseURL == "http://127.0.0.1:9001")
        #expect(local.googleOAuthBaseURL == "https://oauth.proxy.example.com/google")
        do {
            _ = try Settings.parse(["NEXO_RESEND_BASE_URL": "api.resend.com", "NEXO_GMAIL_API_BASE_URL": "ftp://x"])
            Issue.record("expected a problem")
        } catch {
            #expect(error.messages.count == 2)
            #expect(error.description.contains("NEXO_RESEND_BASE_URL=api.resend.com must be an http:// or https:// URL"))
        }
    }

    // MARK: Helpers

    static let identity = EmailIdentity(
        address: "turnos@clinica.example.com", name: "Clínica Sonrisa", replyTo: "recepcion@clinica.example.com")

    static func message(_ tenantID: UUID, contact: UUID? = nil, to: String = "ana@example.com") -> OutgoingMessage {
        OutgoingMessage(
            tenantID: tenantID, contactID: contact, toAddress: to, toName: "Ana Pérez", subject: "Tu turno del martes 🦷",
            text: "Hola Ana,\nTe esperamos el martes a las 10:30.\n",
            html: "<p>Hola Ana,</p><p>Te esperamos el martes a las <b>10:30</b>.</p>",
            headers: [
                (name: "List-Unsubscribe", value: "<https://nexo.example.com/u/abc>"),
                (name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"),
            ], kind: "test", messageID: OutgoingMessage.newMessageID(domain: "nexo.test"))
    }
}

// MARK: - Support

/// `TestApp.run` with adjusted settings: providers read their base URLs from `Settings`, fixed once configured.
extension Application {
    /// The tenant's e-mail settings row, sending as Clínica Sonrisa, changed by `change` before it is saved.
    @discardableResult
    func emailSettings(for tenant: TestTenant, _ change: (EmailSettings) throws -> Void) async throws -> EmailSettings {
        let row = EmailSettings(tenantID: tenant.id, now: Date())
        row.fromAddress = "turnos@clinica.example.com"
        row.fromName = "Clínica Sonrisa"
        row.replyTo = "recepcion@clinica.example.com"
        try change(row)
        try await row.create(on: db)
        return row
    }
}

/// A Vapor application on a free local port, standing in for an external HTTP API.
final class LocalHTTPServer: Sendable {
    let app: Application
    /// "http://127.0.0.1:<port>", without a trailing slash.
    let url: String

    private init(app: Application, url: String) {
        self.app = app
        self.url = url
    }

    static func start(_ routes: (Application) -> Void) async throws -> LocalHTTPServer {
        let app = try await Application.make(.testing)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        app.logger.logLevel = .error
        app.routes.defaultMaxBodySize = "10mb"
        routes(app)
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = app.http.server.shared.localAddress?.port ?? 0
        return LocalHTTPServer(app: app, url: "http://127.0.0.1:\(port)")
    }

    /// Runs `body`, then stops the server whether or not it threw.
    func using<T>(_ body: () async throws -> T) async throws -> T {
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        await app.server.shutdown()
        try? await app.asyncShutdown()
        return try result.get()
    }

    static func json(_ status: Int, _ object: Any, headers: [(String, String)] = []) -> Response {
        var httpHeaders = HTTPHeaders(headers)
        httpHeaders.contentType = .json
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: HTTPResponseStatus(statusCode: status), headers: httpHeaders, body: .init(data: data))
    }
}

/// Resend's `POST /emails` as documented: a bearer API key, a JSON body with from/to/subject, errors as
/// `{"statusCode", "message", "name"}`, and the same answer for a repeated `Idempotency-Key`.
final class FakeResendAPI: Sendable {
    static let apiKey = "re_test_5f3b2c9d"

    enum Reply: Sendable {
        case error(status: Int, name: String, message: String, retryAfter: Int? = nil)
        /// Answers only after this long (for timeouts).
        case slow(seconds: Int)
    }

    actor State {
        struct Call: Sendable {
            let headers: HTTPHeaders
            let body: Data
            var answeredID: String?
        }

        private(set) var calls: [Call] = []
        private var scripted: [Reply] = []
        private var ids: [String: String] = [:]

        func script(_ reply: Reply) { scripted.append(reply) }

        func handle(headers: HTTPHeaders, body: Data) async -> Response {
            calls.append(Call(headers: headers, body: body))
            let index = calls.count - 1
            func error(_ status: Int, _ name: String, _ message: String, retryAfter: Int? = nil) -> Response {
                LocalHTTPServer.json(
                    status, ["statusCode": status, "name": name, "message": message],
                    headers: retryAfter.map { [("Retry-After", String($0))] } ?? [])
            }
            guard let token = headers.bearerAuthorization?.token else {
                return error(401, "missing_api_key", "Missing API key in the authorization header.")
            }
            guard token == FakeResendAPI.apiKey else { return error(403, "invalid_api_key", "API key is invalid") }
            guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                return error(400, "validation_error", "Invalid JSON body.")
            }
            for field in ["from", "to", "subject"] where json[field] == nil {
                return error(422, "missing_required_field", "Missing `\(field)` field.")
            }
            let to = json["to"] as? [String] ?? [json["to"] as? String ?? ""]
            if to.contains(where: { !$0.contains("@") }) {
                return error(
                    422, "validation_error",
                    "Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format."
                )
            }
            if !scripted.isEmpty {
                switch scripted.removeFirst() {
                case .error(let status, let name, let message, let retryAfter):
                    return error(status, name, message, retryAfter: retryAfter)
                case .slow(let seconds):
                    try? await Task.sleep(for: .seconds(seconds))
                }
            }
            let key = headers.first(name: "Idempotency-Key") ?? UUID().uuidString
            let id = ids[key] ?? UUID().uuidString.lowercased()
            ids[key] = id
            calls[index].answeredID = id
            return LocalHTTPServer.json(200, ["id": id])
        }
    }

    let state: State
    let server: LocalHTTPServer

    private init(server: LocalHTTPServer, state: State) {
        self.server = server
        self.state = state
    }

    static func start() async throws -> FakeResendAPI {
        let state = State()
        let server = try await LocalHTTPServer.start { app in
            app.post("emails") { request async -> Response in
                await state.handle(headers: request.headers, body: request.body.data.map { Data(buffer: $0) } ?? Data())
            }
        }
        return FakeResendAPI(server: server, state: state)
    }
}

/// Google's OAuth 2.0 token endpoint (`POST /token`, form-encoded, refresh_token grant) and the Gmail API's
/// `POST /gmail/v1/users/me/messages/send` (bearer token, `{"raw": base64url}`), with Google's error bodies.
final class FakeGmailAPI: Sendable {
    static let clientID = "1234-nexo.apps.googleusercontent.com"
    static let clientSecret = "GOCSPX-test-secret"
    static let refreshToken = "1//0refresh-test"
    static let authorizationCode = "4/0auth-code-test"

    actor State {
        struct Sent: Sendable {
            let token: String
            let raw: Data
            let id: String
        }

        private var validAccessTokens: Set<String>
        private let refreshTokenRevoked: Bool
        private(set) var tokenRequests: [[String: String]] = []
        /// The bearer token of every send request, accepted or not.
        private(set) var sendAttempts: [String] = []
        private(set) var sent: [Sent] = []
        private var scripted: [Response] = []

        init(validAccessTokens: Set<String>, refreshTokenRevoked: Bool) {
            self.validAccessTokens = validAccessTokens
            self.refreshTokenRevoked = refreshTokenRevoked
        }

        /// The next send answers with a Google API error.
        func script(code: Int, status: String, reason: String, message: String) {
            scripted.append(
                LocalHTTPServer.json(
                    code,
                    [
                        "error": [
                            "code": code, "message": message, "status": status,
                            "errors": [["message": message, "domain": "global", "reason": reason]],
                        ]
                    ]))
        }

        func token(_ form: [String: String]?) -> Response {
            tokenRequests.append(form ?? [:])
            func error(_ status: Int, _ code: String, _ description: String) -> Response {
                LocalHTTPServer.json(status, ["error": code, "error_description": description])
            }
            if let form, form["grant_type"] == "authorization_code" {
                guard form["client_id"] == FakeGmailAPI.clientID, form["client_secret"] == FakeGmailAPI.clientSecret else {
                    return error(401, "invalid_client", "The OAuth client was not found.")
                }
                guard form["code"] == FakeGmailAPI.authorizationCode,
                    form["redirect_uri"]?.hasSuffix("/settings/email/gmail/callback") == true
                else {
                    return error(400, "invalid_grant", "Malformed auth code.")
                }
                let token = "ya29.first-\(tokenRequests.count)"
                validAccessTokens.insert(token)
                return LocalHTTPServer.json(
                    200,
                    [
                        "access_token": token, "expires_in": 3599, "token_type": "Bearer",
                        "refresh_token": FakeGmailAPI.refreshToken,
                        "scope": "https://www.googleapis.com/auth/gmail.send",
                    ])
            }
            guard let form, form["grant_type"] == "refresh_token" else {
                return error(400, "unsupported_grant_type", "Invalid grant_type: \(form?["grant_type"] ?? "")")
            }
            guard form["client_id"] == FakeGmailAPI.clientID, form["client_secret"] == FakeGmailAPI.clientSecret else {
                return error(401, "invalid_client", "The OAuth client was not found.")
            }
            guard form["refresh_token"] == FakeGmailAPI.refreshToken, !refreshTokenRevoked else {
                return error(400, "invalid_grant", "Token has been expired or revoked.")
            }
            let token = "ya29.fresh-\(tokenRequests.count)"
            validAccessTokens.insert(token)
            return LocalHTTPServer.json(
                200,
                [
                    "access_token": token, "expires_in": 3599, "token_type": "Bearer",
                    "scope": "https://www.googleapis.com/auth/gmail.send",
                ])
        }

        func send(headers: HTTPHeaders, body: Data) -> Response {
            let token = headers.bearerAuthorization?.token ?? ""
            sendAttempts.append(token)
            guard validAccessTokens.contains(token) else {
                let message =
                    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."
                return LocalHTTPServer.json(
                    401,
                    [
                        "error": [
                            "code": 401, "message": message, "status": "UNAUTHENTICATED",
                            "errors": [["message": "Invalid Credentials", "domain": "global", "reason": "authError"]],
                        ]
                    ], headers: [("WWW-Authenticate", #"Bearer realm="https://accounts.google.com/""#)])
            }
            if !scripted.isEmpty { return scripted.removeFirst() }
            guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let raw = json["raw"] as? String,
                let data = Self.base64URLDecode(raw)
            else {
                return LocalHTTPServer.json(
                    400,
                    [
                        "error": [
                            "code": 400, "message": "'raw' RFC822 payload message string missing.", "status": "INVALID_ARGUMENT",
                        ]
                    ])
            }
            let id = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))
            sent.append(Sent(token: token, raw: data, id: id))
            return LocalHTTPServer.json(200, ["id": id, "threadId": id, "labelIds": ["SENT"]])
        }

        static func base64URLDecode(_ text: String) -> Data? {
            var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while standard.count % 4 != 0 { standard += "=" }
            return Data(base64Encoded: standard)
        }
    }

    let state: State
    let server: LocalHTTPServer

    private init(server: LocalHTTPServer, state: State) {
        self.server = server
        self.state = state
    }

    static func start(validAccessTokens: Set<String>, refreshTokenRevoked: Bool = false) async throws -> FakeGmailAPI {
        let state = State(validAccessTokens: validAccessTokens, refreshTokenRevoked: refreshTokenRevoked)
        let server = try await LocalHTTPServer.start { app in
            app.post("token") { request async -> Response in
                // Google takes only application/x-www-form-urlencoded here.
                let form =
                    request.headers.contentType == .urlEncodedForm
                    ? try? request.content.decode([String: String].self, as: .urlEncodedForm) : nil
                return await state.token(form)
            }
            app.post("gmail", "v1", "users", "me", "messages", "send") { request async -> Response in
                await state.send(headers: request.headers, body: request.body.data.map { Data(buffer: $0) } ?? Data())
            }
        }
        return FakeGmailAPI(server: server, state: state)
    }

    /// Points both Gmail base URLs of the app's settings at this fake.
    var configure: (inout Settings) -> Void {
        let url = server.url
        return { settings in
            settings.gmailAPIBaseURL = url
            settings.googleOAuthBaseURL = url
        }
    }

    /// A connected account on `row`: client id, sealed client secret and refresh token, and an access token
    /// (sealed) expiring in `expiresIn` seconds.
    func connect(_ row: EmailSettings, app: Application, accessToken: String?, expiresIn: TimeInterval = 3600) throws {
        row.provider = .gmail
        row.gmailClientID = Self.clientID
        row.gmailClientSecret = try app.nexo.secrets.seal(Self.clientSecret)
        row.secret = try app.nexo.secrets.seal(Self.refreshToken)
        row.accessToken = try accessToken.map { try app.nexo.secrets.seal($0) }
        row.accessTokenExpiresAt = accessToken.map { _ in app.nexo.clock.now.addingTimeInterval(expiresIn) }
    }
}

/// What Python's e-mail package (policy.default) makes of a message: decoded headers and bodies, \n line ends.
struct ParsedMail: Decodable {
    var subject: String?
    var from: String?
    var to: String?
    var replyTo: String?
    var messageID: String?
    var listUnsubscribe: String?
    var listUnsubscribePost: String?
    var hasDate: Bool
    var text: String?
    var html: String?
    var defects: Int

    enum CodingKeys: String, CodingKey {
        case subject, from, to, text, html, defects
        case replyTo = "reply_to"
        case messageID = "message_id"
        case listUnsubscribe = "list_unsubscribe"
        case listUnsubscribePost = "list_unsubscribe_post"
        case hasDate = "has_date"
    }

    static func parse(_ raw: Data) throws -> ParsedMail {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mail-\(UUID().uuidString).eml")
        try raw.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try parse(file)
    }

    static func parse(_ file: URL) throws -> ParsedMail {
        let script = """
            import email, email.policy, json, sys
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            def header(name):
                value = m[name]
                return str(value) if value is not None else None
            def body(kind):
                part = m.get_body((kind,))
                return part.get_content().replace('\\r\\n', '\\n') if part is not None else None
            print(json.dumps({
                'subject': header('subject'), 'from': header('from'), 'to': header('to'),
                'reply_to': header('reply-to'), 'message_id': header('message-id'),
                'list_unsubscribe': header('list-unsubscribe'), 'list_unsubscribe_post': header('list-unsubscribe-post'),
                'has_date': m['date'] is not None and m['date'].datetime is not None,
                'text': body('plain'), 'html': body('html'),
                'defects': sum(len(part.defects) for part in m.walk()),
            }))
            """
        let result = try FakeSMTPServer.run(["-c", script, file.path])
        guard result.status == 0 else { throw FakeSMTPError(message: "python could not parse \(file.lastPathComponent)") }
        return try JSONDecoder().decode(ParsedMail.self, from: result.output)
    }
}
