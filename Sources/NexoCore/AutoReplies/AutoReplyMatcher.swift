import Foundation

/// A tenant's auto-reply rules compiled for matching, built once when the rules change and shared by every
/// inbound message: the rule that answers is found without looking at most rules.
///
/// Rules are kept in precedence order (`AutoReplyRule.precedes(_:)`), so a rule's position is its rank.
/// Indexes map what a message contains to the ranks of the rules that could match it:
/// - folded word → rules with a whole-word keyword starting with that word (for "all" rules, only one of
///   their keywords is indexed: the message must contain every keyword, so any one will do);
/// - three bytes of folded text → rules with a partial keyword, and pattern rules with required literals;
///   an ASCII symbol of the text ("@", "/") or any digit → pattern rules requiring it (`AutoReplyPattern.Prefilter`);
/// - built-in rules are always candidates: the one `SocialReading` of the message is made only if one of them
///   comes up before a rule that answers;
/// - the rest (patterns without literals, partial keywords under 3 bytes) are checked on every message.
/// Candidates are marked in a bitset and tried from the highest rank down; the first that fully matches
/// (trigger, number, active hours) answers. `NaiveAutoReplyMatcher` is the same contract without indexes.
public struct AutoReplyMatcher: Sendable {
    /// Every rule, disabled ones included for the tester, in precedence order.
    let rules: [CompiledAutoReply]
    let vocabulary: [String: Int32]
    let wordPostings: [[Int32]]
    let gramPostings: [UInt32: [Int32]]
    /// One bit per gram hash, set for indexed grams: most of a message's grams are ruled out without hashing.
    let gramFilter: [UInt64]
    let unindexed: [Int32]
    /// Pattern rules reached through their literals, which must run anyway when folding may not have
    /// brought a letter back to ASCII (`MessageWords.hasNonASCIILetter`).
    let literalPatterns: [Int32]
    /// Indexed by ASCII byte: pattern rules requiring that symbol.
    let symbolPostings: [[Int32]]
    let digitPatterns: [Int32]
    let socialRules: [Int32]

