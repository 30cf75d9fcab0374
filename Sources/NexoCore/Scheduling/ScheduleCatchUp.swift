import Foundation

/// What a scheduler owes one schedule at `now`, worked out from times alone.
///
/// The server uses the same plan for on-time fires and for catching up after downtime. A scheduled time equal to
/// `now` is due: when the scheduler wakes exactly on time the plan reads `missed == 1` with that time as
/// `latestMissed` (and as `fireNow` under `.runOnce`). "Missed" therefore means "due and not fired yet", on time or not.
///
/// Whether a due time is still on time is the server's call, not this type's: it fires when
/// `now - latestMissed` is within its grace window whatever the policy, and otherwise follows `fireNow`.
/// Either way it then records `latestMissed` as the schedule's last scheduled fire, so the same times are not
/// counted again.
public enum ScheduleCatchUp {
    /// Counting stops here: a minutely cron left alone for a year should not enumerate half a million times.
    public static let defaultMissedCap = 1000

    public struct Plan: Sendable, Hashable {
        /// Scheduled times after the last fire (or creation) and at or before `now`, at most the cap.
        public let missed: Int
        /// True when there were more than the cap; `missed` then equals the cap.
        public let missedCapped: Bool
        /// The latest due time, whatever the policy; nil when nothing is due.
        public let latestMissed: Date?
        /// The scheduled time to run for now: `latestMissed` under `.runOnce`, nil under `.skip` or when nothing is due.
        public let fireNow: Date?
        /// The first scheduled time strictly after `now` (and after the last fire), nil if none within about five years.
        public let next: Date?

        public init(missed: Int, missedCapped: Bool, latestMissed: Date?, fireNow: Date?, next: Date?) {
            self.missed = missed
            self.missedCapped = missedCapped
            self.latestMissed = latestMissed
            self.fireNow = fireNow
            self.next = next
        }
    }

    /// - Parameters:
    ///   - lastScheduledFire: the scheduled time (not the run time) of the last fire that happened; nil if never.
    ///   - createdAt: when the schedule was created. Counting starts after the later of the two, so passing the
    ///     time a schedule was last edited here keeps the old schedule's times from being caught up.
    ///   - now: the current instant; a scheduled time equal to it is due.
    public static func plan(
        schedule: Schedule, zone: TimeZone, lastScheduledFire: Date?, createdAt: Date, now: Date, policy: CatchUpPolicy,
        cap: Int = defaultMissedCap
    ) -> Plan {
        let cap = max(cap, 0)
        let start = max(lastScheduledFire ?? createdAt, createdAt)
        let due = schedule.fireTimes(after: start, upTo: now, in: zone, limit: cap + 1)
        let capped = due.count > cap
        // When capped, `due` holds the oldest times; the latest must be found from `now` backwards.
        let latest = capped ? schedule.previousFire(atOrBefore: now, in: zone) ?? due.last : due.last
        return Plan(
            missed: min(due.count, cap), missedCapped: capped, latestMissed: latest,
            fireNow: policy == .runOnce ? latest : nil,
            // A clock behind the last fire (another server's skew) must not offer that time again.
            next: schedule.nextFire(after: max(now, start), in: zone))
    }
}
