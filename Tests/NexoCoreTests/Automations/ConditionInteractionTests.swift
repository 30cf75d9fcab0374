import Foundation
import Testing

@testable import NexoCore

/// `.daysSinceLastInteraction`: how "cold" a contact is, in 24-hour periods.
@Suite struct ConditionInteractionTests {
    private typealias Fixtures = ConditionFixtures

    @Test func atLeastPassesForAnOldInteraction() {
        // Given a contact last contacted 90 days ago
        let facts = Fixtures.facts(lastInteractionAt: Fixtures.daysAgo(90))

        // When at least 60 days are needed
        let result = Fixtures.evaluate(.daysSinceLastInteraction(.atLeast, days: 60), facts)

        // Then it passes
        #expect(result.passed)
        #expect(result.reason == ConditionReason(.interactionOldEnough, ["90", "60"]))
    }

    @Test func atLeastFailsForARecentInteraction() {
        // Given a contact last contacted 12 and a half days ago
        let facts = Fixtures.facts(lastInteractionAt: Fixtures.daysAgo(12.5))

        // When at least 60 days are needed
        let result = Fixtures.evaluate(.daysSinceLastInteraction(.atLeast, days: 60), facts)

        // Then it fails saying how recent it was
        #expect(result.passed == false)
        #expect(result.reason.code.rawValue == "condition.interaction_too_recent")
        #expect(result.reason.message == "Last interaction 12 days ago; needs at least 60")
    }

    @Test(arguments: [(10.0, true, ConditionReason.Code.interactionRecentEnough), (45.0, false, .interactionTooOld)])
    func lessThanPassesOnlyForRecentInteractions(ageInDays: Double, passes: Bool, code: ConditionReason.Code) {
        // Given a contact last contacted some days ago
        let facts = Fixtures.facts(lastInteractionAt: Fixtures.daysAgo(ageInDays))

        // When the last interaction must be less than 30 days ago
        let result = Fixtures.evaluate(.daysSinceLastInteraction(.lessThan, days: 30), facts)

        // Then only the recent one passes
        #expect(result.passed == passes)
        #expect(result.reason.code == code)
    }

    @Test func aContactNeverContactedCountsFromWhenItWasAdded() {
        // Given a contact added 90 days ago and never contacted
        let facts = Fixtures.facts(createdAt: Fixtures.daysAgo(90), lastInteractionAt: nil)

        // When at least 60 days without interaction are needed
        let result = Fixtures.evaluate(.daysSinceLastInteraction(.atLeast, days: 60), facts)

        // Then it is as cold as one contacted 90 days ago, and the reason says it was never contacted
        #expect(result.passed)
        #expect(result.reason.code == .neverContactedOldEnough)
        #expect(result.reason.message == "Never contacted, added 90 days ago (at least 60)")
    }

    @Test(arguments: [
        (Condition.Comparison.atLeast, false, ConditionReason.Code.neverContactedTooRecent),
        (.lessThan, true, .neverContactedRecentEnough),
    ])
    func aNewContactNeverContactedIsNotColdYet(comparison: Condition.Comparison, passes: Bool, code: ConditionReason.Code) {
        // Given a contact added 5 days ago and never contacted
        let facts = Fixtures.facts(createdAt: Fixtures.daysAgo(5))

        // When compared with 60 days
        let result = Fixtures.evaluate(.daysSinceLastInteraction(comparison, days: 60), facts)

        // Then its 5 days count
        #expect(result.passed == passes)
        #expect(result.reason == ConditionReason(code, ["5", "60"]))
    }

    @Test func aNeverContactedContactAddedLongAgoIsTooOldForLessThan() {
        // Given a contact added 400 days ago and never contacted
        let facts = Fixtures.facts(createdAt: Fixtures.daysAgo(400))

        // When its last interaction must be less than 30 days ago
        let result = Fixtures.evaluate(.daysSinceLastInteraction(.lessThan, days: 30), facts)

        // Then it fails
        #expect(result.passed == false)
        #expect(result.reason.code == .neverContactedTooOld)
    }

    @Test func aRecentInteractionWinsOverAnOldCreationDate() {
        // Given a contact added 400 days ago but contacted 5 days ago
        let facts = Fixtures.facts(createdAt: Fixtures.daysAgo(400), lastInteractionAt: Fixtures.daysAgo(5))

        // When at least 60 days without interaction are needed
        let result = Fixtures.evaluate(.daysSinceLastInteraction(.atLeast, days: 60), facts)

        // Then the interaction counts, not the creation
        #expect(result.passed == false)
        #expect(result.reason.code == .interactionTooRecent)
    }

    @Test(arguments: [
        (Condition.Comparison.atLeast, 60.0, true), (.atLeast, 60.0 - 1.0 / 86_400, false),
        (.lessThan, 60.0, false), (.lessThan, 60.0 - 1.0 / 86_400, true),
    ])
    func daysAreWhole24HourPeriods(comparison: Condition.Comparison, ageInDays: Double, passes: Bool) {
        // Given a contact last contacted exactly 60 days ago, or one second less
        let facts = Fixtures.facts(lastInteractionAt: Fixtures.daysAgo(ageInDays))

        // When compared with 60 days
        let result = Fixtures.evaluate(.daysSinceLastInteraction(comparison, days: 60), facts)

        // Then the 60th day starts at exactly 60 × 24 hours
        #expect(result.passed == passes)
    }

    @Test func anInteractionInTheFutureCountsAsToday() {
        // Given an interaction stamped a little ahead of the clock
        let facts = Fixtures.facts(lastInteractionAt: Fixtures.now.addingTimeInterval(3_600))

        // When evaluated
        let result = Fixtures.evaluate(.daysSinceLastInteraction(.atLeast, days: 1), facts)

        // Then it reads as 0 days, never negative
        #expect(result.reason.arguments == ["0", "1"])
    }

    @Test func oneDayIsSingularInTheMessage() {
        // Given a contact last contacted a day and a half ago
        let facts = Fixtures.facts(lastInteractionAt: Fixtures.daysAgo(1.5))

        // When at least 7 days are needed
        let result = Fixtures.evaluate(.daysSinceLastInteraction(.atLeast, days: 7), facts)

        // Then the message says "1 day"
        #expect(result.reason.message == "Last interaction 1 day ago; needs at least 7")
    }
}
