/// How long to wait before the next attempt of a failed job: exponential, capped, with jitter so jobs that
/// failed together (a provider outage) do not all come back at the same instant.
public struct RetryBackoff: Sendable, Equatable {
    public var base: Double
    public var cap: Double

    public init(base: Double = 2, cap: Double = 3600) {
        self.base = base
        self.cap = cap
    }

    /// Seconds before retrying after `attempt` (1 = the first attempt failed). `jitter` in 0…1 spreads the delay
    /// over 50 %–150 % of the nominal value.
    public func delay(afterAttempt attempt: Int, jitter: Double) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let nominal = min(cap, base * pow2(exponent))
        return min(cap, nominal * (0.5 + max(0, min(1, jitter))))
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
