import Fluent
import Foundation
import NIOConcurrencyHelpers
import NexoCore
import Vapor

/// Runs one type of step. Executors for new channels (WhatsApp, …) register in `configure`; the engine itself
/// handles `wait` and `stop`, which shape the run rather than act on the contact.
protocol StepExecutor: Sendable {
    var type: String { get }
    func run(_ step: Step, in context: StepContext) async throws -> StepOutcome
}
