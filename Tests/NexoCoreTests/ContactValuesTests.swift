import Foundation
import Testing

@testable import NexoCore

/// `ContactValues.applying`: validated changes onto a stored contact.
@Suite struct ContactValuesTests {
    private static let firstRecorded = Date(timeIntervalSince1970: 1_700_000_000)
    private static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// A stored contact with a value in every field.
    private static let stored = ContactValues(
        firstName: "Juana", lastName: "Pérez", email: "juana@example.com", phone: "+5491133332222", phoneValid: true,
        phoneKey: "+541133332222", company: "Clínica Sonrisa", birthday: Birthday(year: 1990, month: 5, day: 17),
        notes: "Prefers mornings.", tags: ["vip"], source: "referral", status: "customer", score: 10,
        emailConsent: Consent(state: .given, at: firstRecorded, method: "import"),
        whatsappConsent: Consent(state: .withdrawn, at: firstRecorded, method: "BAJA"),
        metadata: ["plan": .string("gold"), "visits": .number(3)])

    @Test func noChangesLeaveTheContactAsItIs() throws {
        // Given a stored contact and changes that keep everything
        let changes = ContactChanges()

        // When applied
        let next = try Self.stored.applying(changes)

        // Then nothing differs
        #expect(next == Self.stored)
    }

    @Test func setAndClearedFieldsAreApplied() throws {
        // Given changes setting some fields and clearing others
        var changes = ContactChanges()
        changes.firstName = .set("Juana María")
        changes.company = .clear
        changes.birthday = .clear
        changes.notes = .set("Call after 10.")

        // When applied
        let next = try Self.stored.applying(changes)

        // Then set fields take the new value, cleared ones are gone, the rest stay
        #expect(next.firstName == "Juana María")
        #expect(next.company == nil)
        #expect(next.birthday == nil)
        #expect(next.notes == "Call after 10.")
        #expect(next.lastName == "Pérez")
        #expect(next.email == "juana@example.com")
    }

    @Test func aValidPhoneStoresItsMatchKey() throws {
        // Given a contact without a phone and a parsed phone change
        var changes = ContactChanges()
        changes.phone = .set(.init(display: "+541144445555", valid: true, matchKey: "+541144445555"))
        let contact = ContactValues(firstName: "Luis")

        // When applied
        let next = try contact.applying(changes)

        // Then the phone is valid and can be matched
        #expect(next.phone == "+541144445555")
        #expect(next.phoneValid)
        #expect(next.phoneKey == "+541144445555")
    }

    @Test func anUnparseablePhoneIsKeptAsTypedAndFlagged() throws {
        // Given a contact with a valid phone, edited to phone text we cannot read
        var input = ContactInput()
        input.phone = .set("ask at the front desk")
        let changes = try input.validate(defaultCountry: "AR", now: Self.now)

        // When applied
        let next = try Self.stored.applying(changes)

        // Then the text is kept, flagged invalid and no longer matchable
        #expect(next.phone == "ask at the front desk")
        #expect(!next.phoneValid)
        #expect(next.phoneKey == nil)
    }

    @Test func clearingThePhoneClearsItsFlagAndKey() throws {
        // Given a contact with a valid phone
        var changes = ContactChanges()
        changes.phone = .clear

        // When the phone is cleared
        let next = try Self.stored.applying(changes)

        // Then no trace of it is left
        #expect(next.phone == nil)
        #expect(!next.phoneValid)
        #expect(next.phoneKey == nil)
    }

    @Test func tagsAreReplacedNotMerged() throws {
        // Given a contact tagged "vip"
        var changes = ContactChanges()
        changes.tags = .set(["mayorista", "nuevo"])

        // When new tags are applied
        let next = try Self.stored.applying(changes)

        // Then they replace the old list
        #expect(next.tags == ["mayorista", "nuevo"])
    }

    @Test func clearedTagsLeaveAnEmptyList() throws {
        // Given a contact with tags
        var changes = ContactChanges()
        changes.tags = .clear

        // When tags are cleared
        let next = try Self.stored.applying(changes)

        // Then the list is empty
        #expect(next.tags.isEmpty)
    }

    @Test func sourceAndStatusChangeOnlyWhenSet() throws {
        // Given a change of status only, and a clear of source
        var changes = ContactChanges()
        changes.status = .set("lost")
        changes.source = .clear

        // When applied
        let next = try Self.stored.applying(changes)

        // Then the status changes and the source keeps its value (it cannot be empty)
        #expect(next.status == "lost")
        #expect(next.source == "referral")
    }

