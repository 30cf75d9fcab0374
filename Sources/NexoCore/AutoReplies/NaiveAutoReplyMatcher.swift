import Foundation

/// The obvious matcher: for each message, go through every enabled rule in precedence order, fold its keywords
/// and look for them in the folded message. Kept as the baseline `AutoReplyBenchmark` measures the indexed
/// `AutoReplyMatcher` against, and as the oracle tests compare it with: same contract, no indexes, different
/// search (whole words are found as " word " in the space-padded text rather than by word ids).
///
/// Only patterns are compiled up front: compiling a regular expression per message would measure ICU's parser,
/// not matching.
public struct NaiveAutoReplyMatcher: Sendable {
    let rules: [AutoReplyRule]
    let patterns: [UUID: Result<AutoReplyPattern, AutoReplyPatternError>]

    public init(rules: [AutoReplyRule]) {
        self.rules = rules.filter(\.enabled).sorted { $0.precedes($1) }
        var patterns: [UUID: Result<AutoReplyPattern, AutoReplyPatternError>] = [:]
        for rule in self.rules {
            guard case .pattern(let source) = rule.trigger else { continue }
            do throws(AutoReplyPatternError) {
                patterns[rule.id] = .success(try AutoReplyPattern(source))
            } catch {
                patterns[rule.id] = .failure(error)
            }
        }
        self.patterns = patterns
    }

    public func match(_ text: String, numberID: String?, at date: Date, timeZone: TimeZone) -> AutoReplyMatch? {
        let words = MessageWords(text)
        let joined = words.words.joined(separator: " ")
        let padded = Array((" " + joined + " ").utf8)
        let bytes = Array(joined.utf8)
        var social: SocialReading?
        for rule in rules {
            if !rule.numberIDs.isEmpty, !(numberID.map(rule.numberIDs.contains) ?? false) { continue }
            if let schedule = rule.schedule, !schedule.contains(date, in: timeZone) { continue }
            let result: TriggerResult
            switch rule.trigger {
            case .keyword(let keywords, let match, let wholeWord):
                var found: [String] = []
                var missing: [String] = []
                for keyword in keywords {
                    let folded = MessageWords.words(of: keyword).joined(separator: " ")
                    if folded.isEmpty { continue }
                    let present =
                        wholeWord
                        ? ByteSearch.contains(padded, Array((" " + folded + " ").utf8))
                        : ByteSearch.contains(bytes, Array(folded.utf8))
                    if present { found.append(keyword) } else { missing.append(keyword) }
                }
                result = .keywords(found: found, missing: missing, match: match)
            case .pattern(let source):
                switch patterns[rule.id] {
                case .success(let pattern)?: result = .pattern(source, pattern.firstMatch(in: text))
                case .failure(let error)?: result = .unusablePattern(source, error)
                case nil: continue
                }
            case .greeting, .thanks, .goodbye:
                let reading = social ?? SocialReading(words)
                social = reading
                result = .social(rule.trigger.socialIntent ?? .greeting, reading)
            }
            if result.matched { return AutoReplyMatch(rule: rule, reason: result.reason) }
        }
        return nil
    }
}
