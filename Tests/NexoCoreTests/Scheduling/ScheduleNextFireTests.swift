import Foundation
import Testing

@testable import NexoCore

/// One expectation for `nextFire`: the schedule, the instant after which to look, and the fire expected.
struct FireCase: Sendable, CustomTestStringConvertible {
    let schedule: Schedule
    let zone: String
    let after: String
    let expected: String?

    init(_ schedule: Schedule, _ zone: String = "UTC", after: String, _ expected: String?) {
        (self.schedule, self.zone, self.after, self.expected) = (schedule, zone, after, expected)
    }

    var testDescription: String { "\(schedule.summary(locale: "en")) in \(zone) after \(after)" }

    func nextFire() -> String? {
        let zone = ScheduleFixtures.zone(zone)
        return ScheduleFixtures.local(schedule.nextFire(after: ScheduleFixtures.instant(after), in: zone), zone)
    }
}

@Suite struct ScheduleNextFireTests {
    typealias F = ScheduleFixtures

    @Test(arguments: [
        FireCase(F.daily("08:00"), after: "2024-01-01T07:59:59Z", "2024-01-01T08:00:00Z"),
        FireCase(F.daily("08:00"), after: "2024-01-01T08:00:00Z", "2024-01-02T08:00:00Z"),
        FireCase(F.daily("08:00"), after: "2024-01-31T23:00:00Z", "2024-02-01T08:00:00Z"),
        FireCase(F.daily("08:00"), after: "2024-12-31T09:00:00Z", "2025-01-01T08:00:00Z"),
        FireCase(F.daily("00:00"), after: "2024-02-28T00:00:00Z", "2024-02-29T00:00:00Z"),
        FireCase(F.daily("23:59"), after: "2023-02-28T23:59:00Z", "2023-03-01T23:59:00Z"),
        FireCase(F.daily("08:00"), "America/Santiago", after: "2024-01-15T10:00:00Z", "2024-01-15T08:00:00-03:00"),
        FireCase(F.daily("08:00"), "America/Santiago", after: "2024-01-15T11:00:00Z", "2024-01-16T08:00:00-03:00"),
        FireCase(F.daily("08:00"), "Europe/Madrid", after: "2024-07-01T05:00:00Z", "2024-07-01T08:00:00+02:00"),
        FireCase(F.daily("08:00"), "Europe/Madrid", after: "2024-07-01T06:00:00Z", "2024-07-02T08:00:00+02:00"),
        FireCase(F.daily("23:30"), "America/New_York", after: "2024-12-31T23:00:00Z", "2024-12-31T23:30:00-05:00"),
    ])
    func dailyFiresAtItsTimeEveryDay(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test func fireExactlyAtTheInstantIsNotNext() {
        let instant = F.instant("2024-01-01T08:00:00Z")
        #expect(F.daily("08:00").nextFire(after: instant.addingTimeInterval(-0.001), in: F.zone("UTC")) == instant)
        #expect(F.daily("08:00").nextFire(after: instant, in: F.zone("UTC")) == instant.addingTimeInterval(86_400))
        #expect(
            F.daily("08:00").nextFire(after: instant.addingTimeInterval(0.5), in: F.zone("UTC"))
                == instant.addingTimeInterval(86_400))
    }

