import Foundation

/// The weekday and minute a tenant's clock shows at an instant; read once per message and shared by every
/// rule with active hours. Plain arithmetic on the zone's offset, like the scheduler's `WallTime`.
struct WallClockReading: Sendable, Hashable {
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    let weekday: Int
    /// Minutes since local midnight.
    let minute: Int

    init(weekday: Int, minute: Int) {
        self.weekday = weekday
        self.minute = minute
    }

    init(_ date: Date, in timeZone: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        // 1970-01-01 was a Thursday (ISO 4).
        weekday = ((days % 7 + 7) % 7 + 3) % 7 + 1
        minute = (seconds - days * 86_400) / 60
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "Saturday 10:15", for reasons.
    var description: String {
        Self.weekdayNames[weekday - 1] + " " + ActiveHours.TimeRange.text(minute)
    }
}
