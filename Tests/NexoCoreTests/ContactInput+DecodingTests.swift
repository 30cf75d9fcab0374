import Testing

@testable import NexoCore

/// `ContactInput.fromJSON` (API) and `.fromForm` (backoffice form).
@Suite struct ContactInputDecodingTests {
    private static let textKeys = [
        "first_name", "last_name", "email", "phone", "company", "birthday", "notes", "source", "status",
    ]

    /// The patch of a text field, named as in the API.
    private static func text(_ key: String, of input: ContactInput) throws -> Patch<String> {
        let path = try #require(ContactInput.textFields.first { $0.key == key }?.path)
        return input[keyPath: path]
    }

    // MARK: JSON

    @Test func missingKeysKeepEveryField() throws {
        // Given an empty JSON object
        let object: [String: JSONValue] = [:]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then nothing changes
        #expect(input == ContactInput())
    }

    @Test(arguments: textKeys)
    func aStringSetsItsTextField(key: String) throws {
        // Given a string value for a text field
        let object: [String: JSONValue] = [key: .string("value")]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then that field is set as sent (validation tidies it later)
        #expect(try Self.text(key, of: input) == .set("value"))
    }

    @Test(arguments: textKeys)
    func nullClearsItsTextField(key: String) throws {
        // Given null for a text field
        let object: [String: JSONValue] = [key: .null]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then that field is cleared
        #expect(try Self.text(key, of: input) == .clear)
    }

    @Test func nullClearsTagsScoreAndMetadata() throws {
        // Given null for the non-text fields
        let object: [String: JSONValue] = ["tags": .null, "score": .null, "metadata": .null]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then each is cleared
        #expect(input.tags == .clear)
        #expect(input.score == .clear)
        #expect(input.metadata == .clear)
    }

    @Test func tagsScoreAndMetadataAreRead() throws {
        // Given well-typed tags, score and metadata
        let object: [String: JSONValue] = [
            "tags": .array([.string("vip"), .string("nuevo")]), "score": .number(-7),
            "metadata": .object(["plan": .string("gold")]),
        ]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then they are set
        #expect(input.tags == .set(["vip", "nuevo"]))
        #expect(input.score == .set(-7))
        #expect(input.metadata == .set(["plan": .string("gold")]))
    }

    @Test func aPhoneSentAsANumberIsReadAsItsDigits() throws {
        // Given a phone sent as a JSON number (spreadsheets and scripts do this)
        let object: [String: JSONValue] = ["phone": .number(5_491_133_332_222)]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then its digits are used, without a fraction
        #expect(input.phone == .set("5491133332222"))
    }

    @Test(arguments: [
        ("first_name", JSONValue.number(1)),
        ("email", .bool(true)),
        ("notes", .object([:])),
        ("company", .array([.string("Acme")])),
        ("tags", .string("vip")),
        ("tags", .array([.string("vip"), .number(1)])),
        ("score", .string("5")),
        ("score", .number(1.5)),
        ("score", .bool(true)),
        ("metadata", .array([])),
        ("metadata", .string("{}")),
        ("consent", .string("given")),
    ])
    func aWrongTypeIsNamedByField(key: String, value: JSONValue) throws {
        // Given a field sent with the wrong JSON type
        let object: [String: JSONValue] = [key: value]

        // When decoded
        let failure = try #require(throws: ValidationFailure.self) { try ContactInput.fromJSON(object) }

        // Then that field is named as a type error
        #expect(failure.errors.map(\.field) == [key])
        #expect(failure.errors.map(\.code) == ["field.type"])
    }

    @Test func everyWrongTypeIsReportedAtOnce() throws {
        // Given several badly typed fields
        let object: [String: JSONValue] = [
            "first_name": .number(1), "tags": .string("vip"), "score": .string("5"), "metadata": .array([]),
        ]

        // When decoded
        let failure = try #require(throws: ValidationFailure.self) { try ContactInput.fromJSON(object) }

        // Then all of them are named
        #expect(failure.errors.map(\.field) == ["first_name", "tags", "score", "metadata"])
    }

