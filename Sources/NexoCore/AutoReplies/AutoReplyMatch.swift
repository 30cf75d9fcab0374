/// The rule that answers a message, and why: the words, phrase or pattern text it matched.
public struct AutoReplyMatch: Sendable, Hashable {
    public let rule: AutoReplyRule
    public let reason: AutoReplyReason

    public init(rule: AutoReplyRule, reason: AutoReplyReason) {
        self.rule = rule
        self.reason = reason
    }
}
