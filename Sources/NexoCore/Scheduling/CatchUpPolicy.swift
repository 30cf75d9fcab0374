/// What to do with scheduled times that passed while nothing ran (server down, schedule paused).
public enum CatchUpPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Run once for the latest missed time, however many were missed.
    case runOnce = "run_once"
    /// Run nothing for missed times; wait for the next one.
    case skip
}
