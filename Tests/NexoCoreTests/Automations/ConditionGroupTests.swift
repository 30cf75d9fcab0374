import Foundation
import Testing

@testable import NexoCore

/// `ConditionGroup`: all, any, the empty group and the "why not" report.
@Suite struct ConditionGroupTests {
    private typealias Fixtures = ConditionFixtures

    /// A VIP with an e-mail and no phone.
    private static let vip = Fixtures.facts(ContactValues(firstName: "Ana", email: "ana@example.com", tags: ["vip"]))

    private func evaluate(_ group: ConditionGroup) -> ConditionReport {
        group.evaluate(Self.vip, now: Fixtures.now, tenantZone: Fixtures.buenosAires)
    }

    @Test(arguments: ConditionGroup.Match.allCases)
    func anEmptyGroupMatchesEveryone(match: ConditionGroup.Match) {
        // Given a group without conditions
        let group = ConditionGroup(match: match, conditions: [])

        // When evaluated
        let report = evaluate(group)

        // Then the contact matches with nothing to explain
        #expect(report.matches)
        #expect(report.results.isEmpty)
        #expect(report.firstFailure == nil)
    }

    @Test func allMatchesWhenEveryConditionPasses() {
        // Given two conditions the contact meets
        let group = ConditionGroup(match: .all, conditions: [.hasTag("vip"), .hasEmail])

        // When evaluated
        let report = evaluate(group)

        // Then it matches
        #expect(report.matches)
        #expect(report.results.map(\.passed) == [true, true])
    }

    @Test func allFailsOnOneFailingConditionAndNamesIt() {
        // Given a group where the second condition fails
        let group = ConditionGroup(match: .all, conditions: [.hasTag("vip"), .hasPhone, .lacksTag("vip")])

        // When evaluated
        let report = evaluate(group)

        // Then it does not match and the first failure is the phone
        #expect(report.matches == false)
        #expect(report.firstFailure?.condition == .hasPhone)
        #expect(report.firstFailure?.reason.code == .noPhone)
    }

    @Test func anyMatchesWhenOneConditionPasses() {
        // Given a group where only the last condition passes
        let group = ConditionGroup(match: .any, conditions: [.hasPhone, .lacksTag("vip"), .hasEmail])

        // When evaluated
        let report = evaluate(group)

        // Then it matches and nothing explains a failure
        #expect(report.matches)
        #expect(report.firstFailure == nil)
    }

    @Test func anyFailsWhenNoConditionPasses() {
        // Given a group where nothing passes
        let group = ConditionGroup(match: .any, conditions: [.hasPhone, .lacksTag("vip")])

        // When evaluated
        let report = evaluate(group)

        // Then it does not match and the first failure is the first condition
        #expect(report.matches == false)
        #expect(report.firstFailure?.condition == .hasPhone)
    }

    @Test func everyConditionIsReportedInOrderEvenAfterAFailure() {
        // Given an all-group whose first condition fails
        let conditions: [Condition] = [.hasPhone, .hasTag("vip"), .hasEmail]
        let group = ConditionGroup(match: .all, conditions: conditions)

        // When evaluated
        let report = evaluate(group)

        // Then all three results are there, in the group's order
        #expect(report.results.map(\.condition) == conditions)
        #expect(report.results.map(\.passed) == [false, true, true])
    }

    static let groups: [ConditionGroup] = [
        ConditionGroup(),
        ConditionGroup(match: .any),
        ConditionGroup(match: .all, conditions: [.hasTag("vip"), .hasEmail]),
        ConditionGroup(match: .all, conditions: [.hasTag("vip"), .hasPhone]),
        ConditionGroup(match: .any, conditions: [.hasPhone, .hasEmail]),
        ConditionGroup(match: .any, conditions: [.hasPhone, .lacksTag("vip")]),
    ]

    @Test(arguments: groups)
    func theQuickAnswerAgreesWithTheReport(group: ConditionGroup) {
        // Given a group
        // When answered quickly and with a report
        let quick = group.matches(Self.vip, now: Fixtures.now, tenantZone: Fixtures.buenosAires)
        let report = evaluate(group)

        // Then both say the same
        #expect(quick == report.matches)
    }

    @Test func theReportEncodesAsJSONForTheAPI() throws {
        // Given a report with one failure
        let report = evaluate(ConditionGroup(conditions: [.hasPhone]))

        // When encoded
        let json = try Fixtures.json(report)

        // Then it has the verdict, the condition, and the structured reason
        #expect(
            json == #"{"matches":false,"results":[{"condition":{"kind":"has_phone"},"passed":false,"#
                + #""reason":{"arguments":[],"code":"condition.no_phone","message":"Has no phone number"}}]}"#)
    }

    @Test func theEveryoneGroupIsEmptyAndAll() {
        // Given the shared everyone group
        let group = ConditionGroup.everyone

        // Then it has no conditions
        #expect(group == ConditionGroup(match: .all, conditions: []))
    }
}
