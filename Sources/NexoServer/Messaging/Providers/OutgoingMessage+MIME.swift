import Foundation
import NexoCore

extension OutgoingMessage {
    /// The message as RFC 5322 text with MIME parts, as SMTP and Gmail's `raw` take it: From with the sender's
    /// name, To with the contact's, Reply-To, the extra headers (List-Unsubscribe, …) and this message's Message-ID.
    /// - Throws: `.permanent` when a field cannot be written (an invalid address, a line break in a header):
    ///   sending the same message again would fail the same way.
    func mime(from identity: EmailIdentity, date: Date = Date()) throws(EmailFailure) -> String {
        let mail = MailMessage(
            from: MailAddress(identity.address, name: identity.name),
            to: [MailAddress(toAddress, name: toName)],
            replyTo: identity.replyTo.map { MailAddress($0) },
            subject: subject, textBody: text, htmlBody: html,
            headers: headers.map { MailHeader($0.name, $0.value) }, date: date, messageID: messageID)
        do {
            return try mail.render()
        } catch {
            throw .permanent("the e-mail cannot be written: \(error)")
        }
    }
}
