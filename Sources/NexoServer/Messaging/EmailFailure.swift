import Foundation

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
