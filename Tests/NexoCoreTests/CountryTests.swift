import Foundation
import Testing

@testable import NexoCore

@Suite struct CountryTests {
    @Test(arguments: ["AR", "ar", "Ar", "aR"])
    func findIgnoresCase(code: String) throws {
        // Given an ISO code in any case

        // When looked up
        let country = try #require(Country.find(code))

        // Then the country is found
        #expect(country.code == "AR")
        #expect(country.nameES == "Argentina")
    }

    @Test(arguments: ["", "XX", "ARG", "Argentina", "A"])
    func findReturnsNilForUnknownCodes(code: String) {
        // Given a code that is not a supported country

        // When looked up
        let country = Country.find(code)

        // Then nothing is found
        #expect(country == nil)
    }

    @Test(arguments: Country.all)
    func everyCountryHasAValidTimeZone(country: Country) {
        // Given a supported country

        // When its time zone is loaded
        let zone = TimeZone(identifier: country.timeZone)

        // Then it is a real IANA zone
        #expect(zone != nil, "\(country.code): \(country.timeZone)")
    }

    @Test(arguments: Country.all)
    func everyCountryHasASupportedLocale(country: Country) {
        // Given a supported country

        // When its default language is checked against the translations
        let supported = Translations.supportedLocales.contains(country.locale)

        // Then the UI can speak it
        #expect(supported, "\(country.code): \(country.locale)")
    }

    @Test func countryCodesAreUniqueUpperCaseAlpha2() {
        // Given the list of countries
        let codes = Country.all.map(\.code)

        // When checking the codes
        let wellFormed = codes.allSatisfy { $0.count == 2 && $0.allSatisfy { ("A"..."Z").contains($0) } }

        // Then each is a two-letter upper-case code that appears once
        #expect(wellFormed)
        #expect(Set(codes).count == codes.count)
    }

    @Test(arguments: [("en", "Spain"), ("es", "España"), ("pt", "España")])
    func nameIsEnglishOnlyForEnglish(locale: String, expected: String) throws {
        // Given a country with different names per language
        let spain = try #require(Country.find("ES"))

        // When named in a locale
        let name = spain.name(locale: locale)

        // Then English gets the English name and anything else the Spanish one
        #expect(name == expected)
    }
}
