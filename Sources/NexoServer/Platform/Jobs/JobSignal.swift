import Foundation
import NIOConcurrencyHelpers

/// Wakes a sleeping worker when work arrives, so a new job starts in milliseconds rather than at the next poll.
/// A signal fired while nobody waits is remembered, so a wake-up is never lost between a claim and a wait.
final class JobSignal: Sendable {
    /// One wait: resumed exactly once, by a signal or by its timeout, whichever comes first.
    private final class Waiter: Sendable {
        private let state = NIOLockedValueBox<(continuation: CheckedContinuation<Void, Never>?, done: Bool)>((nil, false))

        func park(_ continuation: CheckedContinuation<Void, Never>) {
            let resumeNow = state.withLockedValue { state -> Bool in
                if state.done { return true }
                state.continuation = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }

        func resume() {
            let continuation = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
                guard !state.done else { return nil }
                state.done = true
                defer { state.continuation = nil }
                return state.continuation
            }
            continuation?.resume()
        }
    }

    private let state = NIOLockedValueBox<(pending: Bool, waiters: [ObjectIdentifier: Waiter])>((false, [:]))

    /// One per process: anything that enqueues work wakes the worker, without needing the application at hand.
    static let shared = JobSignal()

    init() {}

    func fire() {
        let waiters = state.withLockedValue { state -> [Waiter] in
            if state.waiters.isEmpty {
                state.pending = true
                return []
            }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when fired or after `timeout`, whichever comes first.
    func wait(timeout: Duration) async {
        let waiter = Waiter()
        let key = ObjectIdentifier(waiter)
        let alreadyFired = state.withLockedValue { state -> Bool in
            if state.pending {
                state.pending = false
                return true
            }
            state.waiters[key] = waiter
            return false
        }
        if alreadyFired { return }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            waiter.resume()
        }
        await withCheckedContinuation { waiter.park($0) }
        timer.cancel()
        _ = state.withLockedValue { $0.waiters.removeValue(forKey: key) }
    }
}
