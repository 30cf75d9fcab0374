import Foundation

/// One condition's outcome for one contact, with the reason in words.
public struct ConditionResult: Sendable, Hashable, Codable {
    public let condition: Condition
    public let passed: Bool
    public let reason: ConditionReason

    public init(condition: Condition, passed: Bool, reason: ConditionReason) {
        self.condition = condition
        self.passed = passed
        self.reason = reason
    }
}
