import Foundation

/// Everything conditions look at about one contact: its values plus the dates that only the stored row knows.
///
/// Built by the server from a contact row; it is an input to evaluation, never stored or sent, so it is not Codable.
public struct ContactFacts: Sendable, Equatable {
    public var values: ContactValues
    public var createdAt: Date
    public var lastInteractionAt: Date?
    /// The contact's own time zone when known (from its phone's country, a form, …); nil falls back to the tenant's.
    public var timeZone: TimeZone?

    public init(values: ContactValues, createdAt: Date, lastInteractionAt: Date? = nil, timeZone: TimeZone? = nil) {
        self.values = values
        self.createdAt = createdAt
        self.lastInteractionAt = lastInteractionAt
        self.timeZone = timeZone
    }
}
