import Foundation

/// One message a customer sent to one of our WhatsApp numbers.
///
/// Meta retries deliveries for up to 7 days: store by `id` and treat a second copy as already handled.
public struct InboundMessage: Sendable, Hashable {
    /// The `wamid`, unique per message: the idempotency key.
    public let id: String
    /// The sender's WhatsApp id: the phone number's digits without "+" (see `WhatsAppNumber`). Nil for users with a
    /// username who do not share their number (since 2026).
    public let from: String?
    /// The business-scoped user id ("US.13491208655302741918"): `from_user_id`, else the contact's `user_id`. Stable
    /// for this business even when the phone number is hidden or changes.
    public let fromUserID: String?
    /// The name the customer set in WhatsApp (not verified).
    public let profileName: String?
    /// The customer's WhatsApp username, when they adopted one.
    public let username: String?
    /// When the customer sent it; nil only when Meta's timestamp is missing or unreadable (use the time of receipt).
    public let timestamp: Date?
    /// Our number that received it: which channel, so which tenant.
    public let phoneNumberID: String
    public let displayPhoneNumber: String?
    /// The message this one replies to (`context.id`): for button replies, the message holding the buttons.
    public let repliedToMessageID: String?
    public let isForwarded: Bool
    /// The Click to WhatsApp ad the customer came from.
    public let referral: AdReferral?
    public let content: InboundContent
    /// What Meta reports about a message it could not pass on (an `unsupported` type's reason).
    public let errors: [WhatsAppErrorReport]

    public init(
        id: String, from: String?, fromUserID: String? = nil, profileName: String? = nil, username: String? = nil,
        timestamp: Date?, phoneNumberID: String, displayPhoneNumber: String? = nil, repliedToMessageID: String? = nil,
        isForwarded: Bool = false, referral: AdReferral? = nil, content: InboundContent,
        errors: [WhatsAppErrorReport] = []
    ) {
        self.id = id
        self.from = from
        self.fromUserID = fromUserID
        self.profileName = profileName
        self.username = username
        self.timestamp = timestamp
        self.phoneNumberID = phoneNumberID
        self.displayPhoneNumber = displayPhoneNumber
        self.repliedToMessageID = repliedToMessageID
        self.isForwarded = isForwarded
        self.referral = referral
        self.content = content
        self.errors = errors
    }

    /// The sender's number, normalised, when WhatsApp shared it.
    public var senderNumber: WhatsAppNumber? {
        from.flatMap { WhatsAppNumber(waID: $0) }
    }
}
