import Foundation

/// A contact's birthday, with or without the year (people often share only the day).
public struct Birthday: Sendable, Hashable, Codable, CustomStringConvertible {
    /// nil = month and day without year.
    public let year: Int?
    public let month: Int
    public let day: Int

    static let supportedYears = 1900...2100

    /// Validates the date; Feb 29 is accepted without a year because it exists in some year.
    public init?(year: Int?, month: Int, day: Int) {
        if let year, !Self.supportedYears.contains(year) { return nil }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD" or "--MM-DD" (ISO 8601 without year, as vCard/Google write it).
    /// The basic forms "YYYYMMDD" and "--MMDD" are accepted too: vCard 4 exports them.
    public init?(iso: String) {
        let text = iso.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "-" }) else { return nil }
        let chars = Array(text)
        func number(_ range: Range<Int>) -> Int? { Int(String(chars[range])) }
        func isDash(_ index: Int) -> Bool { chars[index] == "-" }

        let year: Int?, month: Int?, day: Int?
        switch chars.count {
        case 10 where isDash(4) && isDash(7):
            (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        case 8 where !isDash(0):
            (year, month, day) = (number(0..<4), number(4..<6), number(6..<8))
        case 7 where isDash(0) && isDash(1) && isDash(4):
            (year, month, day) = (nil, number(2..<4), number(5..<7))
        case 6 where isDash(0) && isDash(1):
            (year, month, day) = (nil, number(2..<4), number(4..<6))
        default:
            return nil
        }
        // Stray dashes inside a field ("-1", "19-0") must not slip through as a missing year
        // or a negative number.
        guard let month, let day, month > 0, day > 0 else { return nil }
        if chars.count >= 8 && year == nil { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        let monthDay = Self.twoDigits(month) + "-" + Self.twoDigits(day)
        guard let year else { return "--" + monthDay }
        return String(year) + "-" + monthDay
    }

    /// Whether this birthday falls on the given calendar day; Feb 29 birthdays are
    /// celebrated on Feb 28 in non-leap years. Never true before the year of birth.
    public func isOn(year: Int, month: Int, day: Int) -> Bool {
        if let birthYear = self.year, year < birthYear { return false }
        let celebratedDay = self.month == 2 && self.day == 29 && !Self.isLeap(year) ? 28 : self.day
        return month == self.month && day == celebratedDay
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let birthday = Birthday(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Not an ISO 8601 birthday: \(text)"
            )
        }
        self = birthday
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int, year: Int?) -> Int {
        switch month {
        case 2: year.map { isLeap($0) ? 29 : 28 } ?? 29
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
