import Foundation
import Testing

@testable import NexoCore

/// One row of a "parses to" table.
struct ValidPhoneCase: Sendable, CustomTestStringConvertible {
    let input: String
    let tenant: String
    let e164: String
    let country: String

    init(_ input: String, _ tenant: String, _ e164: String, _ country: String? = nil) {
        self.input = input
        self.tenant = tenant
        self.e164 = e164
        self.country = country ?? tenant
    }

    var testDescription: String { "\(input.debugDescription) [\(tenant)] → \(e164)" }
}

/// One row of a "is rejected" table.
struct InvalidPhoneCase: Sendable, CustomTestStringConvertible {
    let input: String
    let tenant: String
    let reason: PhoneParseFailure

    init(_ input: String, _ tenant: String, _ reason: PhoneParseFailure) {
        self.input = input
        self.tenant = tenant
        self.reason = reason
    }

    var testDescription: String { "\(input.debugDescription) [\(tenant)] → \(reason)" }
}

private func expectValid(_ c: ValidPhoneCase, sourceLocation: SourceLocation = #_sourceLocation) {
    guard case .valid(let number) = PhoneNumber.parse(c.input, defaultCountry: c.tenant) else {
        Issue.record("not valid: \(PhoneNumber.parse(c.input, defaultCountry: c.tenant))", sourceLocation: sourceLocation)
        return
    }
    #expect(number.e164 == c.e164, sourceLocation: sourceLocation)
    #expect(number.countryCode == c.country, sourceLocation: sourceLocation)
}

