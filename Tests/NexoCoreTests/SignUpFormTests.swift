import Testing

@testable import NexoCore

@Suite struct SignUpFormTests {
    /// A form that passes validation; tests change one thing at a time.
    private static func form(
        businessName: String = "Clínica Sonrisa", country: String = "AR", ownerName: String = "Juana Pérez",
        email: String = "juana@example.com", password: String? = "correct horse", locale: String? = nil
    ) -> SignUpForm {
        SignUpForm(
            businessName: businessName, country: country, ownerName: ownerName, email: email, password: password,
            locale: locale)
    }

    @Test func aValidFormIsAccepted() throws {
        // Given a correctly filled form
        let form = Self.form()

        // When validated
        let valid = try form.validate()

        // Then every value comes through
        #expect(valid.businessName == "Clínica Sonrisa")
        #expect(valid.country.code == "AR")
        #expect(valid.ownerName == "Juana Pérez")
        #expect(valid.email == "juana@example.com")
        #expect(valid.password == "correct horse")
    }

    @Test func namesAreTrimmedAndInnerWhitespaceCollapsed() throws {
        // Given names with stray spaces, tabs and newlines
        let form = Self.form(businessName: "  Clínica \t  Sonrisa\n", ownerName: " Juana   Pérez ")

        // When validated
        let valid = try form.validate()

        // Then they are tidied to single spaces
        #expect(valid.businessName == "Clínica Sonrisa")
        #expect(valid.ownerName == "Juana Pérez")
    }

    @Test func emailIsTrimmedAndLowerCased() throws {
        // Given an e-mail typed with capitals and spaces
        let form = Self.form(email: "  Juana.Perez@Example.COM ")

        // When validated
        let valid = try form.validate()

        // Then it is normalized
        #expect(valid.email == "juana.perez@example.com")
    }

    @Test func countryCodeIsTrimmedAndCaseInsensitive() throws {
        // Given a country code in lower case with spaces
        let form = Self.form(country: " uy ")

        // When validated
        let valid = try form.validate()

        // Then the country is found
        #expect(valid.country.code == "UY")
    }

    @Test(arguments: [("AR", "es"), ("US", "en"), ("MX", "es")])
    func localeDefaultsToTheCountrysLanguage(country: String, locale: String) throws {
        // Given a form without a chosen language
        let form = Self.form(country: country, locale: nil)

        // When validated
        let valid = try form.validate()

        // Then the country's language is used
        #expect(valid.locale == locale)
    }

    @Test func aChosenLocaleWinsOverTheCountrys() throws {
        // Given an Argentine business that wants the English UI
        let form = Self.form(country: "AR", locale: "en")

        // When validated
        let valid = try form.validate()

        // Then English is kept
        #expect(valid.locale == "en")
    }

    @Test(arguments: ["pt", "", "EN", "en-US"])
    func unsupportedLocalesAreRejected(locale: String) throws {
        // Given a form asking for a language the UI does not have
        let form = Self.form(locale: locale)

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try form.validate() }

        // Then the locale is named
        #expect(failure.errors.map(\.field) == ["locale"])
        #expect(failure.errors.map(\.code) == ["locale.unsupported"])
    }

    @Test func everyFieldsErrorIsReportedAtOnce() throws {
        // Given a form where every field is wrong
        let form = SignUpForm(
            businessName: "   ", country: "XX", ownerName: "", email: "not an e-mail", password: "short", locale: "pt")

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try form.validate() }

        // Then all problems come back together, one per field
        #expect(failure.errors.map(\.field) == ["business_name", "country", "owner_name", "email", "password", "locale"])
        #expect(
            failure.errors.map(\.code) == [
                "business_name.invalid", "country.unknown", "owner_name.invalid", "email.invalid", "password.length",
                "locale.unsupported",
            ])
    }

    @Test func businessNameOf100CharactersIsAccepted() throws {
        // Given a business name right at the limit
        let form = Self.form(businessName: String(repeating: "n", count: 100))

        // When validated
        let valid = try form.validate()

        // Then it is kept whole
        #expect(valid.businessName.count == 100)
    }

    @Test func businessNameOver100CharactersIsRejected() throws {
        // Given a business name one character too long
        let form = Self.form(businessName: String(repeating: "n", count: 101))

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try form.validate() }

        // Then the business name is named
        #expect(failure.errors.map(\.code) == ["business_name.invalid"])
    }

    @Test func ownerNameOf100CharactersIsAccepted() throws {
        // Given an owner name right at the limit
        let form = Self.form(ownerName: String(repeating: "n", count: 100))

        // When validated
        let valid = try form.validate()

        // Then it is kept whole
        #expect(valid.ownerName.count == 100)
    }

    @Test func ownerNameOver100CharactersIsRejected() throws {
        // Given an owner name one character too long
        let form = Self.form(ownerName: String(repeating: "n", count: 101))

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try form.validate() }

        // Then the owner name is named
        #expect(failure.errors.map(\.code) == ["owner_name.invalid"])
    }

    @Test(arguments: [SignUpForm.minPasswordLength, SignUpForm.maxPasswordLength])
    func passwordsWithinTheBoundsAreAccepted(length: Int) throws {
        // Given a password at one of the bounds
        let form = Self.form(password: String(repeating: "p", count: length))

        // When validated
        let valid = try form.validate()

        // Then it is kept as typed
        #expect(valid.password?.count == length)
    }

    @Test(arguments: [0, 7, 129, 500])
    func passwordsOutsideTheBoundsAreRejected(length: Int) throws {
        // Given a password that is too short or too long
        let form = Self.form(password: String(repeating: "p", count: length))

        // When validated
        let failure = try #require(throws: ValidationFailure.self) { try form.validate() }

        // Then the password is named
        #expect(failure.errors.map(\.field) == ["password"])
        #expect(failure.errors.map(\.code) == ["password.length"])
    }

    @Test func passwordLengthCountsCharactersNotBytes() throws {
        // Given an eight-character password of multi-byte letters
        let form = Self.form(password: "ñandú€€€")

        // When validated
        let valid = try form.validate()

        // Then it is long enough
        #expect(valid.password == "ñandú€€€")
    }

    @Test func aMissingPasswordIsAllowed() throws {
        // Given a form from the CLI, where the owner sets the password through an invitation
        let form = Self.form(password: nil)

        // When validated
        let valid = try form.validate()

        // Then it passes without a password
        #expect(valid.password == nil)
    }

    @Test func passwordProblemNamesTheGivenField() throws {
        // Given a too-short password checked for another form's field
        let password = "abc"

        // When checked
        let problem = try #require(SignUpForm.passwordProblem(password, field: "new_password"))

        // Then the error points at that field
        #expect(problem.field == "new_password")
        #expect(problem.code == "password.length")
    }
}
