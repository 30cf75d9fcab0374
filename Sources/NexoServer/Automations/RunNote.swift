import Foundation

/// What a run or step says about itself, stored as JSON: a translatable code with its arguments, and the
/// English text for the API. Condition reasons (NexoCore's `ConditionReason`) have the same shape.
struct RunNote: Codable, Sendable {
    let code: String
    let arguments: [String]
    let message: String

    /// The stored form.
    static func text(_ code: String, _ arguments: [String] = [], english message: String) -> String {
        (try? AutomationJSON.encode(RunNote(code: code, arguments: arguments, message: message))) ?? message
    }
}
