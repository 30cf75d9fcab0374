import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs one kind of job. Handlers must be safe to run twice (at-least-once delivery): every effect a person
/// would notice is guarded by its own unique key.
protocol JobHandler: Sendable {
    var kind: String { get }
    /// Longest a single attempt may take before it is abandoned and retried.
    var timeout: Duration { get }
    func run(_ job: ClaimedJob, app: Application) async throws
}

extension JobHandler {
    var timeout: Duration { .seconds(120) }
}

/// The handlers this process knows, by kind. Features register theirs in `configure`.
final class JobRegistry: Sendable {
    private let handlers: NIOLockedValueBox<[String: any JobHandler]> = .init([:])

    func register(_ handler: any JobHandler) {
        handlers.withLockedValue { $0[handler.kind] = handler }
    }

    func handler(for kind: String) -> (any JobHandler)? { handlers.withLockedValue { $0[kind] } }

    var kinds: [String] { handlers.withLockedValue { $0.keys.sorted() } }
}
