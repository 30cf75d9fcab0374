import Fluent
import Foundation

/// Slows down password guessing: after N failures within the lock period for one e-mail or one IP,
/// further attempts are refused until the period ends. Counts live in the database (shared by all processes).
struct SignInGuard: Sendable {
    let maxFailures: Int
    let lockSeconds: Int

    /// Seconds to wait when either key is locked, else nil.
    func retryAfter(email: String, ip: String?, on db: any Database, now: Date = Date()) async throws -> Int? {
        let keys = Self.keys(email: email, ip: ip)
        let rows = try await SignInThrottle.query(on: db).filter(\.$id ~~ keys).all()
        let waits = rows.compactMap { row -> Int? in
            guard let until = row.lockedUntil, until > now else { return nil }
            return Int(until.timeIntervalSince(now).rounded(.up))
        }
        return waits.max()
    }

    func recordFailure(email: String, ip: String?, on db: any Database, now: Date = Date()) async throws {
        for key in Self.keys(email: email, ip: ip) {
            let window = TimeInterval(lockSeconds)
            if let row = try await SignInThrottle.find(key, on: db) {
                if now.timeIntervalSince(row.windowStartedAt) > window {
                    row.failures = 1
                    row.windowStartedAt = now
                    row.lockedUntil = nil
                } else {
                    row.failures += 1
                    if row.failures >= maxFailures { row.lockedUntil = now.addingTimeInterval(window) }
                }
                try await row.update(on: db)
            } else {
                let row = SignInThrottle(key: key, failures: 1, windowStartedAt: now)
                if maxFailures <= 1 { row.lockedUntil = now.addingTimeInterval(window) }
                try? await row.create(on: db)
            }
        }
    }

    /// A successful sign-in clears the e-mail's count, not the IP's (one right password must not unlock guessing others).
    func recordSuccess(email: String, on db: any Database) async throws {
        try await SignInThrottle.query(on: db).filter(\.$id == "email:" + email).delete()
    }

    static func keys(email: String, ip: String?) -> [String] {
        ["email:" + email] + (ip.map { ["ip:" + $0] } ?? [])
    }
}
