import Foundation

/// A tenant's regular expression trigger, guarded so that no rule can stall message processing.
///
/// Regular expressions run on a backtracking engine (ICU, behind `NSRegularExpression`), where a pattern like
/// `(a+)+$` takes exponential time on a long enough message, and WhatsApp messages are up to 4,096 characters
/// that anyone can send. So, in layers:
/// 1. at save, `problem(in:)` refuses constructs known to explode (nested repetition, backreferences — see
///    `unsafeConstruct(in:)`), then times the pattern on probe texts built to make it backtrack
///    (`probeBudget`, 2 ms) and refuses it if it is slower;
/// 2. at run time a pattern reads only the first `inputLimit` characters of a message, and is stopped
///    after `runtimeBudget` of CPU time through ICU's progress callback, which counts as no match.
/// Patterns match case-insensitively on the message as written; unlike keywords they are not accent-folded,
/// since folding a pattern would change its escapes (`\D` is not `\d`). Write `d[ií]a` for both spellings.
public struct AutoReplyPattern: Sendable {
    /// Longest pattern accepted, in characters.
    public static let maximumLength = 500
    /// Characters of a message a pattern reads: past these, time grows and meaning rarely does.
    public static let inputLimit = 1_000
    /// Most CPU time a pattern may take on one probe text at save time.
    public static let probeBudget: Duration = .milliseconds(2)
    /// Most CPU time a pattern may take on one message before it is stopped; above `probeBudget`, because
    /// it is a last resort for what probes missed, not a second test.
    public static let runtimeBudget: Duration = .milliseconds(5)

    /// The pattern as the tenant wrote it.
    public let source: String
    let regex: NSRegularExpression
    /// What a message must contain for the pattern to match; lets the matcher skip the regex otherwise.
    let prefilter: Prefilter

    /// What running a pattern on a message gave.
    public enum Outcome: Sendable, Hashable {
        /// The text of the first match.
        case matched(String)
        case noMatch
        /// Stopped after the budget; treated as no match.
        case timedOut
    }

    /// Compiles `source` and refuses unsafe constructs. Does not time probes: `problem(in:)` does, at save.
    public init(_ source: String) throws(AutoReplyPatternError) {
        if source.isEmpty { throw AutoReplyPatternError(.required, "Write the regular expression to look for.") }
        if source.count > Self.maximumLength {
            throw AutoReplyPatternError(
                .tooLong, "The pattern has \(source.count) characters; the most is \(Self.maximumLength).")
        }
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
        } catch {
            let hint = Self.unbalancedBracket(in: source).map { ": \($0)" } ?? ""
            throw AutoReplyPatternError(.invalid, "This is not a valid regular expression\(hint) (\(error.localizedDescription))")
        }
        if let construct = Self.unsafeConstruct(in: source) { throw AutoReplyPatternError(.unsafe, construct) }
        self.source = source
        self.regex = regex
        self.prefilter = Self.prefilter(of: source)
    }

    /// Internal escape hatch for tests: a compiled pattern with no construct check, to exercise the budget.
    init(unchecked source: String) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
        self.prefilter = .none
    }

    /// The first match in the first `inputLimit` characters of `text`, stopped after `runtimeBudget`.
    public func firstMatch(in text: String) -> Outcome {
        firstMatch(in: text, budget: Self.runtimeBudget)
    }

    func firstMatch(in text: String, budget: Duration) -> Outcome {
        // A character is at least one UTF-16 unit, so a short count in units needs no cutting.
        let input = text.utf16.count <= Self.inputLimit ? text : String(text.prefix(Self.inputLimit))
        var outcome = Outcome.noMatch
        var started: Duration?
        regex.enumerateMatches(
            in: input, options: [.reportProgress], range: NSRange(input.startIndex..., in: input)
        ) { result, _, stop in
            if let result {
                outcome = .matched(Range(result.range, in: input).map { String(input[$0]) } ?? "")
                stop.pointee = true
                return
            }
            // ICU reports progress every few thousand steps, so a quick match never reads the clock;
            // the budget counts from the first report.
            let now = Self.threadCPUTime()
            guard let started else {
                started = now
                return
            }
            if now - started > budget {
                outcome = .timedOut
                stop.pointee = true
            }
        }
        return outcome
    }

    /// CPU time of the calling thread: what a pattern costs, whatever else the machine is doing. Wall time
    /// would count the moments the thread waits for a core, and stop a fine pattern on a busy server.
    static func threadCPUTime() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec))
    }

    /// Why a pattern cannot be saved, or nil when it can: it compiles, has no unsafe construct, does not
    /// match an empty message (it would answer everything), and stays within `probeBudget` on every probe.
    public static func problem(in source: String) -> AutoReplyPatternError? {
        let pattern: AutoReplyPattern
        do {
            pattern = try AutoReplyPattern(source)
        } catch {
            return error
        }
        if case .matched = pattern.firstMatch(in: "") {
            return AutoReplyPatternError(
                .matchesEverything, "The pattern matches an empty message, so it would answer every message.")
        }
        if let slow = pattern.slowProbe() {
            return AutoReplyPatternError(
                .tooSlow,
                "The pattern takes longer than \(probeBudget.milliseconds) ms on a text like “\(slow.prefix(12))…” "
                    + "(\(slow.count) characters); simplify it, e.g. avoid repeating a group that itself repeats.")
        }
        return nil
    }
}

extension Duration {
    /// Whole milliseconds, for messages.
    var milliseconds: Int64 { components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000 }
}
