import Testing

@testable import NexoCore

@Suite struct RetryBackoffTests {
    @Test func doublesWithEachAttempt() {
        let backoff = RetryBackoff(base: 2, cap: 3600)
        #expect(backoff.delay(afterAttempt: 1, jitter: 0.5) == 2)
        #expect(backoff.delay(afterAttempt: 2, jitter: 0.5) == 4)
        #expect(backoff.delay(afterAttempt: 5, jitter: 0.5) == 32)
    }

    @Test func neverExceedsTheCap() {
        let backoff = RetryBackoff(base: 2, cap: 3600)
        #expect(backoff.delay(afterAttempt: 40, jitter: 1) == 3600)
        #expect(backoff.delay(afterAttempt: 12, jitter: 0.5) == 3600)
    }

    @Test func jitterSpreadsBetweenHalfAndOneAndAHalf() {
        let backoff = RetryBackoff(base: 10, cap: 3600)
        #expect(backoff.delay(afterAttempt: 1, jitter: 0) == 5)
        #expect(backoff.delay(afterAttempt: 1, jitter: 1) == 15)
    }
}
