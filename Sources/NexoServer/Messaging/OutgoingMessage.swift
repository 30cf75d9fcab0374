import Foundation

/// An e-mail to send to one person, already rendered.
struct OutgoingMessage: Sendable {
    var tenantID: UUID
    var contactID: UUID?
    var toAddress: String
    var toName: String?
    var subject: String
    var text: String
    var html: String?
    /// Extra headers, e.g. List-Unsubscribe.
    var headers: [(name: String, value: String)] = []
    /// What the message is for (welcome, birthday, test, …), shown in the outbox and deliveries.
    var kind: String
    var messageID: String

    static func newMessageID(domain: String) -> String { "<\(UUID().uuidString.lowercased())@\(domain)>" }
}
