/// What to do about a message WhatsApp refused, so a send job knows whether to try again, switch to a template or give
/// up and tell a person.
public enum RetryAdvice: Sendable, Hashable {
    /// A passing condition (rate limits, Meta's own outages): the same request may succeed later.
    case retryLater
    /// The 24-hour customer service window is closed (131047): only an approved template can reach the customer now.
    case sendTemplateInstead
    /// Retrying the same request will fail the same way (bad request, bad token, undeliverable number, …).
    case permanent

    /// Advice for Meta's error `code` and, when the code says nothing, the HTTP status it came with.
    ///
    /// Codes decide first: a known permanent code stays permanent even behind a 5xx. Unknown codes are judged by the
    /// status (429 and 5xx are worth another try) and are otherwise permanent, so a bug never loops forever.
    public init(code: Int?, httpStatus: Int? = nil) {
        if let code, let advice = Self.byCode[code] {
            self = advice
        } else if let httpStatus, httpStatus == 429 || (500...599).contains(httpStatus) {
            self = .retryLater
        } else {
            self = .permanent
        }
    }

    /// Meta's documented codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes) that are not
    /// simply permanent, plus the permanent ones we must not let an HTTP status overrule.
    private static let byCode: [Int: RetryAdvice] = [
        1: .retryLater,  // API Unknown: possibly a server error.
        2: .retryLater,  // API Service: temporary downtime or overload.
        4: .retryLater,  // API Too Many Calls: app-level rate limit.
        80007: .retryLater,  // WhatsApp Business Account rate limit.
        130429: .retryLater,  // Cloud API throughput reached.
        131000: .retryLater,  // Something went wrong: unknown error, Meta says to try again.
        131016: .retryLater,  // Service unavailable.
        131056: .retryLater,  // Pair rate limit: too many messages to this one customer.
        131057: .retryLater,  // Business account in maintenance mode.
        133004: .retryLater,  // Server temporarily unavailable.
        131047: .sendTemplateInstead,  // Re-engagement message: more than 24 hours since the customer wrote.
        100: .permanent,  // Invalid parameter.
        190: .permanent,  // Access token expired or revoked: the tenant must reconnect.
        131026: .permanent,  // Undeliverable: not on WhatsApp, old app, or terms not accepted.
    ]
}
