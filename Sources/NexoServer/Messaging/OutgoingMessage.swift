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

/// A provider's answer when it did not take a message.
enum EmailFailure: Error, CustomStringConvertible, Sendable {
    /// Will not change by retrying: bad credentials, a rejected address, a 4xx.
    case permanent(String)
    /// Try again later: a 5xx, a timeout, a 429.
    case temporary(String, retryAfter: Duration? = nil)
    /// The account must be connected again (an OAuth grant was revoked or expired).
    case needsReconnection(String)

    var description: String {
        switch self {
        case .permanent(let reason), .temporary(let reason, _), .needsReconnection(let reason): reason
        }
    }
}

/// Who sends a tenant's e-mail, and how. The outbox needs no account; the others are external services.
protocol EmailProvider: Sendable {
    var name: String { get }
    /// Sends and returns the provider's id for the message, if it gives one.
    func send(_ message: OutgoingMessage, from: EmailIdentity) async throws(EmailFailure) -> String?
}

/// The sender a tenant's e-mail shows.
struct EmailIdentity: Sendable {
    var address: String
    var name: String?
    var replyTo: String?
}
