/// Whether a trigger matched a message, with the reason; built the same way by every matcher so the
/// indexed and naive matchers explain a match in the same words.
struct TriggerResult: Sendable, Hashable {
    let matched: Bool
    let reason: AutoReplyReason

    /// `found` and `missing` are the keywords as written, each in rule order. No usable keyword never matches.
    static func keywords(found: [String], missing: [String], match: AutoReplyTrigger.KeywordMatch) -> TriggerResult {
        if found.isEmpty && missing.isEmpty { return TriggerResult(matched: false, reason: AutoReplyReason(.noKeywords)) }
        if found.isEmpty {
            return TriggerResult(matched: false, reason: AutoReplyReason(.keywordsAbsent, [AutoReplyReason.quoted(missing)]))
        }
        if match == .all && !missing.isEmpty {
            return TriggerResult(
                matched: false,
                reason: AutoReplyReason(.keywordsIncomplete, [AutoReplyReason.quoted(found), AutoReplyReason.quoted(missing)]))
        }
        return TriggerResult(matched: true, reason: AutoReplyReason(.keywordsFound, [AutoReplyReason.quoted(found)]))
    }

    static func pattern(_ source: String, _ outcome: AutoReplyPattern.Outcome) -> TriggerResult {
        switch outcome {
        case .matched(let text):
            TriggerResult(matched: true, reason: AutoReplyReason(.patternMatched, [source, text]))
        case .noMatch:
            TriggerResult(matched: false, reason: AutoReplyReason(.patternNotMatched, [source]))
        case .timedOut:
            TriggerResult(
                matched: false,
                reason: AutoReplyReason(.patternTimedOut, [source, String(AutoReplyPattern.runtimeBudget.milliseconds)]))
        }
    }

    static func unusablePattern(_ source: String, _ error: AutoReplyPatternError) -> TriggerResult {
        TriggerResult(matched: false, reason: AutoReplyReason(.patternUnusable, [source, error.message]))
    }

    static func social(_ intent: SocialIntent, _ reading: SocialReading) -> TriggerResult {
        guard let phrases = reading.phrases[intent] else {
            let code: AutoReplyReason.Code =
                switch intent {
                case .greeting: .greetingAbsent
                case .thanks: .thanksAbsent
                case .goodbye: .goodbyeAbsent
                }
            return TriggerResult(matched: false, reason: AutoReplyReason(code))
        }
        let quotedPhrases = AutoReplyReason.quoted(phrases)
        if reading.says(intent) {
            let code: AutoReplyReason.Code =
                switch intent {
                case .greeting: .greetingFound
                case .thanks: .thanksFound
                case .goodbye: .goodbyeFound
                }
            return TriggerResult(matched: true, reason: AutoReplyReason(code, [quotedPhrases]))
        }
        let saysMore =
            reading.extraWords.count > SocialReading.maximumExtraWords
            || reading.extraWords.contains { SmallTalkWords.requestWords.contains($0) }
        return TriggerResult(
            matched: false,
            reason: AutoReplyReason(
                saysMore ? .moreThanSmallTalk : .questionBeyondSmallTalk,
                [quotedPhrases, AutoReplyReason.quoted(reading.extraWords)]))
    }
}
