import Foundation

/// One line of the rule tester: whether a rule would answer a message, and every reason why or why not.
public struct AutoReplyVerdict: Sendable, Hashable, Codable {
    public let ruleID: UUID
    public let name: String
    public let priority: Int
    /// The trigger matched and nothing (off, other number, outside hours) holds the rule back.
    public let matched: Bool
    /// This is the rule that answers: the first that matched, in precedence order.
    public let answers: Bool
    /// The trigger's reason first, then whatever holds the rule back.
    public let reasons: [AutoReplyReason]

    public init(ruleID: UUID, name: String, priority: Int, matched: Bool, answers: Bool, reasons: [AutoReplyReason]) {
        self.ruleID = ruleID
        self.name = name
        self.priority = priority
        self.matched = matched
        self.answers = answers
        self.reasons = reasons
    }

    private enum CodingKeys: String, CodingKey {
        case ruleID = "rule_id"
        case name, priority, matched, answers, reasons
    }
}
