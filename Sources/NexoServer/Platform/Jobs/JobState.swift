/// Where a job is in its life. `scheduled` and `retryable` wait for their `run_at`; `available` is ready to claim.
enum JobState: String, Sendable, Codable, CaseIterable {
    case scheduled, available, running, retryable, completed, dead, cancelled

    /// States an operator may retry from.
    var isRetryable: Bool { self == .dead || self == .cancelled || self == .retryable }
    /// States an operator may cancel.
    var isCancellable: Bool { self == .scheduled || self == .available || self == .retryable }
}
