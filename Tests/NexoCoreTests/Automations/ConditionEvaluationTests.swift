import Foundation
import Testing

@testable import NexoCore

/// Tags, statuses, consent, e-mail, phone, score and creation date.
@Suite struct ConditionEvaluationTests {
    private typealias Fixtures = ConditionFixtures

    // MARK: Tags

    @Test func hasTagPassesWhenTheTagIsThereWrittenAnotherWay() {
        // Given a contact tagged vip
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", tags: ["vip"]))

        // When asked for " VIP "
        let result = Fixtures.evaluate(.hasTag(" VIP "), facts)

        // Then it passes, naming the normalized tag
        #expect(result.passed)
        #expect(result.reason == ConditionReason(.tagPresent, ["vip"]))
        #expect(result.reason.message == "Has tag vip")
    }

    @Test func hasTagFailsWhenTheTagIsMissing() {
        // Given a contact with other tags
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", tags: ["nuevo"]))

        // When asked for vip
        let result = Fixtures.evaluate(.hasTag("vip"), facts)

        // Then it fails because the tag is missing
        #expect(result.passed == false)
        #expect(result.reason.code == .tagMissing)
        #expect(result.reason.message == "Does not have tag vip")
    }

    @Test func storedTagsAreNormalizedBeforeComparing() {
        // Given a tag stored with odd spacing and case
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", tags: ["  Cliente   Nuevo"]))

        // When asked for its normal form
        let result = Fixtures.evaluate(.hasTag("cliente nuevo"), facts)

        // Then it is the same tag
        #expect(result.passed)
    }

    @Test(arguments: [(["vip"], false, ConditionReason.Code.tagPresent), ([], true, .tagMissing)])
    func lacksTagIsTheOppositeOfHasTag(tags: [String], passes: Bool, code: ConditionReason.Code) {
        // Given a contact with or without the tag
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", tags: tags))

        // When asked to lack it
        let result = Fixtures.evaluate(.lacksTag("VIP"), facts)

        // Then it passes only without the tag
        #expect(result.passed == passes)
        #expect(result.reason.code == code)
    }

    // MARK: Status

    @Test func statusInPassesForAListedStatusIgnoringCase() {
        // Given a customer
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", status: "customer"))

        // When the list holds "Customer"
        let result = Fixtures.evaluate(.statusIn(["lead", "Customer"]), facts)

        // Then it passes
        #expect(result.passed)
        #expect(result.reason.code == .statusListed)
    }

    @Test func statusInFailsForAnUnlistedStatus() {
        // Given a lost contact
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", status: "lost"))

        // When the list holds lead and customer
        let result = Fixtures.evaluate(.statusIn(["lead", "customer"]), facts)

        // Then it fails naming the status and the list
        #expect(result.passed == false)
        #expect(result.reason.message == "Status lost is not one of lead, customer")
    }

    // MARK: Consent

    static let consentCases: [(Condition.Channel, Condition.ConsentRequirement, ConsentState, Bool, ConditionReason.Code)] = [
        (.email, .given, .given, true, .consentGiven),
        (.email, .given, .unknown, false, .consentUnknown),
        (.email, .given, .withdrawn, false, .consentWithdrawn),
        (.email, .notWithdrawn, .given, true, .consentGiven),
        (.email, .notWithdrawn, .unknown, true, .consentUnknown),
        (.email, .notWithdrawn, .withdrawn, false, .consentWithdrawn),
        (.whatsapp, .given, .given, true, .consentGiven),
        (.whatsapp, .given, .unknown, false, .consentUnknown),
        (.whatsapp, .given, .withdrawn, false, .consentWithdrawn),
        (.whatsapp, .notWithdrawn, .given, true, .consentGiven),
        (.whatsapp, .notWithdrawn, .unknown, true, .consentUnknown),
        (.whatsapp, .notWithdrawn, .withdrawn, false, .consentWithdrawn),
    ]

    @Test(arguments: consentCases)
    func consentCountsGivenOrNotWithdrawn(
        channel: Condition.Channel, requirement: Condition.ConsentRequirement, state: ConsentState, passes: Bool,
        code: ConditionReason.Code
    ) {
        // Given a contact with this consent on the channel, and the opposite on the other channel
        let opposite: ConsentState = state == .given ? .withdrawn : .given
        let values = ContactValues(
            firstName: "Ana", emailConsent: Consent(state: channel == .email ? state : opposite),
            whatsappConsent: Consent(state: channel == .whatsapp ? state : opposite))

        // When the consent condition is evaluated
        let result = Fixtures.evaluate(.consent(channel, requirement), Fixtures.facts(values))

        // Then only the condition's channel decides
        #expect(result.passed == passes)
        #expect(result.reason.code == code)
    }

