import Foundation

/// A group's verdict on one contact, with one result per condition in the group's order: the answer to
/// "why (not) this contact?" in the automation editor and the API.
public struct ConditionReport: Sendable, Hashable, Codable {
    public let matches: Bool
    public let results: [ConditionResult]

    public init(matches: Bool, results: [ConditionResult]) {
        self.matches = matches
        self.results = results
    }

    /// The first condition that failed when the contact does not match; nil when it matches.
    /// In an `any` group every condition failed, so this is simply the first one.
    public var firstFailure: ConditionResult? {
        matches ? nil : results.first { $0.passed == false }
    }
}
