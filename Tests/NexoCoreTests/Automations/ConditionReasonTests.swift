import Foundation
import Testing

@testable import NexoCore

/// `ConditionReason`: stable codes, arguments and the English message built from the same template.
@Suite struct ConditionReasonTests {
    @Test(arguments: ConditionReason.Code.allCases)
    func everyCodeIsNamespacedAndHasAnEnglishTemplate(code: ConditionReason.Code) {
        // Given a reason code
        // Then it is a "condition." translation key with a non-empty English text
        #expect(code.rawValue.hasPrefix("condition."))
        #expect(code.englishTemplate.isEmpty == false)
    }

    @Test func theMessageFillsTheArguments() {
        // Given a reason with arguments
        let reason = ConditionReason(.interactionTooRecent, ["12", "60"])

        // Then the message is the template with them in place
        #expect(reason.message == "Last interaction 12 days ago; needs at least 60")
    }

    @Test func oneDayIsSingular() {
        // Given a count of one day
        let reason = ConditionReason(.createdTooLongAgo, ["1", "1"])

        // Then the message says "1 day", while the other number keeps its own wording
        #expect(reason.message == "Added 1 day ago; needs less than 1")
    }

    @Test func aReasonEncodesAsCodeArgumentsAndMessage() throws {
        // Given a reason
        let reason = ConditionReason(.tagMissing, ["vip"])

        // When encoded
        let json = try ConditionFixtures.json(reason)

        // Then the three parts are there
        #expect(json == #"{"arguments":["vip"],"code":"condition.tag_missing","message":"Does not have tag vip"}"#)
    }

    @Test func aReasonRoundTrips() throws {
        // Given a reason
        let reason = ConditionReason(.birthdayNotToday, ["--05-17", "2025-05-16", "UTC"])

        // When encoded and decoded
        let decoded = try ConditionFixtures.decode(ConditionReason.self, try ConditionFixtures.json(reason))

        // Then it is the same
        #expect(decoded == reason)
    }
}