    @Test func withdrawnConsentNamesTheChannel() {
        // Given a contact who answered BAJA on WhatsApp
        let values = ContactValues(firstName: "Ana", whatsappConsent: Consent(state: .withdrawn, method: "BAJA"))

        // When WhatsApp consent must not be withdrawn
        let result = Fixtures.evaluate(.consent(.whatsapp, .notWithdrawn), Fixtures.facts(values))

        // Then the reason says so
        #expect(result.reason.code.rawValue == "condition.consent_withdrawn")
        #expect(result.reason.message == "Consent for WhatsApp withdrawn")
    }

    // MARK: E-mail and phone

    @Test(arguments: [
        (String?("ana@example.com"), true, ConditionReason.Code.hasEmail), (nil, false, .noEmail), ("  ", false, .noEmail),
    ])
    func hasEmailNeedsAnAddress(email: String?, passes: Bool, code: ConditionReason.Code) {
        // Given a contact with or without an address
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", email: email))

        // When it must have an e-mail
        let result = Fixtures.evaluate(.hasEmail, facts)

        // Then only a real address passes
        #expect(result.passed == passes)
        #expect(result.reason.code == code)
    }

    @Test(arguments: [
        (String?("+5491133332222"), true, true, ConditionReason.Code.hasPhone), ("12", false, false, .phoneInvalid),
        (nil, false, false, .noPhone),
    ])
    func hasPhoneNeedsAValidNumber(phone: String?, valid: Bool, passes: Bool, code: ConditionReason.Code) {
        // Given a contact with a valid, an invalid or no phone
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", phone: phone, phoneValid: valid))

        // When it must have a phone
        let result = Fixtures.evaluate(.hasPhone, facts)

        // Then only a valid number passes
        #expect(result.passed == passes)
        #expect(result.reason.code == code)
    }

    // MARK: Score

    @Test(arguments: [
        (Condition.Comparison.atLeast, 50, 50, true, ConditionReason.Code.scoreHighEnough),
        (.atLeast, 50, 49, false, .scoreTooLow),
        (.lessThan, 50, 49, true, .scoreLowEnough),
        (.lessThan, 50, 50, false, .scoreTooHigh),
        (.lessThan, 0, -5, true, .scoreLowEnough),
    ])
    func scoreComparesWithTheThreshold(
        comparison: Condition.Comparison, threshold: Int, score: Int, passes: Bool, code: ConditionReason.Code
    ) {
        // Given a contact with a score
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", score: score))

        // When compared with the threshold
        let result = Fixtures.evaluate(.score(comparison, threshold), facts)

        // Then at_least includes the threshold and less_than excludes it
        #expect(result.passed == passes)
        #expect(result.reason == ConditionReason(code, [String(score), String(threshold)]))
    }

    @Test func scoreReasonSaysWhatIsNeeded() {
        // Given a contact with score 20
        let facts = Fixtures.facts(ContactValues(firstName: "Ana", score: 20))

        // When at least 50 is needed
        let result = Fixtures.evaluate(.score(.atLeast, 50), facts)

        // Then the message says both numbers
        #expect(result.reason.message == "Score 20; needs at least 50")
    }

    // MARK: Creation date

    @Test(arguments: [
        (3.0, true, ConditionReason.Code.createdRecently), (6.99, true, .createdRecently), (7.0, false, .createdTooLongAgo),
    ])
    func createdWithinDaysCountsWholeDaysStrictly(ageInDays: Double, passes: Bool, code: ConditionReason.Code) {
        // Given a contact added some time ago
        let facts = Fixtures.facts(createdAt: Fixtures.daysAgo(ageInDays))

        // When it must have been added within 7 days
        let result = Fixtures.evaluate(.createdWithinDays(7), facts)

        // Then less than 7 full days passes
        #expect(result.passed == passes)
        #expect(result.reason.code == code)
    }

    @Test func createdTooLongAgoSaysHowLongAgo() {
        // Given a contact added 10 days ago
        let facts = Fixtures.facts(createdAt: Fixtures.daysAgo(10))

        // When it must be from the last 7 days
        let result = Fixtures.evaluate(.createdWithinDays(7), facts)

        // Then the message gives both numbers
        #expect(result.reason.message == "Added 10 days ago; needs less than 7")
    }

    @Test func resultCarriesItsCondition() {
        // Given a condition
        let condition = Condition.hasTag("vip")

        // When evaluated
        let result = Fixtures.evaluate(condition, Fixtures.facts())

        // Then the result says which condition it is about
        #expect(result.condition == condition)
    }
}
