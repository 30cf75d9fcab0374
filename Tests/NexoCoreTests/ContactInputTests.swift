import Foundation
import Testing

@testable import NexoCore

/// `ContactInput.validate`: raw contact fields to normalized changes, every problem reported at once.
@Suite struct ContactInputTests {
    private static let now = Date(timeIntervalSince1970: 1_795_000_000)

    private static func validate(_ input: ContactInput, country: String = "AR") throws(ValidationFailure) -> ContactChanges {
        try input.validate(defaultCountry: country, now: now)
    }

    /// An input with one text field, named as in the API, set to `value`.
    private static func input(_ field: String, _ value: String) -> ContactInput {
        var input = ContactInput()
        switch field {
        case "first_name": input.firstName = .set(value)
        case "last_name": input.lastName = .set(value)
        case "company": input.company = .set(value)
        case "notes": input.notes = .set(value)
        default: Issue.record("no such field in this helper: \(field)")
        }
        return input
    }

    /// The change to one text field, named as in the API.
    private static func change(_ field: String, in changes: ContactChanges) -> Patch<String> {
        switch field {
        case "first_name": changes.firstName
        case "last_name": changes.lastName
        case "company": changes.company
        case "notes": changes.notes
        default: .keep
        }
    }

    // MARK: Text fields

    @Test func anEmptyInputChangesNothing() throws {
        // Given an input with every field left as it is
        let input = ContactInput()

        // When validated
        let changes = try Self.validate(input)

        // Then every change keeps
        #expect(changes == ContactChanges())
    }

    @Test func blankStringsClearTheirFields() throws {
        // Given blank values in every text field
        var input = ContactInput()
        input.firstName = .set("   ")
        input.lastName = .set("")
        input.email = .set(" \t ")
        input.phone = .set("  ")
        input.company = .set("\n")
        input.birthday = .set(" ")
        input.notes = .set(" \n \n ")

        // When validated
        let changes = try Self.validate(input)

        // Then each is cleared
        #expect(changes.firstName == .clear)
        #expect(changes.lastName == .clear)
        #expect(changes.email == .clear)
        #expect(changes.phone == .clear)
        #expect(changes.company == .clear)
        #expect(changes.birthday == .clear)
        #expect(changes.notes == .clear)
    }

    @Test func singleLineFieldsAreTrimmedAndCollapsed() throws {
        // Given names and company with stray spaces, tabs and line breaks
        var input = ContactInput()
        input.firstName = .set("  Juana \t María ")
        input.lastName = .set("Pérez\nGómez")
        input.company = .set(" Clínica    Sonrisa ")

        // When validated
        let changes = try Self.validate(input)

        // Then inner whitespace becomes single spaces
        #expect(changes.firstName == .set("Juana María"))
        #expect(changes.lastName == .set("Pérez Gómez"))
        #expect(changes.company == .set("Clínica Sonrisa"))
    }

    @Test func notesAreTrimmedButKeepTheirLineBreaks() throws {
        // Given multi-line notes with surrounding blank lines
        var input = ContactInput()
        input.notes = .set("\n  Called on Monday.\n\n  Wants a quote.  \n")

        // When validated
        let changes = try Self.validate(input)

        // Then only the ends are trimmed
        #expect(changes.notes == .set("Called on Monday.\n\n  Wants a quote."))
    }

    @Test(arguments: [
        ("first_name", ContactInput.maxNameLength), ("last_name", ContactInput.maxNameLength),
        ("company", ContactInput.maxCompanyLength), ("notes", ContactInput.maxNotesLength),
    ])
    func textAtTheLimitIsAccepted(field: String, limit: Int) throws {
        // Given a field exactly at its length limit
        let input = Self.input(field, String(repeating: "x", count: limit))

        // When validated
        let changes = try Self.validate(input)

        // Then it is set whole
        #expect(Self.change(field, in: changes) == .set(String(repeating: "x", count: limit)))
    }

    @Test(arguments: [
        ("first_name", ContactInput.maxNameLength), ("last_name", ContactInput.maxNameLength),
        ("company", ContactInput.maxCompanyLength), ("notes", ContactInput.maxNotesLength),
    ])
    func textOverTheLimitIsRejected(field: String, limit: Int) throws {
        // Given a field one character over its limit
        let input = Self.input(field, String(repeating: "x", count: limit + 1))

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then that field is named as too long
        #expect(failure.errors.map(\.field) == [field])
        #expect(failure.errors.map(\.code) == ["field.too_long"])
    }

    // MARK: E-mail

