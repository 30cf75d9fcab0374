import Foundation

/// Meta's news about a message we sent: sent, delivered, read, failed or played. Arrives out of order and more than
/// once; fold it into a `DeliveryState`, which never moves backwards.
public struct MessageStatusUpdate: Sendable, Hashable {
    /// A status as Meta names it; statuses added later are kept as `other` rather than refused.
    public enum Status: Sendable, Hashable {
        case sent
        case delivered
        case read
        case failed
        /// A voice message we sent was played.
        case played
        case other(String)

        public init(wireValue: String) {
            switch wireValue {
            case "sent": self = .sent
            case "delivered": self = .delivered
            case "read": self = .read
            case "failed": self = .failed
            case "played": self = .played
            default: self = .other(wireValue)
            }
        }

        public var wireValue: String {
            switch self {
            case .sent: "sent"
            case .delivered: "delivered"
            case .read: "read"
            case .failed: "failed"
            case .played: "played"
            case .other(let value): value
            }
        }
    }

    /// The `wamid` our send got back in `SendResult.accepted`.
    public let messageID: String
    public let status: Status
    public let timestamp: Date?
    /// The customer's WhatsApp id (`recipient_id`); may be missing for messages sent to a user id.
    public let recipientID: String?
    /// The customer's business-scoped user id (`recipient_user_id`), since 2026.
    public let recipientUserID: String?
    /// Our number that sent the message.
    public let phoneNumberID: String
    /// Why a `failed` message failed.
    public let errors: [WhatsAppErrorReport]
    public let conversationID: String?
    /// `pricing.category`: "marketing", "utility", "authentication", "service", …
    public let pricingCategory: String?

    public init(
        messageID: String, status: Status, timestamp: Date?, recipientID: String?, recipientUserID: String? = nil,
        phoneNumberID: String, errors: [WhatsAppErrorReport] = [], conversationID: String? = nil,
        pricingCategory: String? = nil
    ) {
        self.messageID = messageID
        self.status = status
        self.timestamp = timestamp
        self.recipientID = recipientID
        self.recipientUserID = recipientUserID
        self.phoneNumberID = phoneNumberID
        self.errors = errors
        self.conversationID = conversationID
        self.pricingCategory = pricingCategory
    }
}