    @Test func unknownFieldsAreRejectedByName() throws {
        // Given fields the API does not have
        let object: [String: JSONValue] = ["nickname": .string("Juani"), "age": .number(30), "first_name": .string("Juana")]

        // When decoded
        let failure = try #require(throws: ValidationFailure.self) { try ContactInput.fromJSON(object) }

        // Then each is named, in order
        #expect(failure.errors.map(\.field) == ["age", "nickname"])
        #expect(failure.errors.map(\.code) == ["field.unknown", "field.unknown"])
    }

    @Test func readOnlyFieldsSentBackAreIgnored() throws {
        // Given a fetched contact sent back with its output-only fields
        let object: [String: JSONValue] = [
            "id": .string("3f2a9c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b"), "phone_valid": .bool(true),
            "created_at": .string("2026-11-23T09:52:55Z"), "updated_at": .string("2026-11-23T09:52:55Z"),
            "last_interaction_at": .null,
        ]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then they change nothing and are not errors
        #expect(input == ContactInput())
    }

    @Test func consentObjectsSetStateAndMethod() throws {
        // Given consent for both channels, with and without a method
        let object: [String: JSONValue] = [
            "consent": .object([
                "email": .object(["state": .string("given"), "method": .string("web form")]),
                "whatsapp": .object(["state": .string("withdrawn")]),
            ])
        ]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then each channel gets its state and method
        #expect(input.emailConsent == .set(.init(state: "given", method: "web form")))
        #expect(input.whatsappConsent == .set(.init(state: "withdrawn", method: nil)))
    }

    @Test func aConsentMethodThatIsNotAStringIsIgnored() throws {
        // Given a consent method sent as a number
        let object: [String: JSONValue] = [
            "consent": .object(["email": .object(["state": .string("given"), "method": .number(1)])])
        ]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then the state is kept without a method
        #expect(input.emailConsent == .set(.init(state: "given", method: nil)))
    }

    @Test func aNullChannelClearsItsConsentAndAMissingOneKeepsIt() throws {
        // Given consent with the e-mail channel null and no WhatsApp channel
        let object: [String: JSONValue] = ["consent": .object(["email": .null])]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then e-mail consent is cleared and WhatsApp consent kept
        #expect(input.emailConsent == .clear)
        #expect(input.whatsappConsent == .keep)
    }

    @Test(arguments: [JSONValue.null, .object([:])])
    func aNullOrEmptyConsentObjectKeepsBothChannels(consent: JSONValue) throws {
        // Given consent sent as null or as an empty object
        let object: [String: JSONValue] = ["consent": consent]

        // When decoded
        let input = try ContactInput.fromJSON(object)

        // Then neither channel changes
        #expect(input.emailConsent == .keep)
        #expect(input.whatsappConsent == .keep)
    }

    @Test(arguments: [
        (JSONValue.object([:]), "consent.email.state"),
        (.object(["state": .bool(true)]), "consent.email.state"),
        (.object(["method": .string("api")]), "consent.email.state"),
        (.string("given"), "consent.email"),
        (.bool(true), "consent.email"),
    ])
    func aMalformedChannelIsNamed(channel: JSONValue, field: String) throws {
        // Given an e-mail consent that is not an object with a string state
        let object: [String: JSONValue] = ["consent": .object(["email": channel])]

        // When decoded
        let failure = try #require(throws: ValidationFailure.self) { try ContactInput.fromJSON(object) }

        // Then the channel or its state is named as a type error
        #expect(failure.errors.map(\.field) == [field])
        #expect(failure.errors.map(\.code) == ["field.type"])
    }

    @Test func anUnknownConsentChannelIsRejected() throws {
        // Given consent for a channel Nexo does not have
        let object: [String: JSONValue] = [
            "consent": .object(["sms": .object(["state": .string("given")]), "email": .object(["state": .string("given")])])
        ]

        // When decoded
        let failure = try #require(throws: ValidationFailure.self) { try ContactInput.fromJSON(object) }

        // Then the channel is named
        #expect(failure.errors.map(\.field) == ["consent.sms"])
        #expect(failure.errors.map(\.code) == ["field.unknown"])
    }

    // MARK: Form