    @Test(arguments: [
        // 2024-01-01 was a Monday.
        FireCase(F.weekly([1, 3], "09:30"), after: "2024-01-01T09:00:00Z", "2024-01-01T09:30:00Z"),
        FireCase(F.weekly([1, 3], "09:30"), after: "2024-01-01T10:00:00Z", "2024-01-03T09:30:00Z"),
        FireCase(F.weekly([1, 3], "09:30"), after: "2024-01-03T09:30:00Z", "2024-01-08T09:30:00Z"),
        FireCase(F.weekly([3, 1], "09:30"), after: "2024-01-03T09:30:00Z", "2024-01-08T09:30:00Z"),
        FireCase(F.weekly([7], "18:00"), after: "2024-12-28T12:00:00Z", "2024-12-29T18:00:00Z"),
        FireCase(F.weekly([7], "18:00"), after: "2024-12-29T19:00:00Z", "2025-01-05T18:00:00Z"),
        FireCase(F.weekly([5], "12:00"), after: "2024-12-27T12:00:00Z", "2025-01-03T12:00:00Z"),
        FireCase(F.weekly([4], "10:00"), after: "2024-02-28T10:00:00Z", "2024-02-29T10:00:00Z"),
        FireCase(F.weekly([4], "10:00"), after: "2024-02-29T10:00:00Z", "2024-03-07T10:00:00Z"),
        FireCase(F.weekly([6], "10:00"), "America/Sao_Paulo", after: "2024-06-08T13:30:00Z", "2024-06-15T10:00:00-03:00"),
        FireCase(F.weekly([6], "10:00"), "America/Sao_Paulo", after: "2024-06-08T12:30:00Z", "2024-06-08T10:00:00-03:00"),
    ])
    func weeklyFiresOnItsIsoWeekdays(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test(arguments: [
        FireCase(F.monthly(1, "08:00"), after: "2024-12-15T00:00:00Z", "2025-01-01T08:00:00Z"),
        FireCase(F.monthly(1, "08:00"), after: "2024-01-01T08:00:00Z", "2024-02-01T08:00:00Z"),
        FireCase(F.monthly(15, "08:00"), after: "2024-01-15T07:00:00Z", "2024-01-15T08:00:00Z"),
        FireCase(F.monthly(31, "08:00"), after: "2024-01-31T08:00:00Z", "2024-02-29T08:00:00Z"),
        FireCase(F.monthly(31, "08:00"), after: "2023-01-31T08:00:00Z", "2023-02-28T08:00:00Z"),
        FireCase(F.monthly(31, "08:00"), after: "2024-02-29T08:00:00Z", "2024-03-31T08:00:00Z"),
        FireCase(F.monthly(31, "08:00"), after: "2024-04-01T00:00:00Z", "2024-04-30T08:00:00Z"),
        FireCase(F.monthly(31, "08:00"), after: "2024-12-31T08:00:00Z", "2025-01-31T08:00:00Z"),
        FireCase(F.monthly(30, "08:00"), after: "2024-02-01T00:00:00Z", "2024-02-29T08:00:00Z"),
        FireCase(F.monthly(29, "08:00"), after: "2023-02-01T00:00:00Z", "2023-02-28T08:00:00Z"),
        FireCase(F.monthly(29, "08:00"), after: "2024-02-28T08:00:00Z", "2024-02-29T08:00:00Z"),
        FireCase(F.monthly(29, "08:00"), after: "2100-02-01T00:00:00Z", "2100-02-28T08:00:00Z"),
        FireCase(F.monthly(29, "08:00"), after: "2000-02-01T00:00:00Z", "2000-02-29T08:00:00Z"),
        FireCase(F.monthly(1, "00:00"), "America/Santiago", after: "2024-12-31T12:00:00Z", "2025-01-01T00:00:00-03:00"),
    ])
    func monthlyFiresOnItsDayOrTheMonthsLastDay(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test(arguments: [
        // 2024-01-05 was a Friday.
        FireCase(F.cron("0 8 * * 1-5"), after: "2024-01-05T08:00:00Z", "2024-01-08T08:00:00Z"),
        FireCase(F.cron("0 8 * * 1-5"), after: "2024-01-04T09:00:00Z", "2024-01-05T08:00:00Z"),
        FireCase(F.cron("*/15 * * * *"), after: "2024-01-05T10:07:00Z", "2024-01-05T10:15:00Z"),
        FireCase(F.cron("*/15 * * * *"), after: "2024-01-05T10:45:00Z", "2024-01-05T11:00:00Z"),
        FireCase(F.cron("*/15 * * * *"), after: "2024-12-31T23:50:00Z", "2025-01-01T00:00:00Z"),
        FireCase(F.cron("* * * * *"), after: "2024-01-05T10:07:30Z", "2024-01-05T10:08:00Z"),
        FireCase(F.cron("30 9-17/4 * * *"), after: "2024-01-05T13:31:00Z", "2024-01-05T17:30:00Z"),
        FireCase(F.cron("30 9-17/4 * * *"), after: "2024-01-05T17:30:00Z", "2024-01-06T09:30:00Z"),
        FireCase(F.cron("0 0 29 2 *"), after: "2024-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        FireCase(F.cron("0 12 1 jun *"), after: "2024-06-01T12:00:00Z", "2025-06-01T12:00:00Z"),
        FireCase(F.cron("0 0 31 * *"), after: "2024-01-31T00:00:00Z", "2024-03-31T00:00:00Z"),
        FireCase(F.cron("59 23 31 12 *"), after: "2024-01-01T00:00:00Z", "2024-12-31T23:59:00Z"),
        FireCase(F.cron("30 9 * * 7"), after: "2024-01-05T00:00:00Z", "2024-01-07T09:30:00Z"),
        FireCase(F.cron("0 8 * * 1-5"), "America/New_York", after: "2024-01-05T14:00:00Z", "2024-01-08T08:00:00-05:00"),
    ])
    func cronFiresAtTheNextMatchingMinute(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test(arguments: [
        // "On the 13th or on a Friday": 2024-10-04 and 2024-10-11 are Fridays, 2024-10-13 a Sunday.
        FireCase(F.cron("0 0 13 * 5"), after: "2024-10-01T00:00:00Z", "2024-10-04T00:00:00Z"),
        FireCase(F.cron("0 0 13 * 5"), after: "2024-10-11T00:00:00Z", "2024-10-13T00:00:00Z"),
        FireCase(F.cron("0 0 13 * 5"), after: "2024-10-13T00:00:00Z", "2024-10-18T00:00:00Z"),
        FireCase(F.cron("0 0 13 * *"), after: "2024-10-01T00:00:00Z", "2024-10-13T00:00:00Z"),
        FireCase(F.cron("0 0 * * 5"), after: "2024-10-11T00:00:00Z", "2024-10-18T00:00:00Z"),
        FireCase(F.cron("0 0 1 * MON"), after: "2024-10-01T00:00:00Z", "2024-10-07T00:00:00Z"),
        FireCase(F.cron("0 0 */1 * MON"), after: "2024-10-01T00:00:00Z", "2024-10-07T00:00:00Z"),
        FireCase(F.cron("0 0 1 * */1"), after: "2024-10-01T00:00:00Z", "2024-11-01T00:00:00Z"),
    ])
    func cronMatchesEitherDayFieldWhenBothAreRestricted(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test(arguments: [
        // 2024-01-03 was a Wednesday.
        FireCase(F.cron("@hourly"), after: "2024-01-03T10:30:00Z", "2024-01-03T11:00:00Z"),
        FireCase(F.cron("@daily"), after: "2024-01-03T10:30:00Z", "2024-01-04T00:00:00Z"),
        FireCase(F.cron("@midnight"), after: "2024-12-31T10:30:00Z", "2025-01-01T00:00:00Z"),
        FireCase(F.cron("@weekly"), after: "2024-01-03T10:30:00Z", "2024-01-07T00:00:00Z"),
        FireCase(F.cron("@monthly"), after: "2024-01-03T10:30:00Z", "2024-02-01T00:00:00Z"),
        FireCase(F.cron("@yearly"), after: "2024-06-03T10:30:00Z", "2025-01-01T00:00:00Z"),
        FireCase(F.cron("@annually"), after: "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
    ])
    func cronMacrosFireAsTheirExpansions(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test(arguments: ["0 0 30 2 *", "0 0 31 4 *", "0 0 31 jun,sep,nov *"])
    func cronThatNeverMatchesHasNoNextFire(text: String) {
        #expect(F.cron(text).nextFire(after: F.instant("2024-01-01T00:00:00Z"), in: F.zone("UTC")) == nil)
    }

    @Test func scheduleWithoutValidDaysHasNoNextFire() {
        #expect(F.weekly([], "08:00").nextFire(after: F.instant("2024-01-01T00:00:00Z"), in: F.zone("UTC")) == nil)
        #expect(F.monthly(0, "08:00").nextFire(after: F.instant("2024-01-01T00:00:00Z"), in: F.zone("UTC")) == nil)
    }

    @Test(arguments: [
        Date(timeIntervalSince1970: .infinity), Date(timeIntervalSince1970: -.infinity), Date(timeIntervalSince1970: 1e300),
    ])
    func unrepresentableInstantHasNoFire(instant: Date) {
        #expect(F.daily("08:00").nextFire(after: instant, in: F.zone("UTC")) == nil)
        #expect(F.daily("08:00").previousFire(atOrBefore: instant, in: F.zone("UTC")) == nil)
    }

    @Test func distantDatesStillWork() {
        #expect(F.daily("08:00").nextFire(after: .distantPast, in: F.zone("Europe/Madrid")) != nil)
        #expect(F.daily("08:00").nextFire(after: .distantFuture, in: F.zone("Europe/Madrid")) != nil)
    }

    @Test func impossibleCronGivesUpQuickly() {
        let start = ContinuousClock.now
        for _ in 0..<50 {
            _ = F.cron("0 0 30 2 *").nextFire(after: F.instant("2024-01-01T00:00:00Z"), in: F.zone("America/Santiago"))
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func sparseCronIsFoundWithoutScanningMinutes() {
        let start = ContinuousClock.now
        var fire = F.instant("2024-01-01T00:00:00Z")
        // A leap-day cron from just after one leap day must reach the next, four years on.
        for _ in 0..<100 {
            fire = F.cron("59 23 29 2 *").nextFire(after: F.instant("2024-03-01T00:00:00Z"), in: F.zone("Europe/Madrid"))!
        }
        #expect(F.local(fire, F.zone("Europe/Madrid")) == "2028-02-29T23:59:00+01:00")
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test(arguments: [
        ("2024-01-02T08:00:00Z", "2024-01-02T08:00:00Z"), ("2024-01-02T07:59:59Z", "2024-01-01T08:00:00Z"),
        ("2024-03-01T00:00:00Z", "2024-02-29T08:00:00Z"),
    ])
    func previousFireIsTheLastAtOrBeforeTheInstant(instant: String, expected: String) {
        let zone = F.zone("UTC")
        #expect(F.local(F.daily("08:00").previousFire(atOrBefore: F.instant(instant), in: zone), zone) == expected)
    }

    @Test func previousFireOfMinutelyCronIsTheCurrentMinute() {
        let zone = F.zone("UTC")
        let fire = F.cron("* * * * *").previousFire(atOrBefore: F.instant("2024-01-05T10:07:30Z"), in: zone)
        #expect(F.local(fire, zone) == "2024-01-05T10:07:00Z")
    }

    @Test func previousFireOfImpossibleCronIsNil() {
        #expect(F.cron("0 0 30 2 *").previousFire(atOrBefore: F.instant("2024-01-01T00:00:00Z"), in: F.zone("UTC")) == nil)
    }

    @Test func previousFireSkipsMonthsTheCronRulesOut() {
        let zone = F.zone("UTC")
        let fire = F.cron("0 12 1 jun *").previousFire(atOrBefore: F.instant("2024-05-31T00:00:00Z"), in: zone)
        #expect(F.local(fire, zone) == "2023-06-01T12:00:00Z")
    }

    @Test func fireTimesExcludeStartAndIncludeEnd() {
        let zone = F.zone("UTC")
        let times = F.daily("08:00").fireTimes(
            after: F.instant("2024-01-01T08:00:00Z"), upTo: F.instant("2024-01-04T08:00:00Z"), in: zone, limit: 10)
        #expect(times.map { F.local($0, zone) } == ["2024-01-02T08:00:00Z", "2024-01-03T08:00:00Z", "2024-01-04T08:00:00Z"])
    }

    @Test func fireTimesStopAtLimit() {
        let times = F.cron("* * * * *").fireTimes(
            after: F.instant("2024-01-01T00:00:00Z"), upTo: F.instant("2024-02-01T00:00:00Z"), in: F.zone("UTC"), limit: 5)
        #expect(times.count == 5)
        #expect(times.last == F.instant("2024-01-01T00:05:00Z"))
    }

    @Test func fireTimesAreEmptyWhenEndPrecedesStart() {
        let times = F.daily("08:00").fireTimes(
            after: F.instant("2024-01-05T00:00:00Z"), upTo: F.instant("2024-01-01T00:00:00Z"), in: F.zone("UTC"), limit: 5)
        #expect(times.isEmpty)
    }
}
