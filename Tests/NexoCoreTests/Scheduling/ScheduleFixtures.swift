import Foundation

@testable import NexoCore

/// Builders for the scheduling tests. Instants are written as ISO 8601 with their offset, so expectations do not
/// depend on the code under test, and results are printed the same way in the zone under test.
enum ScheduleFixtures {
    static func instant(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad ISO 8601 fixture \(text)") }
        return date
    }

    static func zone(_ identifier: String) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else { fatalError("unknown time zone \(identifier)") }
        return zone
    }

    /// "2024-03-10T03:00:00-04:00", or "…Z" in UTC; nil stays nil so a missing fire reads clearly.
    static func local(_ date: Date?, _ zone: TimeZone) -> String? {
        guard let date else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        return formatter.string(from: date)
    }

    static func time(_ text: String) -> TimeOfDay {
        guard let time = TimeOfDay(text) else { fatalError("bad time fixture \(text)") }
        return time
    }

    static func cron(_ text: String) -> Schedule {
        do {
            return .cron(try CronExpression(text))
        } catch {
            fatalError("bad cron fixture \(text): \(error.message)")
        }
    }

    static func daily(_ time: String) -> Schedule { .daily(self.time(time)) }
    static func weekly(_ weekdays: [Int], _ time: String) -> Schedule { .weekly(weekdays: weekdays, at: self.time(time)) }
    static func monthly(_ day: Int, _ time: String) -> Schedule { .monthly(day: day, at: self.time(time)) }
}
