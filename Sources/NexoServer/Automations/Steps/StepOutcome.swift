import Fluent
import Foundation
import NIOConcurrencyHelpers
import NexoCore
import Vapor

/// How a step ended.
enum StepOutcome: Sendable {
    case done(String?)
    /// Not done, for a reason that is not an error (no consent, no e-mail address); the run goes on.
    case skipped(String)
}