    @Test func emailIsNormalized() throws {
        // Given an e-mail with capitals and spaces
        var input = ContactInput()
        input.email = .set("  Juana.Perez@Example.COM ")

        // When validated
        let changes = try Self.validate(input)

        // Then it is trimmed and lower-cased
        #expect(changes.email == .set("juana.perez@example.com"))
    }

    @Test(arguments: ["juana", "juana@", "@example.com", "juana@example", "juana perez@example.com"])
    func anInvalidEmailIsAnError(email: String) throws {
        // Given something that is not an e-mail address
        var input = ContactInput()
        input.email = .set(email)

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then the e-mail is named
        #expect(failure.errors.map(\.field) == ["email"])
        #expect(failure.errors.map(\.code) == ["email.invalid"])
    }

    // MARK: Phone

    @Test func aPhoneIsParsedInTheDefaultCountry() throws {
        // Given a mobile number written the local Argentine way
        var input = ContactInput()
        input.phone = .set("011 15 3333-2222")

        // When validated for an Argentine tenant
        let changes = try Self.validate(input, country: "AR")

        // Then it is stored in E.164 with the key that finds the same line written another way
        #expect(changes.phone == .set(.init(display: "+5491133332222", valid: true, matchKey: "+541133332222")))
    }

    @Test func theSameDigitsReadDifferentlyInAnotherCountry() throws {
        // Given a number without a country prefix
        var input = ContactInput()
        input.phone = .set("(212) 555-0100")

        // When validated for a US tenant
        let changes = try Self.validate(input, country: "US")

        // Then the US calling code is used
        #expect(changes.phone == .set(.init(display: "+12125550100", valid: true, matchKey: "+12125550100")))
    }

    @Test(arguments: [
        ("call me maybe", "call me maybe"),
        ("123", "123"),
        ("  11 3333   2222 int 5 ", "11 3333 2222 int 5"),
    ])
    func anUnparseablePhoneIsKeptAsTypedAndFlagged(typed: String, kept: String) throws {
        // Given phone text that is not a number we can read
        var input = ContactInput()
        input.phone = .set(typed)

        // When validated
        let changes = try Self.validate(input)

        // Then it is not an error: it is kept (tidied) and marked invalid, with no match key
        #expect(changes.phone == .set(.init(display: kept, valid: false, matchKey: nil)))
    }

    @Test func aPhoneOfOnlySeparatorsClearsThePhone() throws {
        // Given an empty input mask
        var input = ContactInput()
        input.phone = .set("(   )    -")

        // When validated
        let changes = try Self.validate(input)

        // Then the phone is cleared
        #expect(changes.phone == .clear)
    }

    @Test func aPhoneOver40CharactersIsRejected() throws {
        // Given a very long phone text
        var input = ContactInput()
        input.phone = .set(String(repeating: "1", count: 41))

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then the phone is named as too long
        #expect(failure.errors.map(\.field) == ["phone"])
        #expect(failure.errors.map(\.code) == ["field.too_long"])
    }

    // MARK: Birthday

    @Test(arguments: [("1990-05-17", 1990 as Int?, 5, 17), (" --02-29 ", nil, 2, 29)])
    func aValidBirthdayIsSet(text: String, year: Int?, month: Int, day: Int) throws {
        // Given a birthday with or without the year
        var input = ContactInput()
        input.birthday = .set(text)

        // When validated
        let changes = try Self.validate(input)

        // Then it is set
        let expected = try #require(Birthday(year: year, month: month, day: day))
        #expect(changes.birthday == .set(expected))
    }

    @Test(arguments: ["1990-02-30", "17/05/1990", "1990-5-17", "mañana", "--13-01"])
    func anInvalidBirthdayIsAnError(text: String) throws {
        // Given a birthday that is not a real ISO date
        var input = ContactInput()
        input.birthday = .set(text)

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then the birthday is named
        #expect(failure.errors.map(\.field) == ["birthday"])
        #expect(failure.errors.map(\.code) == ["birthday.invalid"])
    }

    // MARK: Tags

    @Test func tagsAreNormalizedAndDeduplicated() throws {
        // Given tags in mixed case, with spaces, duplicates and blanks
        var input = ContactInput()
        input.tags = .set([" VIP ", "Cliente   Nuevo", "vip", "", "  ", "cliente nuevo", "Mayorista"])

        // When validated
        let changes = try Self.validate(input)

        // Then each tag appears once, lower-cased and tidied, in first-seen order
        #expect(changes.tags == .set(["vip", "cliente nuevo", "mayorista"]))
    }

    @Test func clearingTagsSetsNoTags() throws {
        // Given tags cleared
        var input = ContactInput()
        input.tags = .clear

        // When validated
        let changes = try Self.validate(input)

        // Then the change is to an empty list
        #expect(changes.tags == .set([]))
    }

