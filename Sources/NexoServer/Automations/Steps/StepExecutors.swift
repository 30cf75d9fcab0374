import Fluent
import Foundation
import NIOConcurrencyHelpers
import NexoCore
import Vapor

/// The executors this process knows, by step type.
final class StepExecutors: Sendable {
    private let executors: NIOLockedValueBox<[String: any StepExecutor]> = .init([:])

    func register(_ executor: any StepExecutor) { executors.withLockedValue { $0[executor.type] = executor } }

    func executor(for type: String) -> (any StepExecutor)? { executors.withLockedValue { $0[type] } }
}
