import Fluent
import Foundation

/// How one tenant sends e-mail. Without a row, or with provider `outbox`, mail goes to the outbox.
final class EmailSettings: Model, @unchecked Sendable {
    static let schema = "email_settings"

    enum Provider: String, Codable, CaseIterable, Sendable { case outbox, smtp, gmail, resend }
    enum Security: String, Codable, CaseIterable, Sendable {
        case startTLS = "starttls"
        case implicitTLS = "tls"
        case none
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "provider") var provider: Provider
    @OptionalField(key: "from_name") var fromName: String?
    @OptionalField(key: "from_address") var fromAddress: String?
    @OptionalField(key: "reply_to") var replyTo: String?
    @OptionalField(key: "smtp_host") var smtpHost: String?
    @OptionalField(key: "smtp_port") var smtpPort: Int?
    @OptionalField(key: "smtp_security") var smtpSecurity: Security?
    @OptionalField(key: "smtp_username") var smtpUsername: String?
    /// Sealed: the SMTP password, Resend API key, or Gmail refresh token.
    @OptionalField(key: "secret") var secret: String?
    /// Sealed Gmail access token and when it expires (refreshed with the refresh token).
    @OptionalField(key: "access_token") var accessToken: String?
    @OptionalField(key: "access_token_expires_at") var accessTokenExpiresAt: Date?
    @OptionalField(key: "gmail_client_id") var gmailClientID: String?
    /// Sealed OAuth client secret.
    @OptionalField(key: "gmail_client_secret") var gmailClientSecret: String?
    @Field(key: "needs_reconnect") var needsReconnect: Bool
    @OptionalField(key: "status_message") var statusMessage: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(tenantID: UUID, now: Date) {
        self.tenantID = tenantID
        self.provider = .outbox
        self.needsReconnect = false
        self.updatedAt = now
    }
}

extension EmailSettings: TenantScoped {
    static var tenantIDKey: KeyPath<EmailSettings, FieldProperty<EmailSettings, UUID>> { \.$tenantID }
}
