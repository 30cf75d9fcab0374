import Fluent
import Foundation

struct OutgoingEmail: Sendable {
    var tenantID: UUID?
    var to: String
    var subject: String
    var textBody: String
    /// What the message is for ("invitation", …), shown in the outbox.
    var kind: String
}

/// Where e-mail goes. The outbox is the default: it needs no account and shows messages in the UI.
/// SMTP, Gmail and Resend senders come with the automations feature.
protocol EmailSender: Sendable {
    func send(_ email: OutgoingEmail, on db: any Database) async throws
}

struct OutboxEmailSender: EmailSender {
    func send(_ email: OutgoingEmail, on db: any Database) async throws {
        try await OutboxEmail(
            tenantID: email.tenantID, to: email.to, subject: email.subject, textBody: email.textBody, kind: email.kind
        ).create(on: db)
    }
}
