import Foundation

/// A message to send with `POST /{phone_number_id}/messages`.
///
/// Check `validate()` (or use `requestBody()`, which does) before sending: Meta refuses a whole message for one title
/// a character too long, and a refusal costs a request against the rate limit.
public struct OutboundMessage: Sendable, Hashable {
    public var recipient: MessageRecipient
    public var content: OutboundContent
    /// The `wamid` of a customer's message to quote (`context.message_id`).
    public var replyingTo: String?

    public init(to recipient: MessageRecipient, content: OutboundContent, replyingTo: String? = nil) {
        self.recipient = recipient
        self.content = content
        self.replyingTo = replyingTo
    }
}
