/// A rule made ready for matching: keywords folded and cut into words (and word ids in the matcher's
/// vocabulary), the pattern compiled, the number scope as a set.
struct CompiledAutoReply: Sendable {
    let rule: AutoReplyRule
    let numbers: Set<String>
    let trigger: Trigger

    enum Trigger: Sendable {
        case keywords([Keyword], match: AutoReplyTrigger.KeywordMatch, wholeWord: Bool)
        case pattern(source: String, Result<AutoReplyPattern, AutoReplyPatternError>)
        case social(SocialIntent)
    }

    struct Keyword: Sendable {
        /// As the tenant wrote it, for reasons.
        let text: String
        let wordIDs: [Int32]
        /// The folded words joined by spaces, for partial matching.
        let bytes: [UInt8]
    }

    /// Compiles `rule`, adding the words of its whole-word keywords to `vocabulary`.
    init(_ rule: AutoReplyRule, vocabulary: inout [String: Int32]) {
        self.rule = rule
        numbers = Set(rule.numberIDs)
        switch rule.trigger {
        case .keyword(let words, let match, let wholeWord):
            var keywords: [Keyword] = []
            for text in words {
                let folded = MessageWords.words(of: text)
                guard !folded.isEmpty else { continue }
                var ids: [Int32] = []
                if wholeWord {
                    for word in folded {
                        if let id = vocabulary[word] {
                            ids.append(id)
                        } else {
                            let id = Int32(vocabulary.count)
                            vocabulary[word] = id
                            ids.append(id)
                        }
                    }
                }
                keywords.append(Keyword(text: text, wordIDs: ids, bytes: MessageWords.joinedBytes(folded)))
            }
            trigger = .keywords(keywords, match: match, wholeWord: wholeWord)
        case .pattern(let source):
            do throws(AutoReplyPatternError) {
                trigger = .pattern(source: source, .success(try AutoReplyPattern(source)))
            } catch {
                trigger = .pattern(source: source, .failure(error))
            }
        case .greeting, .thanks, .goodbye:
            trigger = .social(rule.trigger.socialIntent ?? .greeting)
        }
    }

    /// The reason the rule answers `message`, or nil when it does not. Cheap checks first, and the reason
    /// (text) is only built for the rule that answers.
    func answer(_ message: inout AutoReplyQuery) -> AutoReplyReason? {
        guard rule.enabled, numbers.isEmpty || message.numberID.map(numbers.contains) == true else { return nil }
        if case .keywords(let keywords, let match, let wholeWord) = trigger {
            guard Self.keywordsMatch(keywords, match, wholeWord: wholeWord, in: message) else { return nil }
        }
        let result = evaluateTrigger(&message)
        guard result.matched else { return nil }
        if let schedule = rule.schedule, !schedule.contains(message.clock) { return nil }
        return result.reason
    }

    static func keywordsMatch(
        _ keywords: [Keyword], _ match: AutoReplyTrigger.KeywordMatch, wholeWord: Bool, in message: AutoReplyQuery
    ) -> Bool {
        switch match {
        case .any: keywords.contains { isPresent($0, in: message, wholeWord: wholeWord) }
        case .all: !keywords.isEmpty && keywords.allSatisfy { isPresent($0, in: message, wholeWord: wholeWord) }
        }
    }

    static func isPresent(_ keyword: Keyword, in message: AutoReplyQuery, wholeWord: Bool) -> Bool {
        wholeWord ? contains(message.wordIDs, keyword.wordIDs) : ByteSearch.contains(message.words.joined, keyword.bytes)
    }

    func evaluateTrigger(_ message: inout AutoReplyQuery) -> TriggerResult {
        switch trigger {
        case .keywords(let keywords, let match, let wholeWord):
            var found: [String] = []
            var missing: [String] = []
            for keyword in keywords {
                if Self.isPresent(keyword, in: message, wholeWord: wholeWord) {
                    found.append(keyword.text)
                } else {
                    missing.append(keyword.text)
                }
            }
            return .keywords(found: found, missing: missing, match: match)
        case .pattern(let source, .success(let pattern)):
            return .pattern(source, pattern.firstMatch(in: message.text))
        case .pattern(let source, .failure(let error)):
            return .unusablePattern(source, error)
        case .social(let intent):
            return .social(intent, message.social)
        }
    }

    /// What holds the rule back from answering `message`, besides its trigger.
    func restraints(_ message: inout AutoReplyQuery) -> [AutoReplyReason] {
        var reasons: [AutoReplyReason] = []
        if !rule.enabled { reasons.append(AutoReplyReason(.disabled)) }
        if !numbers.isEmpty {
            let scope = rule.numberIDs.joined(separator: ", ")
            if let numberID = message.numberID {
                if !numbers.contains(numberID) { reasons.append(AutoReplyReason(.otherNumber, [scope, numberID])) }
            } else {
                reasons.append(AutoReplyReason(.noNumber, [scope]))
            }
        }
        if let schedule = rule.schedule, !schedule.contains(message.clock) {
            reasons.append(
                AutoReplyReason(.outsideHours, [schedule.summary, message.clock.description, message.timeZone.identifier]))
        }
        return reasons
    }

    /// Whether `needle` occurs in `haystack` as consecutive ids.
    static func contains(_ haystack: [Int32], _ needle: [Int32]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            var offset = 1
            while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }
}