    @Test func fiftyDistinctTagsAreAccepted() throws {
        // Given the most tags a contact may have, plus repeats of them
        var input = ContactInput()
        let tags = (1...Tag.maxPerContact).map { "tag \($0)" }
        input.tags = .set(tags + tags.map { $0.uppercased() })

        // When validated
        let changes = try Self.validate(input)

        // Then repeats do not count against the limit
        #expect(changes.tags == .set(tags))
    }

    @Test func moreThanFiftyTagsAreRejected() throws {
        // Given one tag too many
        var input = ContactInput()
        input.tags = .set((0...Tag.maxPerContact).map { "tag \($0)" })

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then tags are named
        #expect(failure.errors.map(\.field) == ["tags"])
        #expect(failure.errors.map(\.code) == ["tags.too_many"])
    }

    @Test func aTagOf50CharactersIsAccepted() throws {
        // Given a tag at the length limit
        var input = ContactInput()
        let tag = String(repeating: "t", count: Tag.maxLength)
        input.tags = .set([tag])

        // When validated
        let changes = try Self.validate(input)

        // Then it is kept
        #expect(changes.tags == .set([tag]))
    }

    @Test func aTagOver50CharactersIsRejected() throws {
        // Given a tag one character too long
        var input = ContactInput()
        input.tags = .set(["ok", String(repeating: "t", count: Tag.maxLength + 1)])

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then tags are named
        #expect(failure.errors.map(\.field) == ["tags"])
        #expect(failure.errors.map(\.code) == ["tags.too_long"])
    }

    // MARK: Source and status

    @Test(arguments: [("referral", "referral"), (" Web_2 ", "web_2"), ("WHATSAPP", "whatsapp")])
    func sourceIsALowerCaseKeyword(raw: String, keyword: String) throws {
        // Given a source keyword as typed
        var input = ContactInput()
        input.source = .set(raw)

        // When validated
        let changes = try Self.validate(input)

        // Then it is trimmed and lower-cased
        #expect(changes.source == .set(keyword))
    }

    @Test(arguments: ["new lead", "señal", "a-b", "vip!", String(repeating: "s", count: 33)])
    func statusMustBeAKeyword(raw: String) throws {
        // Given a status with spaces, accents, symbols or too many characters
        var input = ContactInput()
        input.status = .set(raw)

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then the status is named
        #expect(failure.errors.map(\.field) == ["status"])
        #expect(failure.errors.map(\.code) == ["keyword.invalid"])
    }

    @Test func aStatusOf32CharactersIsAccepted() throws {
        // Given a status at the length limit
        var input = ContactInput()
        let status = String(repeating: "s", count: 32)
        input.status = .set(status)

        // When validated
        let changes = try Self.validate(input)

        // Then it is set
        #expect(changes.status == .set(status))
    }

    @Test(arguments: [Patch<String>.clear, .set(""), .set("   ")])
    func blankOrClearedKeywordsKeepTheCurrentValue(patch: Patch<String>) throws {
        // Given source and status cleared or blank (they always have a value)
        var input = ContactInput()
        input.source = patch
        input.status = patch

        // When validated
        let changes = try Self.validate(input)

        // Then neither changes
        #expect(changes.source == .keep)
        #expect(changes.status == .keep)
    }

    // MARK: Score

    @Test(arguments: [0, 42, -7, 1_000_000, -1_000_000])
    func aScoreInRangeIsSet(score: Int) throws {
        // Given a score within the range
        var input = ContactInput()
        input.score = .set(score)

        // When validated
        let changes = try Self.validate(input)

        // Then it is set
        #expect(changes.score == .set(score))
    }

    @Test(arguments: [1_000_001, -1_000_001, Int.max])
    func aScoreOutOfRangeIsRejected(score: Int) throws {
        // Given a score past the range
        var input = ContactInput()
        input.score = .set(score)

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then the score is named
        #expect(failure.errors.map(\.field) == ["score"])
        #expect(failure.errors.map(\.code) == ["score.out_of_range"])
    }

    @Test func clearingTheScoreSetsZero() throws {
        // Given the score cleared
        var input = ContactInput()
        input.score = .clear

        // When validated
        let changes = try Self.validate(input)

        // Then it goes back to zero
        #expect(changes.score == .set(0))
    }

    // MARK: Consent

    @Test(arguments: [("given", ConsentState.given), ("WITHDRAWN", .withdrawn), ("Given", .given)])
    func aGivenOrWithdrawnConsentIsStampedWithNowAndMethod(state: String, expected: ConsentState) throws {
        // Given a consent state recorded through the form
        var input = ContactInput()
        input.emailConsent = .set(.init(state: state, method: "backoffice"))

        // When validated
        let changes = try Self.validate(input)

        // Then it records the state, when and how
        #expect(changes.emailConsent == .set(Consent(state: expected, at: Self.now, method: "backoffice")))
    }

