import Fluent
import Foundation

/// Failed sign-ins counted per e-mail and per IP, in the database so every `serve` process sees the same counts.
final class SignInThrottle: Model, @unchecked Sendable {
    static let schema = "sign_in_throttles"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "failures") var failures: Int
    @Field(key: "window_started_at") var windowStartedAt: Date
    @OptionalField(key: "locked_until") var lockedUntil: Date?

    init() {}

    init(key: String, failures: Int, windowStartedAt: Date) {
        self.id = key
        self.failures = failures
        self.windowStartedAt = windowStartedAt
    }
}
