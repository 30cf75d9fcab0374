import Foundation

/// Thrown by a job to say how it failed. Any other error is treated as temporary and retried.
enum JobFailure: Error, CustomStringConvertible, Sendable {
    /// Will not change by trying again (a provider's 4xx, a deleted contact): the job goes straight to dead.
    case permanent(String)
    /// Try again; `after` overrides the backoff (a provider's Retry-After).
    case temporary(String, after: Duration? = nil)

    var description: String {
        switch self {
        case .permanent(let reason): reason
        case .temporary(let reason, _): reason
        }
    }
}
