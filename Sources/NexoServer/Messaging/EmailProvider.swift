import Foundation

/// Who sends a tenant's e-mail, and how. The outbox needs no account; the others are external services.
protocol EmailProvider: Sendable {
    var name: String { get }
    /// Sends and returns the provider's id for the message, if it gives one.
    func send(_ message: OutgoingMessage, from: EmailIdentity) async throws(EmailFailure) -> String?
}
