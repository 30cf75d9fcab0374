import Foundation
import Testing

@testable import NexoCore

@Suite struct WallTimeTests {
    @Test func dayNumbersMatchFoundationGregorianCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ScheduleFixtures.zone("UTC")
        // Every 13th day from 1899 to 2101 covers all months, weekdays and century leap rules.
        for days in stride(from: -25_600, through: 47_600, by: 13) {
            let date = Date(timeIntervalSince1970: TimeInterval(days * 86_400))
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let civil = WallTime.date(days: days)
            #expect(civil == WallTime.CivilDate(year: parts.year!, month: parts.month!, day: parts.day!))
            #expect(WallTime.days(year: civil.year, month: civil.month, day: civil.day) == days)
            #expect(WallTime.isoWeekday(days: days) == (parts.weekday! + 5) % 7 + 1)
        }
    }

    @Test(arguments: [(2024, 2, 29), (2023, 2, 28), (2000, 2, 29), (1900, 2, 28), (2100, 2, 28), (2024, 4, 30), (2024, 12, 31)])
    func monthLengthsFollowLeapRules(year: Int, month: Int, days: Int) {
        #expect(WallTime.daysIn(month: month, year: year) == days)
    }

    @Test(arguments: [(-1, 60, -1), (-60, 60, -1), (-61, 60, -2), (0, 60, 0), (59, 60, 0), (60, 60, 1)])
    func floorDivisionRoundsDown(value: Int, divisor: Int, quotient: Int) {
        #expect(WallTime.floorDiv(value, divisor) == quotient)
    }
}