private func matchKey(_ input: String, _ tenant: String) -> String? {
    guard case .valid(let number) = PhoneNumber.parse(input, defaultCountry: tenant) else { return nil }
    return number.matchKey
}

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ValidPhoneCase("011 15 3333-2222", "AR", "+5491133332222"),
        ValidPhoneCase("0351 15 123-4567", "AR", "+5493511234567"),
        ValidPhoneCase("03541 15 12-3456", "AR", "+5493541123456"),
        ValidPhoneCase("011 4444-5555", "AR", "+541144445555"),
        ValidPhoneCase("0351 422-1234", "AR", "+543514221234"),
        ValidPhoneCase("11 3333 2222", "AR", "+541133332222"),
        ValidPhoneCase("11 15 3333 2222", "AR", "+5491133332222"),
        ValidPhoneCase("+54 11 3333 2222", "AR", "+541133332222"),
        ValidPhoneCase("+54 9 11 3333-2222", "AR", "+5491133332222"),
        ValidPhoneCase("+54 9 11 15 3333 2222", "AR", "+5491133332222"),
        ValidPhoneCase("+54 351 15 123 4567", "AR", "+5493511234567"),
        ValidPhoneCase("+54 9 3541 12 3456", "AR", "+5493541123456"),
    ])
    func argentina(_ c: ValidPhoneCase) { expectValid(c) }

    @Test func argentinaMatchKeyDropsMobileNine() throws {
        let mobile = try #require(matchKey("+54 9 11 3333-2222", "AR"))
        #expect(mobile == "+541133332222")
        #expect(matchKey("011 15 3333-2222", "AR") == "+541133332222")
        #expect(matchKey("+54 9 351 123 4567", "AR") == "+543511234567")
    }

    @Test(arguments: [
        ValidPhoneCase("+52 1 55 1234 5678", "MX", "+525512345678"),
        ValidPhoneCase("+52 55 1234 5678", "MX", "+525512345678"),
        ValidPhoneCase("044 55 1234 5678", "MX", "+525512345678"),
        ValidPhoneCase("045 33 1234 5678", "MX", "+523312345678"),
        ValidPhoneCase("01 81 1234 5678", "MX", "+528112345678"),
        ValidPhoneCase("55 1234 5678", "MX", "+525512345678"),
        ValidPhoneCase("(222) 123-4567", "MX", "+522221234567"),
    ])
    func mexico(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("+55 11 8765-4321", "BR", "+5511987654321"),
        ValidPhoneCase("+55 11 98765-4321", "BR", "+5511987654321"),
        ValidPhoneCase("011 98765 4321", "BR", "+5511987654321"),
        ValidPhoneCase("0 21 11 98765 4321", "BR", "+5511987654321"),
        ValidPhoneCase("(11) 98765-4321", "BR", "+5511987654321"),
        ValidPhoneCase("11 8765-4321", "BR", "+5511987654321"),
        ValidPhoneCase("(21) 2555-1234", "BR", "+552125551234"),
        ValidPhoneCase("0 15 21 2555 1234", "BR", "+552125551234"),
        ValidPhoneCase("+55 31 3555 1234", "BR", "+553135551234"),
    ])
    func brazil(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("+56 9 8765 4321", "CL", "+56987654321"),
        ValidPhoneCase("9 8765 4321", "CL", "+56987654321"),
        ValidPhoneCase("09 8765 4321", "CL", "+56987654321"),
        ValidPhoneCase("2 2123 4567", "CL", "+56221234567"),
        ValidPhoneCase("02 2123 4567", "CL", "+56221234567"),
        ValidPhoneCase("+56 2 2123 4567", "CL", "+56221234567"),
        ValidPhoneCase("(32) 212 3456", "CL", "+56322123456"),
    ])
    func chile(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("300 123 4567", "CO", "+573001234567"),
        ValidPhoneCase("+57 300 123 4567", "CO", "+573001234567"),
        ValidPhoneCase("601 234 5678", "CO", "+576012345678"),
        ValidPhoneCase("+57 604 444 5555", "CO", "+576044445555"),
        ValidPhoneCase("(315) 987-6543", "CO", "+573159876543"),
        ValidPhoneCase("0057 310 555 1234", "CO", "+573105551234"),
    ])
    func colombia(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("01 234 5678", "PE", "+5112345678"),
        ValidPhoneCase("(01) 234-5678", "PE", "+5112345678"),
        ValidPhoneCase("1 234 5678", "PE", "+5112345678"),
        ValidPhoneCase("044 123456", "PE", "+5144123456"),
        ValidPhoneCase("987 654 321", "PE", "+51987654321"),
        ValidPhoneCase("+51 987 654 321", "PE", "+51987654321"),
        ValidPhoneCase("+51 1 234 5678", "PE", "+5112345678"),
    ])
    func peru(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("099 123 456", "UY", "+59899123456"),
        ValidPhoneCase("99 123 456", "UY", "+59899123456"),
        ValidPhoneCase("2901 2345", "UY", "+59829012345"),
        ValidPhoneCase("4732 1234", "UY", "+59847321234"),
        ValidPhoneCase("+598 99 123 456", "UY", "+59899123456"),
        ValidPhoneCase("+598 2901 2345", "UY", "+59829012345"),
    ])
    func uruguay(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("612 34 56 78", "ES", "+34612345678"),
        ValidPhoneCase("+34 612 34 56 78", "ES", "+34612345678"),
        ValidPhoneCase("712 345 678", "ES", "+34712345678"),
        ValidPhoneCase("91 123 45 67", "ES", "+34911234567"),
        ValidPhoneCase("0034 912 345 678", "ES", "+34912345678"),
        ValidPhoneCase("934.123.456", "ES", "+34934123456"),
    ])
    func spain(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("(415) 555-2671", "US", "+14155552671"),
        ValidPhoneCase("1-415-555-2671", "US", "+14155552671"),
        ValidPhoneCase("415.555.2671", "US", "+14155552671"),
        ValidPhoneCase("+1 415 555 2671", "US", "+14155552671"),
        ValidPhoneCase("001 415 555 2671", "US", "+14155552671"),
        ValidPhoneCase("+1 (212) 555-0100", "US", "+12125550100"),
    ])
    func unitedStates(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("+52 1 55 1234 5678", "AR", "+525512345678", "MX"),
        ValidPhoneCase("+55 11 8765-4321", "AR", "+5511987654321", "BR"),
        ValidPhoneCase("+56 9 8765 4321", "MX", "+56987654321", "CL"),
        ValidPhoneCase("+57 300 123 4567", "UY", "+573001234567", "CO"),
        ValidPhoneCase("0051 987 654 321", "AR", "+51987654321", "PE"),
        ValidPhoneCase("+598 99 123 456", "AR", "+59899123456", "UY"),
        ValidPhoneCase("+34 612 345 678", "AR", "+34612345678", "ES"),
        ValidPhoneCase("+1 415 555 2671", "AR", "+14155552671", "US"),
        ValidPhoneCase("+54 9 11 3333 2222", "US", "+5491133332222", "AR"),
        ValidPhoneCase("+1 809 555 1234", "AR", "+18095551234", "DO"),
        ValidPhoneCase("+1 787 555 1234", "AR", "+17875551234", "PR"),
        // No rules for these countries: generic E.164, best-effort country.
        ValidPhoneCase("+33 6 12 34 56 78", "AR", "+33612345678", "FR"),
        ValidPhoneCase("+49 30 1234567", "AR", "+49301234567", "DE"),
        ValidPhoneCase("+595 981 123456", "AR", "+595981123456", "PY"),
        ValidPhoneCase("+7 495 123 4567", "AR", "+74951234567", ""),
        ValidPhoneCase("+33 6 12 34 56 78", "FR", "+33612345678", "FR"),
        ValidPhoneCase("+44 20 7946 0958", "", "+442079460958", "GB"),
    ])
    func crossCountry(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        ValidPhoneCase("011\u{00A0}15\u{00A0}3333\u{00A0}2222", "AR", "+5491133332222"),
        ValidPhoneCase("+54\u{202F}9\u{202F}11\u{202F}3333\u{202F}2222", "AR", "+5491133332222"),
        ValidPhoneCase("\u{202A}+54 9 11 3333-2222\u{202C}", "AR", "+5491133332222"),
        ValidPhoneCase("11\u{200B}3333\u{200D}2222", "AR", "+541133332222"),
        ValidPhoneCase("  11\t3333 2222\n", "AR", "+541133332222"),
        ValidPhoneCase("11.3333.2222", "AR", "+541133332222"),
        ValidPhoneCase("11-3333-2222", "AR", "+541133332222"),
        ValidPhoneCase("11–3333—2222", "AR", "+541133332222"),
        ValidPhoneCase("+54 (11) 3333-2222", "AR", "+541133332222"),
        ValidPhoneCase("(+54) 11 3333 2222", "AR", "+541133332222"),
        ValidPhoneCase("+ 54 9 11 3333 2222", "AR", "+5491133332222"),
        ValidPhoneCase("011/15/3333/2222", "AR", "+5491133332222"),
        ValidPhoneCase("00 54 9 11 3333 2222", "AR", "+5491133332222"),
        ValidPhoneCase("0054 9 11 15 3333 2222", "AR", "+5491133332222"),
        ValidPhoneCase("11 3333 2222", " ar ", "+541133332222", "AR"),
    ])
    func noise(_ c: ValidPhoneCase) { expectValid(c) }

    @Test(arguments: [
        InvalidPhoneCase("Juan", "AR", .containsLetters),
        InvalidPhoneCase("11 3333 2222 int 5", "AR", .containsLetters),
        InvalidPhoneCase("11 3333 2222 x12", "AR", .containsLetters),
        InvalidPhoneCase("+54 11 3333 222O", "AR", .containsLetters),
        InvalidPhoneCase("12345", "AR", .tooShort),
        InvalidPhoneCase("+54 11", "AR", .tooShort),
        InvalidPhoneCase("0054 123", "AR", .tooShort),
        InvalidPhoneCase("+33 1234", "AR", .tooShort),
        InvalidPhoneCase("1234567890123456", "AR", .tooLong),
        InvalidPhoneCase("+54 9 11 3333 2222 3333", "AR", .tooLong),
        InvalidPhoneCase("11#3333*2222", "AR", .unknownFormat),
        InvalidPhoneCase("11 3333 2222+", "AR", .unknownFormat),
        InvalidPhoneCase("++54 11 3333 2222", "AR", .unknownFormat),
        InvalidPhoneCase("+00 54 11 3333 2222", "AR", .unknownFormat),
        InvalidPhoneCase("#", "AR", .unknownFormat),
        // Domestic numbers whose shape doesn't fit the tenant's country.
        InvalidPhoneCase("3333-2222", "AR", .unknownFormat),
        InvalidPhoneCase("15 3333-2222", "AR", .unknownFormat),
        InvalidPhoneCase("9 11 3333 2222", "AR", .unknownFormat),
        InvalidPhoneCase("0351 15 123-456", "AR", .unknownFormat),
        InvalidPhoneCase("+54 9 11 3333 222", "AR", .unknownFormat),
        InvalidPhoneCase("1234 5678", "MX", .unknownFormat),
        InvalidPhoneCase("1 55 1234 5678", "MX", .unknownFormat),
        InvalidPhoneCase("98765-4321", "BR", .unknownFormat),
        InvalidPhoneCase("+55 11 18765 4321", "BR", .unknownFormat),
        InvalidPhoneCase("+55 10 98765 4321", "BR", .unknownFormat),
        InvalidPhoneCase("8765 4321", "CL", .unknownFormat),
        InvalidPhoneCase("1 234 5678", "CO", .unknownFormat),
        InvalidPhoneCase("+57 1 234 5678", "CO", .unknownFormat),
        InvalidPhoneCase("500 123 4567", "CO", .unknownFormat),
        InvalidPhoneCase("234 5678", "PE", .unknownFormat),
        InvalidPhoneCase("887 654 321", "PE", .unknownFormat),
        InvalidPhoneCase("123 456 78", "UY", .unknownFormat),
        InvalidPhoneCase("099 123 45", "UY", .unknownFormat),
        InvalidPhoneCase("412 345 678", "ES", .unknownFormat),
        InvalidPhoneCase("12 345 678", "ES", .unknownFormat),
        InvalidPhoneCase("(115) 555-2671", "US", .unknownFormat),
        InvalidPhoneCase("555-2671", "US", .unknownFormat),
        InvalidPhoneCase("2-415-555-2671", "US", .unknownFormat),
        // Unsupported or missing tenant country: only international input can be read.
        InvalidPhoneCase("06 12 34 56 78", "FR", .unknownFormat),
        InvalidPhoneCase("11 3333 2222", "", .unknownFormat),
    ])
    func invalid(_ c: InvalidPhoneCase) {
        let trimmed = c.input.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(PhoneNumber.parse(c.input, defaultCountry: c.tenant) == .invalid(raw: trimmed, reason: c.reason))
    }

    @Test func invalidKeepsInputAsTyped() {
        #expect(
            PhoneNumber.parse("  11-3333 2222 int 5 ", defaultCountry: "AR")
                == .invalid(raw: "11-3333 2222 int 5", reason: .containsLetters))
    }

    @Test(arguments: ["", "   ", "\u{00A0}\t\n", "(   )    -", "+", " . / "])
    func empty(_ input: String) {
        #expect(PhoneNumber.parse(input, defaultCountry: "AR") == .empty)
    }

    @Test(arguments: [
        (
            "AR",
            [
                "+54 9 11 3333-2222", "+54 11 3333 2222", "011 15 3333-2222", "011 3333-2222",
                "11 3333 2222", "0054 9 11 15 3333 2222", "+54 11 15 3333 2222",
            ]
        ),
        (
            "BR",
            [
                "+55 11 8765-4321", "+55 11 98765-4321", "011 98765 4321", "0 21 11 8765 4321",
                "(11) 98765-4321",
            ]
        ),
        (
            "MX",
            [
                "+52 1 55 1234 5678", "+52 55 1234 5678", "044 55 1234 5678", "01 55 1234 5678",
                "55 1234 5678",
            ]
        ),
    ])
    func sameLineSharesMatchKey(tenant: String, spellings: [String]) throws {
        let keys = spellings.map { matchKey($0, tenant) }
        let first = try #require(keys.first ?? nil)
        for (spelling, key) in zip(spellings, keys) {
            #expect(key == first, "\(spelling)")
        }
    }

    @Test func differentLinesHaveDifferentMatchKeys() {
        #expect(matchKey("+54 9 11 3333 2222", "AR") != matchKey("+54 9 11 3333 2223", "AR"))
        // Same digits in another area code are another phone.
        #expect(matchKey("011 15 3333 2222", "AR") != matchKey("0221 15 333 2222", "AR"))
        #expect(matchKey("+55 11 8765-4321", "BR") != matchKey("+55 21 8765-4321", "BR"))
    }

    @Test func matchKeyEqualsE164OutsideArgentina() {
        for (input, tenant) in [("044 55 1234 5678", "MX"), ("11 8765-4321", "BR"), ("+33 6 12 34 56 78", "AR")] {
            guard case .valid(let number) = PhoneNumber.parse(input, defaultCountry: tenant) else {
                Issue.record("not valid: \(input)")
                continue
            }
            #expect(number.matchKey == number.e164)
        }
    }

    @Test func codableRoundTrip() throws {
        guard case .valid(let number) = PhoneNumber.parse("011 15 3333-2222", defaultCountry: "AR") else {
            Issue.record("not valid")
            return
        }
        let data = try JSONEncoder().encode(number)
        #expect(try JSONDecoder().decode(PhoneNumber.self, from: data) == number)
    }

    @Test func failureRawValues() {
        #expect(PhoneParseFailure.containsLetters.rawValue == "contains_letters")
        #expect(PhoneParseFailure.tooShort.rawValue == "too_short")
        #expect(PhoneParseFailure.tooLong.rawValue == "too_long")
        #expect(PhoneParseFailure.unknownFormat.rawValue == "unknown_format")
    }
}
