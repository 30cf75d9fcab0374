/// Why a WhatsApp Cloud API webhook body cannot be read at all. Odd parts of a readable body are skipped instead (see
/// `WhatsAppWebhook.skipped`), so one bad update never blocks a batch Meta would otherwise retry for 7 days.
public enum WhatsAppPayloadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not JSON at all.
    case invalidJSON
    /// JSON, but not in the shape Meta documents; says what was wrong.
    case unexpectedShape(String)
    /// A webhook for another kind of object ("page", "instagram", …); nil when `object` is missing.
    case notWhatsApp(object: String?)

    /// Stable, for logs and translations.
    public var code: String {
        switch self {
        case .invalidJSON: "whatsapp.invalid_json"
        case .unexpectedShape: "whatsapp.unexpected_shape"
        case .notWhatsApp: "whatsapp.not_whatsapp"
        }
    }

    public var message: String {
        switch self {
        case .invalidJSON:
            "The body is not valid JSON."
        case .unexpectedShape(let detail):
            "The body is not shaped like a WhatsApp webhook: \(detail)."
        case .notWhatsApp(let object?):
            "The webhook is for \"\(object)\" objects; WhatsApp webhooks come for \"whatsapp_business_account\"."
        case .notWhatsApp(nil):
            "The webhook has no \"object\"; WhatsApp webhooks come with \"object\": \"whatsapp_business_account\"."
        }
    }

    public var description: String { message }
}