    public init(rules: [AutoReplyRule]) {
        var vocabulary: [String: Int32] = [:]
        let compiled = rules.sorted { $0.precedes($1) }.map { CompiledAutoReply($0, vocabulary: &vocabulary) }
        var wordPostings = [[Int32]](repeating: [], count: vocabulary.count)
        var gramPostings: [UInt32: [Int32]] = [:]
        var unindexed: [Int32] = []
        var literalPatterns: [Int32] = []
        var symbolPostings = [[Int32]](repeating: [], count: 128)
        var digitPatterns: [Int32] = []
        var socialRules: [Int32] = []
        for (index, rule) in compiled.enumerated() where rule.rule.enabled {
            let rank = Int32(index)
            switch rule.trigger {
            case .keywords(let keywords, let match, let wholeWord):
                guard !keywords.isEmpty else { continue }
                let indexed = match == .any ? keywords : [Self.mostSelective(keywords, wholeWord: wholeWord)]
                for keyword in indexed {
                    if wholeWord {
                        wordPostings[Int(keyword.wordIDs[0])].append(rank)
                    } else if let gram = Self.gram(keyword.bytes, at: 0) {
                        gramPostings[gram, default: []].append(rank)
                    } else {
                        unindexed.append(rank)
                    }
                }
            case .pattern(_, .success(let pattern)):
                switch pattern.prefilter {
                case .anyLiteral(let literals):
                    for literal in literals { gramPostings[Self.gram(literal, at: 0) ?? 0, default: []].append(rank) }
                    literalPatterns.append(rank)
                case .symbol(let symbol):
                    symbolPostings[Int(symbol)].append(rank)
                case .digit:
                    digitPatterns.append(rank)
                case .none:
                    unindexed.append(rank)
                }
            case .pattern(_, .failure):
                continue
            case .social:
                socialRules.append(rank)
            }
        }
        self.rules = compiled
        self.vocabulary = vocabulary
        self.wordPostings = wordPostings
        self.gramPostings = gramPostings
        var gramFilter = [UInt64](repeating: 0, count: gramPostings.isEmpty ? 0 : Self.gramFilterWords)
        for gram in gramPostings.keys {
            let bit = Self.filterBit(gram)
            gramFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.gramFilter = gramFilter
        self.unindexed = unindexed
        self.literalPatterns = literalPatterns
        self.symbolPostings = symbolPostings.allSatisfy(\.isEmpty) ? [] : symbolPostings
        self.digitPatterns = digitPatterns
        self.socialRules = socialRules
    }

    /// How many rules it holds, disabled ones included.
    public var count: Int { rules.count }

    /// The rule that answers `text`, received on `numberID` at `date`, with active hours read in `timeZone`;
    /// nil when none does (the conversation goes on to the AI or a person).
    public func match(_ text: String, numberID: String?, at date: Date, timeZone: TimeZone) -> AutoReplyMatch? {
        var message = AutoReplyQuery(text, vocabulary: vocabulary, numberID: numberID, date: date, timeZone: timeZone)
        let candidates = candidates(for: message)
        var found: AutoReplyMatch?
        candidates.forEachInOrder { rank in
            let rule = rules[rank]
            guard let reason = rule.answer(&message) else { return false }
            found = AutoReplyMatch(rule: rule.rule, reason: reason)
            return true
        }
        return found
    }

    /// The ranks of the enabled rules `message` could match, by what it contains.
    private func candidates(for message: AutoReplyQuery) -> CandidateSet {
        var candidates = CandidateSet(count: rules.count)
        candidates.insert(unindexed)
        // Built-ins are tried in rank order like the rest; the message is read for small talk once, and
        // only if one of them comes up before a rule that answers.
        candidates.insert(socialRules)
        for id in message.wordIDs where id >= 0 { candidates.insert(wordPostings[Int(id)]) }
        if !gramPostings.isEmpty {
            let bytes = message.words.joined
            var offset = 0
            while let gram = Self.gram(bytes, at: offset) {
                let bit = Self.filterBit(gram)
                if gramFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let ranks = gramPostings[gram] {
                    candidates.insert(ranks)
                }
                offset += 1
            }
        }
        if message.words.hasNonASCIILetter { candidates.insert(literalPatterns) }
        if message.words.hasDigit { candidates.insert(digitPatterns) }
        if !symbolPostings.isEmpty {
            var seen: (low: UInt64, high: UInt64) = (0, 0)
            for byte in message.text.utf8 where byte < 0x80 {
                let bit = UInt64(1) << UInt64(byte & 63)
                if byte < 64 {
                    if seen.low & bit != 0 { continue }
                    seen.low |= bit
                } else {
                    if seen.high & bit != 0 { continue }
                    seen.high |= bit
                }
                candidates.insert(symbolPostings[Int(byte)])
            }
        }
        return candidates
    }

    /// The keyword of an "all" rule least likely to be in a message: the one with the longest (first) word.
    private static func mostSelective(_ keywords: [CompiledAutoReply.Keyword], wholeWord: Bool) -> CompiledAutoReply.Keyword {
        var best = keywords[0]
        for keyword in keywords.dropFirst() {
            let length = wholeWord ? firstWordLength(keyword.bytes) : keyword.bytes.count
            let bestLength = wholeWord ? firstWordLength(best.bytes) : best.bytes.count
            if length > bestLength { best = keyword }
        }
        return best
    }

    private static func firstWordLength(_ bytes: [UInt8]) -> Int { bytes.firstIndex(of: 0x20) ?? bytes.count }

    static let gramFilterWords = 1_024

    /// A bit of the 65,536-bit gram filter.
    static func filterBit(_ gram: UInt32) -> Int { Int((gram &* 0x9E37_79B1) >> 16) }

    /// The three bytes at `offset` as one number, or nil past the end.
    static func gram(_ bytes: [UInt8], at offset: Int) -> UInt32? {
        guard offset + 3 <= bytes.count else { return nil }
        return UInt32(bytes[offset]) << 16 | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2])
    }
}