    @Test func anUnknownConsentHasNoDate() throws {
        // Given consent set back to unknown
        var input = ContactInput()
        input.whatsappConsent = .set(.init(state: "unknown", method: "api"))

        // When validated
        let changes = try Self.validate(input)

        // Then there is no date of consent
        #expect(changes.whatsappConsent == .set(Consent(state: .unknown, at: nil, method: "api")))
    }

    @Test func clearingConsentSetsItToUnknown() throws {
        // Given consent cleared on both channels
        var input = ContactInput()
        input.emailConsent = .clear
        input.whatsappConsent = .clear

        // When validated
        let changes = try Self.validate(input)

        // Then both become unknown
        #expect(changes.emailConsent == .set(.unknown))
        #expect(changes.whatsappConsent == .set(.unknown))
    }

    @Test func aConsentMethodIsCutTo100Characters() throws {
        // Given a very long method
        var input = ContactInput()
        input.emailConsent = .set(.init(state: "given", method: String(repeating: "m", count: 150)))

        // When validated
        let changes = try Self.validate(input)

        // Then only the first 100 characters are kept
        guard case .set(let consent) = changes.emailConsent else {
            Issue.record("consent not set: \(changes.emailConsent)")
            return
        }
        #expect(consent.method == String(repeating: "m", count: 100))
    }

    @Test(arguments: ["yes", "", "accepted"])
    func anUnknownConsentStateIsRejected(state: String) throws {
        // Given a consent state that is not given, withdrawn or unknown
        var input = ContactInput()
        input.whatsappConsent = .set(.init(state: state))

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then the channel's state is named
        #expect(failure.errors.map(\.field) == ["consent.whatsapp.state"])
        #expect(failure.errors.map(\.code) == ["consent.invalid"])
    }

    // MARK: Metadata

    @Test func metadataPassesThroughForMerging() throws {
        // Given metadata with a value and a null (which removes a key when applied)
        var input = ContactInput()
        input.metadata = .set(["plan": .string("gold"), "old": .null])

        // When validated
        let changes = try Self.validate(input)

        // Then it is passed on unchanged
        #expect(changes.metadata == .set(["plan": .string("gold"), "old": .null]))
    }

    @Test(arguments: ["", String(repeating: "k", count: 65)])
    func metadataKeysNeed1To64Characters(key: String) throws {
        // Given metadata with an empty or too long key
        var input = ContactInput()
        input.metadata = .set([key: .bool(true), "ok": .bool(true)])

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then metadata is named
        #expect(failure.errors.map(\.field) == ["metadata"])
        #expect(failure.errors.map(\.code) == ["metadata.bad_key"])
    }

    @Test func metadataOver16KBIsRejected() throws {
        // Given metadata whose JSON text is past 16 KB
        var input = ContactInput()
        input.metadata = .set(["history": .string(String(repeating: "a", count: 16_384))])

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then metadata is named as too large
        #expect(failure.errors.map(\.field) == ["metadata"])
        #expect(failure.errors.map(\.code) == ["metadata.too_large"])
    }

    @Test func metadataJustUnder16KBIsAccepted() throws {
        // Given metadata whose JSON text is exactly 16 KB: {"h":"…"} is 8 characters around the value
        var input = ContactInput()
        let metadata: [String: JSONValue] = ["h": .string(String(repeating: "a", count: 16_384 - 8))]
        input.metadata = .set(metadata)

        // When validated
        let changes = try Self.validate(input)

        // Then it is accepted
        #expect(changes.metadata == .set(metadata))
    }

    // MARK: All at once

    @Test func everyErrorIsReportedAtOnce() throws {
        // Given an input with a problem in many fields
        var input = ContactInput()
        input.firstName = .set(String(repeating: "n", count: 101))
        input.email = .set("not-an-email")
        input.birthday = .set("1990-02-30")
        input.tags = .set([String(repeating: "t", count: 51)])
        input.source = .set("from the web")
        input.status = .set("¿?")
        input.score = .set(2_000_000)
        input.emailConsent = .set(.init(state: "maybe"))
        input.whatsappConsent = .set(.init(state: "sure"))
        input.metadata = .set(["": .null])

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try Self.validate(input) }

        // Then every field's problem is listed
        #expect(
            failure.errors.map(\.field) == [
                "first_name", "email", "birthday", "tags", "source", "status", "score", "consent.email.state",
                "consent.whatsapp.state", "metadata",
            ])
    }
}
