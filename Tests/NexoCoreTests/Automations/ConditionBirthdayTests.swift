import Foundation
import Testing

@testable import NexoCore

/// `.birthdayToday`: whose calendar says "today", and 29 February.
@Suite struct ConditionBirthdayTests {
    private typealias Fixtures = ConditionFixtures

    /// 23:30 UTC on 16 May: already 17 May in Madrid (UTC+2), still 16 May in Buenos Aires (UTC−3).
    private static let lateOnTheSixteenth = Fixtures.date("2025-05-16T23:30:00Z")
    private static let madrileña = Fixtures.facts(
        ContactValues(firstName: "Lucía", birthday: Birthday(year: nil, month: 5, day: 17)), timeZone: Fixtures.madrid)

    @Test func theContactsZoneCelebratesWhenItsDayStarts() {
        // Given a contact in Madrid whose birthday has just started there, and a tenant in Buenos Aires
        let condition = Condition.birthdayToday(.contact)

        // When evaluated in the contact's zone
        let result = Fixtures.evaluate(condition, Self.madrileña, now: Self.lateOnTheSixteenth)

        // Then it is her birthday
        #expect(result.passed)
        #expect(result.reason == ConditionReason(.birthdayToday, ["2025-05-17", "Europe/Madrid"]))
    }

    @Test func theTenantsZoneIsStillOnThePreviousDay() {
        // Given the same contact and moment
        let condition = Condition.birthdayToday(.tenant)

        // When evaluated in the tenant's zone
        let result = Fixtures.evaluate(condition, Self.madrileña, now: Self.lateOnTheSixteenth)

        // Then it is not yet her birthday in Buenos Aires, and the reason says which day it is there
        #expect(result.passed == false)
        #expect(result.reason.code.rawValue == "condition.birthday_not_today")
        #expect(result.reason.message == "Birthday is --05-17; today is 2025-05-16 in America/Argentina/Buenos_Aires")
    }

    @Test func aContactWithoutAZoneUsesTheTenants() {
        // Given a contact with the same birthday and no known zone
        var facts = Self.madrileña
        facts.timeZone = nil

        // When evaluated in the contact's zone
        let result = Fixtures.evaluate(.birthdayToday(.contact), facts, now: Self.lateOnTheSixteenth)

        // Then the tenant's calendar decides
        #expect(result.passed == false)
        #expect(result.reason.arguments.last == "America/Argentina/Buenos_Aires")
    }

    @Test(arguments: [
        ("2025-02-28T15:00:00Z", true), ("2025-03-01T15:00:00Z", false),
        ("2024-02-28T15:00:00Z", false), ("2024-02-29T15:00:00Z", true),
    ])
    func february29IsCelebratedOnThe28thInCommonYears(now: String, passes: Bool) {
        // Given a contact born on 29 February
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", birthday: Birthday(year: 2000, month: 2, day: 29)))

        // When evaluated around the end of February in a common and in a leap year
        let result = Fixtures.evaluate(.birthdayToday(.tenant), facts, now: Fixtures.date(now))

        // Then the 28th counts only when there is no 29th
        #expect(result.passed == passes)
    }

    @Test func theBirthYearDoesNotMatter() {
        // Given a contact born on 10 March 1990
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", birthday: Birthday(year: 1990, month: 3, day: 10)))

        // When evaluated on 10 March 2025
        let result = Fixtures.evaluate(.birthdayToday(), facts)

        // Then it is the birthday
        #expect(result.passed)
    }

    @Test func aContactWithoutBirthdayFails() {
        // Given a contact with no birthday
        let facts = Fixtures.facts(ContactValues(firstName: "Ana"))

        // When evaluated
        let result = Fixtures.evaluate(.birthdayToday(), facts)

        // Then it fails saying the birthday is unknown
        #expect(result.passed == false)
        #expect(result.reason == ConditionReason(.noBirthday))
    }
}
