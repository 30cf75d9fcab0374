import Fluent
import Foundation

/// An e-mail Nexo sent. Until a real provider is configured this is where mail goes, readable in the UI.
final class OutboxEmail: Model, @unchecked Sendable {
    static let schema = "outbox_emails"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "tenant_id") var tenantID: UUID?
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var textBody: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "html_body") var htmlBody: String?
    /// Extra headers as `Name: value` lines (List-Unsubscribe, …).
    @OptionalField(key: "headers") var headers: String?
    @OptionalField(key: "message_id") var messageID: String?
    @OptionalField(key: "contact_id") var contactID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(tenantID: UUID?, to: String, subject: String, textBody: String, kind: String) {
        self.tenantID = tenantID
        self.toAddress = to
        self.subject = subject
        self.textBody = textBody
        self.kind = kind
    }
}
