import Foundation
import Testing

@testable import NexoCore

@Suite struct ScheduleCatchUpTests {
    typealias F = ScheduleFixtures
    static let utc = F.zone("UTC")

    static func plan(
        _ schedule: Schedule, last: String?, created: String = "2024-01-01T10:00:00Z", now: String,
        policy: CatchUpPolicy = .runOnce, zone: TimeZone = utc, cap: Int = ScheduleCatchUp.defaultMissedCap
    ) -> ScheduleCatchUp.Plan {
        ScheduleCatchUp.plan(
            schedule: schedule, zone: zone, lastScheduledFire: last.map(F.instant), createdAt: F.instant(created),
            now: F.instant(now), policy: policy, cap: cap)
    }

    @Test func neverFiredAndNothingDueYet() {
        let plan = Self.plan(F.daily("08:00"), last: nil, now: "2024-01-02T07:00:00Z")
        #expect(
            plan
                == ScheduleCatchUp.Plan(
                    missed: 0, missedCapped: false, latestMissed: nil, fireNow: nil, next: F.instant("2024-01-02T08:00:00Z")))
    }

    @Test func neverFiredCountsFromCreation() {
        let plan = Self.plan(F.daily("08:00"), last: nil, now: "2024-01-03T09:00:00Z")
        #expect(plan.missed == 2)
        #expect(plan.fireNow == F.instant("2024-01-03T08:00:00Z"))
        #expect(plan.next == F.instant("2024-01-04T08:00:00Z"))
    }

    @Test func firedYesterdayWithRunOnceFiresTodaysTime() {
        let plan = Self.plan(F.daily("08:00"), last: "2024-01-02T08:00:00Z", now: "2024-01-03T12:00:00Z")
        #expect(
            plan
                == ScheduleCatchUp.Plan(
                    missed: 1, missedCapped: false, latestMissed: F.instant("2024-01-03T08:00:00Z"),
                    fireNow: F.instant("2024-01-03T08:00:00Z"), next: F.instant("2024-01-04T08:00:00Z")))
    }

    @Test func firedYesterdayWithSkipFiresNothingButReportsTheMissedTime() {
        let plan = Self.plan(F.daily("08:00"), last: "2024-01-02T08:00:00Z", now: "2024-01-03T12:00:00Z", policy: .skip)
        #expect(
            plan
                == ScheduleCatchUp.Plan(
                    missed: 1, missedCapped: false, latestMissed: F.instant("2024-01-03T08:00:00Z"), fireNow: nil,
                    next: F.instant("2024-01-04T08:00:00Z")))
    }

    @Test func fireExactlyNowIsDue() {
        let plan = Self.plan(F.daily("08:00"), last: "2024-01-02T08:00:00Z", now: "2024-01-03T08:00:00Z")
        #expect(plan.missed == 1)
        #expect(plan.fireNow == F.instant("2024-01-03T08:00:00Z"))
        #expect(plan.next == F.instant("2024-01-04T08:00:00Z"))
    }

    @Test func justFiredHasNothingDue() {
        let plan = Self.plan(F.daily("08:00"), last: "2024-01-03T08:00:00Z", now: "2024-01-03T08:00:01Z")
        #expect(
            plan
                == ScheduleCatchUp.Plan(
                    missed: 0, missedCapped: false, latestMissed: nil, fireNow: nil, next: F.instant("2024-01-04T08:00:00Z")))
    }

    @Test func manyMissedRunOnceForTheLatest() {
        let plan = Self.plan(F.weekly([1], "09:00"), last: "2024-01-01T09:00:00Z", now: "2024-12-31T12:00:00Z")
        #expect(plan.missed == 52)
        #expect(plan.missedCapped == false)
        #expect(plan.fireNow == F.instant("2024-12-30T09:00:00Z"))
        #expect(plan.next == F.instant("2025-01-06T09:00:00Z"))
    }

    @Test func tooManyMissedAreCappedAndTheLatestStillFound() {
        let plan = Self.plan(F.cron("* * * * *"), last: "2024-01-01T00:00:00Z", now: "2024-01-10T00:00:30Z")
        #expect(plan.missed == ScheduleCatchUp.defaultMissedCap)
        #expect(plan.missedCapped)
        #expect(plan.fireNow == F.instant("2024-01-10T00:00:00Z"))
        #expect(plan.next == F.instant("2024-01-10T00:01:00Z"))
    }

    @Test(arguments: [(3, 3, false), (4, 3, true), (2, 2, false)])
    func capAppliesOnlyAboveIt(minutes: Int, missed: Int, capped: Bool) {
        let now = F.instant("2024-01-01T00:00:00Z").addingTimeInterval(TimeInterval(minutes * 60))
        let plan = ScheduleCatchUp.plan(
            schedule: F.cron("* * * * *"), zone: Self.utc, lastScheduledFire: F.instant("2024-01-01T00:00:00Z"),
            createdAt: F.instant("2023-01-01T00:00:00Z"), now: now, policy: .runOnce, cap: 3)
        #expect(plan.missed == missed)
        #expect(plan.missedCapped == capped)
        #expect(plan.fireNow == now)
    }

    @Test func clockBehindTheLastFireNeverOffersItAgain() {
        let plan = Self.plan(F.daily("08:00"), last: "2024-01-03T08:00:00Z", now: "2024-01-03T07:59:58Z")
        #expect(plan.missed == 0)
        #expect(plan.fireNow == nil)
        #expect(plan.next == F.instant("2024-01-04T08:00:00Z"))
    }

    @Test func editedScheduleCountsFromItsCreationNotAnOlderFire() {
        let plan = Self.plan(
            F.daily("08:00"), last: "2024-01-01T08:00:00Z", created: "2024-01-05T10:00:00Z", now: "2024-01-06T09:00:00Z")
        #expect(plan.missed == 1)
        #expect(plan.fireNow == F.instant("2024-01-06T08:00:00Z"))
    }

    @Test func scheduleThatNeverFiresHasNothingDueAndNoNext() {
        let plan = Self.plan(F.cron("0 0 30 2 *"), last: nil, now: "2024-06-01T00:00:00Z")
        #expect(plan == ScheduleCatchUp.Plan(missed: 0, missedCapped: false, latestMissed: nil, fireNow: nil, next: nil))
    }

    @Test func catchUpAcrossFallBackCountsTheRepeatedTimeOnce() {
        let zone = F.zone("America/New_York")
        let plan = Self.plan(
            F.cron("30 * * * *"), last: "2024-11-03T00:30:00-04:00", now: "2024-11-03T02:45:00-05:00", zone: zone)
        // 01:30 EDT and 02:30 EST; the second 01:30 (EST) is not another fire.
        #expect(plan.missed == 2)
        #expect(plan.fireNow == F.instant("2024-11-03T02:30:00-05:00"))
    }

    @Test func catchUpInTenantZoneUsesLocalTimes() {
        let zone = F.zone("America/Santiago")
        let plan = Self.plan(F.daily("08:00"), last: "2024-01-01T08:00:00-03:00", now: "2024-01-02T11:30:00Z", zone: zone)
        #expect(plan.missed == 1)
        #expect(F.local(plan.fireNow, zone) == "2024-01-02T08:00:00-03:00")
    }

    @Test func cappedCatchUpOfMinutelyCronIsFast() {
        let start = ContinuousClock.now
        for _ in 0..<5 {
            _ = Self.plan(
                F.cron("* * * * *"), last: "2019-01-01T00:00:00Z", now: "2024-01-10T00:00:30Z",
                zone: F.zone("America/Santiago"))
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
