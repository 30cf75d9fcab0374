/// Who a message goes to: a phone number, or (since 2026) the business-scoped user id of a customer whose number
/// WhatsApp does not share with us.
public enum MessageRecipient: Sendable, Hashable {
    /// A WhatsApp id or E.164 number ("5491155551234", "+5491155551234"); sent as `to`.
    case phone(String)
    /// A business-scoped user id ("US.13491208655302741918"); sent as `recipient`.
    case userID(String)
}
