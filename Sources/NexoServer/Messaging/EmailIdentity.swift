import Foundation

/// The sender a tenant's e-mail shows.
struct EmailIdentity: Sendable {
    var address: String
    var name: String?
    var replyTo: String?
}