    @Test func formFieldsPresentAreSetEvenWhenEmpty() throws {
        // Given a form with a filled and an empty field
        let fields = ["first_name": "Juana", "company": ""]

        // When decoded
        let input = try ContactInput.fromForm(fields)

        // Then both are set as sent (the empty one clears on validation)
        #expect(input.firstName == .set("Juana"))
        #expect(input.company == .set(""))
    }

    @Test func formFieldsAbsentAreKept() throws {
        // Given a form with only a first name
        let fields = ["first_name": "Juana"]

        // When decoded
        let input = try ContactInput.fromForm(fields)

        // Then the other fields keep their values
        var expected = ContactInput()
        expected.firstName = .set("Juana")
        #expect(input == expected)
    }

    @Test(arguments: [("", Patch<String>.keep), ("web", .set("web"))])
    func anEmptyFormSourceKeepsTheSource(source: String, expected: Patch<String>) throws {
        // Given a form whose source select may be left empty
        let fields = ["source": source]

        // When decoded
        let input = try ContactInput.fromForm(fields)

        // Then an empty choice keeps the stored source
        #expect(input.source == expected)
    }

    @Test(arguments: [
        ("vip, cliente nuevo,,VIP", ["vip", " cliente nuevo", "VIP"]),
        ("vip", ["vip"]),
        ("", []),
    ])
    func formTagsAreCommaSeparated(text: String, tags: [String]) throws {
        // Given tags typed in one box
        let fields = ["tags": text]

        // When decoded
        let input = try ContactInput.fromForm(fields)

        // Then they are split on commas, empty pieces dropped (validation normalizes the rest)
        #expect(input.tags == .set(tags))
    }

    @Test func formTagsEndUpNormalizedAfterValidation() throws {
        // Given tags typed with spaces, repeats and capitals
        let input = try ContactInput.fromForm(["first_name": "Ana", "tags": " VIP , cliente  nuevo,vip,"])

        // When validated
        let changes = try input.validate(defaultCountry: "AR")

        // Then they are tidy and unique
        #expect(changes.tags == .set(["vip", "cliente nuevo"]))
    }

    @Test(arguments: [
        ("42", Patch<Int>.set(42)), (" -7 ", .set(-7)), ("+5", .set(5)), ("0", .set(0)), ("", .clear), ("   ", .clear),
    ])
    func formScoreIsAWholeNumberOrEmpty(text: String, expected: Patch<Int>) throws {
        // Given a score typed in the form
        let fields = ["score": text]

        // When decoded
        let input = try ContactInput.fromForm(fields)

        // Then it is read as a number, or cleared when empty
        #expect(input.score == expected)
    }

    @Test(arguments: ["12abc", "1.5", "1e3", "diez", "1 000"])
    func aFormScoreThatIsNotAWholeNumberIsAnError(text: String) throws {
        // Given a score that is not a whole number
        let fields = ["score": text]

        // When decoded
        let failure = try #require(throws: ValidationFailure.self) { try ContactInput.fromForm(fields) }

        // Then the score is named
        #expect(failure.errors.map(\.field) == ["score"])
        #expect(failure.errors.map(\.code) == ["score.not_number"])
    }

    @Test func formConsentCarriesTheFormsMethod() throws {
        // Given consent chosen in the form's selects
        let fields = ["consent_email": "given", "consent_whatsapp": "withdrawn"]

        // When decoded
        let input = try ContactInput.fromForm(fields)

        // Then each channel is set with the backoffice as method
        #expect(input.emailConsent == .set(.init(state: "given", method: "backoffice")))
        #expect(input.whatsappConsent == .set(.init(state: "withdrawn", method: "backoffice")))
    }

    @Test func formConsentUsesTheGivenMethod() throws {
        // Given consent coming from an import screen
        let fields = ["consent_email": "given"]

        // When decoded with that method
        let input = try ContactInput.fromForm(fields, consentMethod: "import")

        // Then the method is recorded
        #expect(input.emailConsent == .set(.init(state: "given", method: "import")))
    }

    @Test func anEmptyFormConsentKeepsTheConsent() throws {
        // Given consent selects left empty
        let fields = ["consent_email": "", "consent_whatsapp": ""]

        // When decoded
        let input = try ContactInput.fromForm(fields)

        // Then neither channel changes
        #expect(input.emailConsent == .keep)
        #expect(input.whatsappConsent == .keep)
    }
}
