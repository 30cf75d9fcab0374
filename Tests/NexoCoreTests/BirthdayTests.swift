import Foundation
import Testing

@testable import NexoCore

/// A date as (year, month, day); year nil means "without year".
struct BirthdayDate: Sendable, CustomTestStringConvertible {
    let year: Int?
    let month: Int
    let day: Int

    init(_ year: Int?, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    var testDescription: String { "\(year.map(String.init) ?? "----")-\(month)-\(day)" }
}

@Suite struct BirthdayTests {
    @Test(arguments: [
        BirthdayDate(1990, 5, 17), BirthdayDate(nil, 2, 29), BirthdayDate(2000, 2, 29),
        BirthdayDate(2024, 2, 29), BirthdayDate(1900, 1, 1), BirthdayDate(2100, 12, 31),
        BirthdayDate(nil, 12, 31), BirthdayDate(nil, 4, 30),
    ])
    func validDates(_ date: BirthdayDate) throws {
        let birthday = try #require(Birthday(year: date.year, month: date.month, day: date.day))
        #expect(birthday.year == date.year)
        #expect(birthday.month == date.month)
        #expect(birthday.day == date.day)
    }

    @Test(arguments: [
        BirthdayDate(1900, 2, 29), BirthdayDate(2023, 2, 29), BirthdayDate(2100, 2, 29),
        BirthdayDate(1899, 12, 31), BirthdayDate(2101, 1, 1), BirthdayDate(nil, 13, 1),
        BirthdayDate(nil, 0, 1), BirthdayDate(nil, 4, 31), BirthdayDate(nil, 1, 0),
        BirthdayDate(nil, 1, 32), BirthdayDate(nil, 2, 30), BirthdayDate(2024, -1, 10),
    ])
    func invalidDates(_ date: BirthdayDate) {
        #expect(Birthday(year: date.year, month: date.month, day: date.day) == nil)
    }

    @Test(arguments: [
        ("1990-05-17", BirthdayDate(1990, 5, 17)),
        ("--05-17", BirthdayDate(nil, 5, 17)),
        ("--02-29", BirthdayDate(nil, 2, 29)),
        ("2024-02-29", BirthdayDate(2024, 2, 29)),
        (" 1990-05-17\n", BirthdayDate(1990, 5, 17)),
        ("19900517", BirthdayDate(1990, 5, 17)),
        ("--0517", BirthdayDate(nil, 5, 17)),
    ])
    func parsesISO(text: String, date: BirthdayDate) {
        #expect(Birthday(iso: text) == Birthday(year: date.year, month: date.month, day: date.day))
        #expect(Birthday(iso: text) != nil)
    }

    @Test(arguments: [
        "", "1990-5-17", "--5-17", "1990/05/17", "17-05-1990", "1990-05-17T00:00:00",
        "2023-02-29", "1990-13-01", "--13-01", "--00-10", "1899-12-31", "1990-05-1a",
        "１９９０-05-17", "19-0-05-17", "1990--5-17", "--05--1", "-990-05-17", "---05-17", "0517",
    ])
    func rejectsMalformedISO(text: String) {
        #expect(Birthday(iso: text) == nil)
    }

    @Test(arguments: [
        (BirthdayDate(1990, 5, 17), "1990-05-17"),
        (BirthdayDate(nil, 5, 17), "--05-17"),
        (BirthdayDate(2000, 12, 1), "2000-12-01"),
        (BirthdayDate(nil, 2, 29), "--02-29"),
    ])
    func description(date: BirthdayDate, text: String) throws {
        let birthday = try #require(Birthday(year: date.year, month: date.month, day: date.day))
        #expect(birthday.description == text)
        #expect(Birthday(iso: birthday.description) == birthday)
    }

    @Test func isOnMatchesAnniversaries() throws {
        let birthday = try #require(Birthday(year: 1990, month: 5, day: 17))
        #expect(birthday.isOn(year: 2025, month: 5, day: 17))
        #expect(birthday.isOn(year: 1990, month: 5, day: 17))
        #expect(!birthday.isOn(year: 2025, month: 5, day: 18))
        #expect(!birthday.isOn(year: 2025, month: 6, day: 17))
        #expect(!birthday.isOn(year: 1980, month: 5, day: 17))

        let withoutYear = try #require(Birthday(iso: "--05-17"))
        #expect(withoutYear.isOn(year: 1950, month: 5, day: 17))
    }

    @Test func leapDayBirthdaysMoveToFebruary28InCommonYears() throws {
        for birthday in [Birthday(year: 2000, month: 2, day: 29), Birthday(year: nil, month: 2, day: 29)] {
            let birthday = try #require(birthday)
            #expect(birthday.isOn(year: 2023, month: 2, day: 28))
            #expect(!birthday.isOn(year: 2023, month: 3, day: 1))
            #expect(birthday.isOn(year: 2024, month: 2, day: 29))
            #expect(!birthday.isOn(year: 2024, month: 2, day: 28))
            #expect(birthday.isOn(year: 2100, month: 2, day: 28))
        }
        let feb28 = try #require(Birthday(year: 1990, month: 2, day: 28))
        #expect(feb28.isOn(year: 2023, month: 2, day: 28))
        #expect(feb28.isOn(year: 2024, month: 2, day: 28))
    }

    @Test func codesAsISOString() throws {
        let birthdays = [try #require(Birthday(iso: "1990-05-17")), try #require(Birthday(iso: "--02-29"))]
        let data = try JSONEncoder().encode(birthdays)
        #expect(String(decoding: data, as: UTF8.self) == #"["1990-05-17","--02-29"]"#)
        #expect(try JSONDecoder().decode([Birthday].self, from: data) == birthdays)
    }

    @Test func decodingInvalidStringThrowsDataCorrupted() {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Birthday].self, from: Data(#"["2023-02-29"]"#.utf8))
        }
        guard case .dataCorrupted = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
    }

    @Test func decodingNonStringThrows() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Birthday].self, from: Data("[19900517]".utf8))
        }
    }
}
