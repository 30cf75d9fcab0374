import Foundation

/// The rule tester: every rule, in precedence order, with whether it would answer a text and why.
extension AutoReplyMatcher {
    /// One verdict per rule (disabled ones included), in precedence order. Every rule is evaluated in full,
    /// without the indexes, so each verdict lists all that holds its rule back; the rule marked `answers`
    /// is the one `match` returns.
    public func explain(_ text: String, numberID: String?, at date: Date, timeZone: TimeZone) -> [AutoReplyVerdict] {
        var message = AutoReplyQuery(text, vocabulary: vocabulary, numberID: numberID, date: date, timeZone: timeZone)
        var winner: String?
        return rules.map { compiled in
            let trigger = compiled.evaluateTrigger(&message)
            let restraints = compiled.restraints(&message)
            let matched = trigger.matched && restraints.isEmpty
            var reasons = [trigger.reason] + restraints
            let answers = matched && winner == nil
            if answers {
                winner = compiled.rule.name
            } else if matched, let winner {
                reasons.append(AutoReplyReason(.outranked, [winner]))
            }
            return AutoReplyVerdict(
                ruleID: compiled.rule.id, name: compiled.rule.name, priority: compiled.rule.priority, matched: matched,
                answers: answers, reasons: reasons)
        }
    }
}
