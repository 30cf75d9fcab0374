import Foundation
import NexoCore
import Vapor

/// `nexo bench autoreplies`: the auto-reply matcher (compiled, indexed by word) against the naive loop over every rule,
/// on generated Spanish rules and messages (`AutoReplyBenchmark`); prints one JSON line. Needs no database.
struct BenchAutoRepliesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "rules", help: "Rules (default 1000)") var rules: Int?
        @Option(name: "messages", help: "Messages (default 1000)") var messages: Int?
        @Option(name: "runs", help: "Runs; the median is reported (default 7)") var runs: Int?
    }

    var help: String { "Auto-reply matching: time per message, indexed matcher against the naive loop" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let result = AutoReplyBenchmark.run(
            rules: max(1, signature.rules ?? 1000), messages: max(1, signature.messages ?? 1000),
            runs: max(1, signature.runs ?? 7))
        func microseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        }
        let figures: [String: Any] = [
            "rules": result.rules, "messages": result.messages, "answered": result.answered,
            "disagreements": result.disagreements,
            "indexed_us_per_message": (microseconds(result.indexedPerMessage) * 100).rounded() / 100,
            "naive_us_per_message": (microseconds(result.naivePerMessage) * 100).rounded() / 100,
        ]
        Bench.print(figures, to: context)
    }
}
