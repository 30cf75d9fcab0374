import Foundation
import Testing

@testable import NexoCore

/// `ActiveHours`: weekdays and time ranges on the tenant's clock, overnight ranges included.
@Suite struct ActiveHoursTests {
    let zone = AutoReplyFixtures.buenosAires
    let officeHours = AutoReplyFixtures.hours([1, 2, 3, 4, 5], ("09:00", "18:00"))

    @Test func containsTimesInsideARangeOnAListedDay() {
        // Given office hours / When a Tuesday afternoon is checked / Then it is inside
        #expect(officeHours.contains(AutoReplyFixtures.buenosAires(weekday: 2, "15:30"), in: zone))
    }

    @Test func theEndOfARangeIsExcluded() {
        // Given office hours / Then 09:00 is in and 18:00 is out
        #expect(officeHours.contains(AutoReplyFixtures.buenosAires(weekday: 2, "09:00"), in: zone))
        #expect(!officeHours.contains(AutoReplyFixtures.buenosAires(weekday: 2, "18:00"), in: zone))
    }

    @Test func unlistedDaysAreOutside() {
        // Given office hours / When Saturday at noon is checked / Then it is outside
        #expect(!officeHours.contains(AutoReplyFixtures.buenosAires(weekday: 6, "12:00"), in: zone))
    }

    @Test func anOvernightRangeBelongsToTheDayItStarts() {
        // Given Friday nights, 22:00 to 06:00
        let nights = AutoReplyFixtures.hours([5], ("22:00", "06:00"))

        // Then Friday 23:00 and Saturday 05:00 are in; Friday 05:00 and Saturday 23:00 are not
        #expect(nights.contains(AutoReplyFixtures.buenosAires(weekday: 5, "23:00"), in: zone))
        #expect(nights.contains(AutoReplyFixtures.buenosAires(weekday: 6, "05:00"), in: zone))
        #expect(!nights.contains(AutoReplyFixtures.buenosAires(weekday: 5, "05:00"), in: zone))
        #expect(!nights.contains(AutoReplyFixtures.buenosAires(weekday: 6, "23:00"), in: zone))
    }

    @Test func sundayNightRunsIntoMonday() {
        // Given Sunday nights / When Monday 01:00 is checked / Then the week wraps around
        let nights = AutoReplyFixtures.hours([7], ("20:00", "02:00"))
        #expect(nights.contains(AutoReplyFixtures.buenosAires(weekday: 1, "01:00"), in: zone))
    }

    @Test func theTimeZoneDecidesTheWallClock() {
        // Given Tuesday 15:30 in Buenos Aires, which is 19:30 in Madrid (UTC+1 in March)
        let instant = AutoReplyFixtures.tuesdayAfternoon
        let madrid = TimeZone(identifier: "Europe/Madrid")!

        // Then office hours hold in Buenos Aires but not in Madrid
        #expect(officeHours.contains(instant, in: zone))
        #expect(!officeHours.contains(instant, in: madrid))
    }

    @Test func noRangesMeansAllDayAndMidnightEndsTheDay() {
        // Given weekends all day, and evenings to midnight
        let weekends = ActiveHours(weekdays: [6, 7])
        let evenings = AutoReplyFixtures.hours([2], ("20:00", "00:00"))

        // Then a weekend dawn and a Tuesday 23:59 are in
        #expect(weekends.contains(AutoReplyFixtures.buenosAires(weekday: 7, "03:00"), in: zone))
        #expect(evenings.contains(AutoReplyFixtures.buenosAires(weekday: 2, "23:59"), in: zone))
        #expect(evenings.ranges[0].description == "20:00–24:00")
    }

    @Test func encodesWeekdaysSortedAndTimesAsText() throws {
        // Given hours with two ranges
        let hours = AutoReplyFixtures.hours([5, 1], ("9:00", "13:00"), ("14:00", "18:30"))

        // When encoded and decoded / Then the JSON is readable and round-trips
        let json = try AutoReplyFixtures.json(hours)
        #expect(json == #"{"ranges":[{"from":"09:00","to":"13:00"},{"from":"14:00","to":"18:30"}],"weekdays":[1,5]}"#)
        #expect(try AutoReplyFixtures.decode(ActiveHours.self, json) == hours)
    }

    @Test func decodingRefusesTimesThatAreNotTimes() {
        // Given a range ending at 25:00 / When decoded / Then it throws
        #expect(throws: DecodingError.self) {
            try AutoReplyFixtures.decode(ActiveHours.self, #"{"weekdays":[1],"ranges":[{"from":"09:00","to":"25:00"}]}"#)
        }
    }
}
