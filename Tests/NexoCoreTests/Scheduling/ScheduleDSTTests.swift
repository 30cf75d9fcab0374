import Foundation
import Testing

@testable import NexoCore

/// Clock changes used below (local times):
/// - America/New_York 2024: 03-10 02:00→03:00, 11-03 02:00→01:00.
/// - Europe/Madrid 2024: 03-31 02:00→03:00, 10-27 03:00→02:00.
/// - America/Santiago 2024: 04-07 00:00→04-06 23:00, 09-08 00:00→01:00 (midnight itself is skipped).
/// - America/Sao_Paulo (DST abolished in 2019): 2018-11-04 00:00→01:00, 2019-02-17 00:00→02-16 23:00.
@Suite struct ScheduleDSTTests {
    typealias F = ScheduleFixtures

    @Test(arguments: [
        FireCase(F.daily("02:30"), "America/New_York", after: "2024-03-09T12:00:00-05:00", "2024-03-10T03:00:00-04:00"),
        FireCase(F.daily("02:00"), "America/New_York", after: "2024-03-09T12:00:00-05:00", "2024-03-10T03:00:00-04:00"),
        FireCase(F.daily("02:59"), "America/New_York", after: "2024-03-09T12:00:00-05:00", "2024-03-10T03:00:00-04:00"),
        FireCase(F.cron("30 2 * * *"), "America/New_York", after: "2024-03-09T12:00:00-05:00", "2024-03-10T03:00:00-04:00"),
        FireCase(F.daily("02:30"), "Europe/Madrid", after: "2024-03-30T12:00:00+01:00", "2024-03-31T03:00:00+02:00"),
        FireCase(F.daily("00:30"), "America/Santiago", after: "2024-09-07T12:00:00-04:00", "2024-09-08T01:00:00-03:00"),
        FireCase(F.cron("@daily"), "America/Santiago", after: "2024-09-07T12:00:00-04:00", "2024-09-08T01:00:00-03:00"),
        FireCase(F.cron("@daily"), "America/Sao_Paulo", after: "2018-11-03T12:00:00-03:00", "2018-11-04T01:00:00-02:00"),
        FireCase(F.daily("00:30"), "America/Sao_Paulo", after: "2018-11-03T12:00:00-03:00", "2018-11-04T01:00:00-02:00"),
        FireCase(F.weekly([7], "00:15"), "America/Sao_Paulo", after: "2018-11-01T12:00:00-03:00", "2018-11-04T01:00:00-02:00"),
        FireCase(F.monthly(4, "00:00"), "America/Sao_Paulo", after: "2018-10-05T00:00:00-03:00", "2018-11-04T01:00:00-02:00"),
    ])
    func wallTimeInSpringForwardGapFiresWhenGapEnds(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test(arguments: [
        FireCase(F.daily("02:30"), "America/New_York", after: "2024-03-10T03:00:00-04:00", "2024-03-11T02:30:00-04:00"),
        FireCase(F.daily("00:30"), "America/Santiago", after: "2024-09-08T01:00:00-03:00", "2024-09-09T00:30:00-03:00"),
    ])
    func gapDayFireIsFollowedByTheNormalTimeNextDay(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test(arguments: [
        FireCase(F.daily("03:30"), "America/New_York", after: "2024-03-09T12:00:00-05:00", "2024-03-10T03:30:00-04:00"),
        FireCase(F.daily("01:59"), "America/New_York", after: "2024-03-09T12:00:00-05:00", "2024-03-10T01:59:00-05:00"),
        FireCase(F.daily("01:00"), "America/Santiago", after: "2024-09-07T12:00:00-04:00", "2024-09-08T01:00:00-03:00"),
        FireCase(F.daily("23:59"), "America/Santiago", after: "2024-09-07T12:00:00-04:00", "2024-09-07T23:59:00-04:00"),
    ])
    func wallTimesAroundTheGapAreUnaffected(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test func minutelyTimesInsideTheGapCollapseIntoOneFire() {
        let zone = F.zone("America/New_York")
        let times = F.cron("*/15 * * * *").fireTimes(
            after: F.instant("2024-03-10T01:30:00-05:00"), upTo: F.instant("2024-03-10T03:30:00-04:00"), in: zone, limit: 20)
        #expect(
            times.map { F.local($0, zone) } == [
                "2024-03-10T01:45:00-05:00", "2024-03-10T03:00:00-04:00", "2024-03-10T03:15:00-04:00",
                "2024-03-10T03:30:00-04:00",
            ])
    }

    @Test(arguments: [
        FireCase(F.daily("01:30"), "America/New_York", after: "2024-11-03T00:00:00-04:00", "2024-11-03T01:30:00-04:00"),
        FireCase(F.cron("30 1 * * *"), "America/New_York", after: "2024-11-03T00:00:00-04:00", "2024-11-03T01:30:00-04:00"),
        FireCase(F.daily("02:30"), "Europe/Madrid", after: "2024-10-26T12:00:00+02:00", "2024-10-27T02:30:00+02:00"),
        FireCase(F.daily("23:30"), "America/Santiago", after: "2024-04-06T12:00:00-03:00", "2024-04-06T23:30:00-03:00"),
        FireCase(F.daily("23:30"), "America/Sao_Paulo", after: "2019-02-16T12:00:00-02:00", "2019-02-16T23:30:00-02:00"),
    ])
    func repeatedWallTimeFiresAtFirstOccurrence(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test(arguments: [
        FireCase(F.daily("01:30"), "America/New_York", after: "2024-11-03T01:30:00-04:00", "2024-11-04T01:30:00-05:00"),
        FireCase(F.daily("01:30"), "America/New_York", after: "2024-11-03T01:10:00-05:00", "2024-11-04T01:30:00-05:00"),
        FireCase(F.daily("02:30"), "Europe/Madrid", after: "2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00"),
        FireCase(F.daily("23:30"), "America/Santiago", after: "2024-04-06T23:30:00-03:00", "2024-04-07T23:30:00-04:00"),
        FireCase(F.daily("23:30"), "America/Sao_Paulo", after: "2019-02-16T23:30:00-02:00", "2019-02-17T23:30:00-03:00"),
    ])
    func repeatedWallTimeDoesNotFireAgainInTheSecondPass(fire: FireCase) {
        #expect(fire.nextFire() == fire.expected)
    }

    @Test func halfHourlyCronSkipsTheRepeatedHour() {
        let zone = F.zone("America/New_York")
        let times = F.cron("*/30 * * * *").fireTimes(
            after: F.instant("2024-11-03T00:45:00-04:00"), upTo: F.instant("2024-11-03T02:30:00-05:00"), in: zone, limit: 20)
        #expect(
            times.map { F.local($0, zone) } == [
                "2024-11-03T01:00:00-04:00", "2024-11-03T01:30:00-04:00", "2024-11-03T02:00:00-05:00",
                "2024-11-03T02:30:00-05:00",
            ])
    }

    @Test func midnightExistsAgainAfterBrazilAbolishedDST() {
        let fire = FireCase(
            F.cron("@daily"), "America/Sao_Paulo", after: "2019-11-02T12:00:00-03:00", "2019-11-03T00:00:00-03:00")
        #expect(fire.nextFire() == fire.expected)
    }

    @Test func previousFireDuringSecondPassIsTheFirstOccurrence() {
        let zone = F.zone("America/New_York")
        let fire = F.daily("01:30").previousFire(atOrBefore: F.instant("2024-11-03T01:45:00-05:00"), in: zone)
        #expect(F.local(fire, zone) == "2024-11-03T01:30:00-04:00")
    }

    @Test func previousFireAfterTheGapIsTheGapsEnd() {
        let zone = F.zone("America/Santiago")
        let fire = F.cron("@daily").previousFire(atOrBefore: F.instant("2024-09-08T12:00:00-03:00"), in: zone)
        #expect(F.local(fire, zone) == "2024-09-08T01:00:00-03:00")
    }

    @Test func previousFireJustAfterFallBackFindsTheLaterWallTimeAlreadyPassed() {
        // At 23:10 (second pass) in Santiago, 23:40 of the first pass has already happened.
        let zone = F.zone("America/Santiago")
        let fire = F.daily("23:40").previousFire(atOrBefore: F.instant("2024-04-06T23:10:00-04:00"), in: zone)
        #expect(F.local(fire, zone) == "2024-04-06T23:40:00-03:00")
    }

    @Test func yearOfFiresKeepsLocalWallTimeAcrossBothChanges() {
        let zone = F.zone("Europe/Madrid")
        let times = F.daily("08:00").fireTimes(
            after: F.instant("2024-01-01T00:00:00Z"), upTo: F.instant("2025-01-01T00:00:00Z"), in: zone, limit: 400)
        #expect(times.count == 366)
        #expect(times.allSatisfy { F.local($0, zone)?.contains("T08:00:00") == true })
    }
}
