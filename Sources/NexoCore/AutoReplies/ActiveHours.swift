import Foundation

/// When a rule may answer, on the tenant's wall clock: some weekdays, and within them some time ranges.
///
/// JSON: `{"weekdays":[1,2,3,4,5],"ranges":[{"from":"09:00","to":"13:00"},{"from":"14:00","to":"18:00"}]}`.
/// Weekdays are ISO numbers like `Schedule.weekly`'s (1 = Monday … 7 = Sunday). No ranges means all day.
/// A range may cross midnight (`22:00`–`06:00`): its early-morning part belongs to the day it started on,
/// so a Friday night range covers Saturday 00:00–06:00 but not Friday 00:00–06:00.
public struct ActiveHours: Sendable, Hashable, Codable {
    /// `from` inclusive, `to` exclusive, both "HH:MM"; a `to` of "00:00" or "24:00" is the end of the day.
    public struct TimeRange: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Minutes since midnight, 0…1439.
        public let from: Int
        /// Minutes since midnight, 1…1440; less than `from` when the range crosses midnight.
        public let to: Int

        public init?(from: String, to: String) {
            guard let start = Self.minutes(from), start < Self.minutesPerDay, let end = Self.minutes(to) else { return nil }
            self.from = start
            self.to = end == 0 ? Self.minutesPerDay : end
        }

        static let minutesPerDay = 1_440

        public var crossesMidnight: Bool { to < from }

        public var description: String { Self.text(from) + "–" + Self.text(to) }

        /// Whether `minute` of day `weekday` falls in the range, for a range that starts on days `weekdays`.
        func contains(weekday: Int, minute: Int, startingOn weekdays: Set<Int>) -> Bool {
            if !crossesMidnight { return weekdays.contains(weekday) && from <= minute && minute < to }
            let previous = weekday == 1 ? 7 : weekday - 1
            return (weekdays.contains(weekday) && minute >= from) || (weekdays.contains(previous) && minute < to)
        }

        /// "HH:MM", 00:00 to 24:00; a one-digit hour is accepted because people type it that way.
        static func minutes(_ text: String) -> Int? {
            let parts = text.trimmedWhitespace.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
                parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
                let hour = Int(parts[0]), let minute = Int(parts[1]), hour <= 24, minute <= 59
            else { return nil }
            let total = hour * 60 + minute
            return total <= minutesPerDay ? total : nil
        }

        static func text(_ minutes: Int) -> String {
            let hour = minutes / 60
            let minute = minutes % 60
            return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
        }

        private enum CodingKeys: String, CodingKey { case from, to }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let from = try container.decode(String.self, forKey: .from)
            let to = try container.decode(String.self, forKey: .to)
            guard let range = TimeRange(from: from, to: to) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .from, in: container,
                    debugDescription: "Not a time range HH:MM–HH:MM (00:00 to 24:00): \(from)–\(to)")
            }
            self = range
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Self.text(from), forKey: .from)
            try container.encode(Self.text(to), forKey: .to)
        }
    }

    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    public var weekdays: Set<Int>
    /// Empty: all day on `weekdays`.
    public var ranges: [TimeRange]

    public init(weekdays: Set<Int>, ranges: [TimeRange] = []) {
        self.weekdays = weekdays
        self.ranges = ranges
    }

    /// Whether `date` falls in the active hours, read on the wall clock of `timeZone`.
    public func contains(_ date: Date, in timeZone: TimeZone) -> Bool {
        contains(WallClockReading(date, in: timeZone))
    }

    func contains(_ reading: WallClockReading) -> Bool {
        if ranges.isEmpty { return weekdays.contains(reading.weekday) }
        return ranges.contains { $0.contains(weekday: reading.weekday, minute: reading.minute, startingOn: weekdays) }
    }

    private enum CodingKeys: String, CodingKey { case weekdays, ranges }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        weekdays = Set(try container.decode([Int].self, forKey: .weekdays))
        ranges = try container.decodeIfPresent([TimeRange].self, forKey: .ranges) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(weekdays.sorted(), forKey: .weekdays)
        try container.encode(ranges, forKey: .ranges)
    }
}