    @Test func aClearedScoreIsZero() throws {
        // Given a contact with a score
        var changes = ContactChanges()
        changes.score = .clear

        // When the score is cleared
        let next = try Self.stored.applying(changes)

        // Then it is zero
        #expect(next.score == 0)
    }

    @Test func aNewConsentStateIsRecordedWithItsDateAndMethod() throws {
        // Given a contact whose e-mail consent was given
        var changes = ContactChanges()
        changes.emailConsent = .set(Consent(state: .withdrawn, at: Self.now, method: "backoffice"))

        // When consent is withdrawn
        let next = try Self.stored.applying(changes)

        // Then the new state, date and method are recorded
        #expect(next.emailConsent == Consent(state: .withdrawn, at: Self.now, method: "backoffice"))
    }

    @Test func resendingTheSameConsentStateKeepsWhenAndHowItWasFirstRecorded() throws {
        // Given a contact with consent given on import, and a form save that sends "given" again
        var input = ContactInput()
        input.emailConsent = .set(.init(state: "given", method: "backoffice"))
        input.whatsappConsent = .set(.init(state: "withdrawn", method: "backoffice"))
        let changes = try input.validate(defaultCountry: "AR", now: Self.now)

        // When applied
        let next = try Self.stored.applying(changes)

        // Then the original date and method stay
        #expect(next.emailConsent == Consent(state: .given, at: Self.firstRecorded, method: "import"))
        #expect(next.whatsappConsent == Consent(state: .withdrawn, at: Self.firstRecorded, method: "BAJA"))
    }

    @Test func clearedConsentBecomesUnknown() throws {
        // Given a contact with consent given, and consent cleared through validation
        var input = ContactInput()
        input.emailConsent = .clear
        let changes = try input.validate(defaultCountry: "AR", now: Self.now)

        // When applied
        let next = try Self.stored.applying(changes)

        // Then consent is unknown, without date or method
        #expect(next.emailConsent == .unknown)
    }

    @Test func metadataIsMergedKeyByKeyAndNullRemovesAKey() throws {
        // Given stored metadata {plan, visits} and a patch updating, removing and adding keys
        var changes = ContactChanges()
        changes.metadata = .set(["visits": .number(4), "plan": .null, "city": .string("Rosario")])

        // When applied
        let next = try Self.stored.applying(changes)

        // Then untouched keys stay, null removes, others are set
        #expect(next.metadata == ["visits": .number(4), "city": .string("Rosario")])
    }

    @Test func removingAMissingMetadataKeyIsHarmless() throws {
        // Given a patch removing a key the contact does not have
        var changes = ContactChanges()
        changes.metadata = .set(["nope": .null])

        // When applied
        let next = try Self.stored.applying(changes)

        // Then metadata is unchanged
        #expect(next.metadata == Self.stored.metadata)
    }

    @Test func clearingMetadataEmptiesIt() throws {
        // Given a contact with metadata
        var changes = ContactChanges()
        changes.metadata = .clear

        // When metadata is cleared
        let next = try Self.stored.applying(changes)

        // Then none is left
        #expect(next.metadata.isEmpty)
    }

    @Test func aContactLeftWithoutNameEmailOrPhoneIsRejected() throws {
        // Given changes clearing the name, e-mail and phone of a contact that still has a company
        var changes = ContactChanges()
        changes.firstName = .clear
        changes.lastName = .clear
        changes.email = .clear
        changes.phone = .clear

        // When applied
        let failure = try #require(throws: ValidationFailure.self) { try Self.stored.applying(changes) }

        // Then identity is required
        #expect(failure.errors.map(\.field) == ["first_name"])
        #expect(failure.errors.map(\.code) == ["contact.identity_required"])
    }

    @Test(arguments: [
        ("first_name", "Ana"), ("last_name", "Gómez"), ("email", "ana@example.com"), ("phone", "call me"),
    ])
    func anyOneOfNameEmailOrPhoneIdentifiesAContact(field: String, value: String) throws {
        // Given a new contact given only one identifying field
        var changes = ContactChanges()
        switch field {
        case "first_name": changes.firstName = .set(value)
        case "last_name": changes.lastName = .set(value)
        case "email": changes.email = .set(value)
        default: changes.phone = .set(.init(display: value, valid: false, matchKey: nil))
        }

        // When applied to an empty contact
        let next = try ContactValues().applying(changes)

        // Then it is accepted and shown by that field
        #expect(next.displayName == value)
    }
}
