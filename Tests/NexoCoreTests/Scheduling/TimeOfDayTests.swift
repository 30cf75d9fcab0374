import Foundation
import Testing

@testable import NexoCore

@Suite struct TimeOfDayTests {
    @Test(arguments: [
        ("08:00", 8, 0), ("8:05", 8, 5), ("00:00", 0, 0), ("23:59", 23, 59), (" 09:30 ", 9, 30), ("12:00", 12, 0),
    ])
    func parsesHoursAndMinutes(text: String, hour: Int, minute: Int) throws {
        let time = try #require(TimeOfDay(text))
        #expect(time.hour == hour)
        #expect(time.minute == minute)
    }

    @Test(arguments: [
        "", "24:00", "12:60", "1200", "12:5", "ab:cd", "-1:00", "12:00:00", "+1:00", "123:00", "12:-1", "12 :00", ":30",
        "١٢:٠٠",
    ])
    func rejectsMalformedText(text: String) {
        #expect(TimeOfDay(text) == nil)
    }

    @Test(arguments: [(-1, 0), (24, 0), (0, -1), (0, 60)])
    func rejectsOutOfRangeComponents(hour: Int, minute: Int) {
        #expect(TimeOfDay(hour: hour, minute: minute) == nil)
    }

    @Test func describesWithTwoDigitsEach() {
        #expect(TimeOfDay(hour: 8, minute: 5)?.description == "08:05")
        #expect(TimeOfDay(hour: 23, minute: 59)?.description == "23:59")
    }

    @Test func ordersByMinuteOfDay() {
        #expect(ScheduleFixtures.time("08:59") < ScheduleFixtures.time("09:00"))
        #expect(ScheduleFixtures.time("09:30").minuteOfDay == 570)
    }

    @Test func encodesAsHHMMString() throws {
        let data = try JSONEncoder().encode([ScheduleFixtures.time("7:05")])
        #expect(String(decoding: data, as: UTF8.self) == #"["07:05"]"#)
    }

    @Test func decodesFromHHMMString() throws {
        let times = try JSONDecoder().decode([TimeOfDay].self, from: Data(#"["18:45"]"#.utf8))
        #expect(times == [ScheduleFixtures.time("18:45")])
    }

    @Test func decodingRejectsBadTime() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([TimeOfDay].self, from: Data(#"["25:00"]"#.utf8))
        }
    }
}
