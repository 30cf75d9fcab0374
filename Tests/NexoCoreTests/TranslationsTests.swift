import Foundation
import Testing

@testable import NexoCore

@Suite struct TranslationsTests {
    private static let translations = Translations(tables: [
        "es": ["greeting": "Hola, {0}", "only.es": "Solo en español", "pair": "{0} y {1}", "twice": "{0} o {0}"],
        "en": ["greeting": "Hello, {0}", "pair": "{0} and {1}"],
    ])

    @Test func textComesFromTheRequestedLocale() {
        // Given a key translated in both locales
        let translations = Self.translations

        // When asked in English
        let text = translations.text("greeting", locale: "en")

        // Then the English text is used
        #expect(text == "Hello, {0}")
    }

    @Test func aKeyMissingInTheLocaleFallsBackToTheDefaultLocale() {
        // Given a key only Spanish has
        let translations = Self.translations

        // When asked in English
        let text = translations.text("only.es", locale: "en")

        // Then the Spanish text shows
        #expect(text == "Solo en español")
    }

    @Test func anUnknownLocaleFallsBackToTheDefaultLocale() {
        // Given a locale with no table
        let translations = Self.translations

        // When asked in that locale
        let text = translations.text("greeting", locale: "fr", ["Ana"])

        // Then the default locale's text is used
        #expect(text == "Hola, Ana")
    }

    @Test func aKeyMissingEverywhereShowsTheKey() {
        // Given a key no table has
        let translations = Self.translations

        // When asked for it
        let text = translations.text("nav.missing", locale: "en")

        // Then the key itself shows instead of breaking the page
        #expect(text == "nav.missing")
    }

    @Test func argumentsReplaceNumberedPlaceholders() {
        // Given a text with two placeholders
        let translations = Self.translations

        // When filled with two arguments
        let text = translations.text("pair", locale: "en", ["Ana", "Luis"])

        // Then each goes to its place
        #expect(text == "Ana and Luis")
    }

    @Test func anArgumentFillsEveryOccurrenceOfItsPlaceholder() {
        // Given a text using the same placeholder twice
        let translations = Self.translations

        // When filled
        let text = translations.text("twice", locale: "es", ["té"])

        // Then both occurrences are replaced
        #expect(text == "té o té")
    }

    @Test func placeholdersWithoutAnArgumentStay() {
        // Given a text with two placeholders
        let translations = Self.translations

        // When given only the first argument
        let text = translations.text("pair", locale: "es", ["Ana"])

        // Then the second placeholder is left visible
        #expect(text == "Ana y {1}")
    }

    @Test(arguments: [
        ("en-US", "en"), ("en", "en"), ("EN_gb", "en"), ("es-AR", "es"), ("es", "es"),
        ("pt", "es"), ("pt-BR", "es"), ("fr-FR", "es"), ("", "es"),
    ])
    func resolvePicksTheSupportedLanguage(requested: String, resolved: String) {
        // Given a requested locale such as a browser sends

        // When resolved
        let locale = Translations.resolve(requested)

        // Then its language is used when supported, else the default
        #expect(locale == resolved)
    }

    @Test func resolveWithoutARequestGivesTheDefaultLocale() {
        // Given no requested locale
        let requested: String? = nil

        // When resolved
        let locale = Translations.resolve(requested)

        // Then the default locale is used
        #expect(locale == "es")
        #expect(locale == Translations.defaultLocale)
    }

    @Test func keysListsOneLocalesKeys() {
        // Given tables with different keys per locale
        let translations = Self.translations

        // When listing keys
        let english = translations.keys(locale: "en")
        let unknown = translations.keys(locale: "fr")

        // Then each locale lists only its own
        #expect(english == ["greeting", "pair"])
        #expect(unknown.isEmpty)
    }

    @Test func loadsEachSupportedLocaleFromADirectory() throws {
        // Given a directory with es.json and en.json
        let directory = try Self.makeDirectory(files: [
            "es.json": #"{"greeting": "Hola, {0}", "only.es": "Solo en español"}"#,
            "en.json": #"{"greeting": "Hello, {0}"}"#,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }

        // When loaded
        let translations = try Translations(directory: directory)

        // Then both tables are in use, with the usual fallback
        #expect(translations.text("greeting", locale: "en", ["Ana"]) == "Hello, Ana")
        #expect(translations.text("greeting", locale: "es", ["Ana"]) == "Hola, Ana")
        #expect(translations.text("only.es", locale: "en") == "Solo en español")
    }

    @Test func loadingFailsWhenALocaleFileIsMissing() throws {
        // Given a directory with only the Spanish file
        let directory = try Self.makeDirectory(files: ["es.json": #"{"greeting": "Hola"}"#])
        defer { try? FileManager.default.removeItem(at: directory) }

        // When loaded
        // Then it fails rather than serve a half-translated UI
        #expect(throws: (any Error).self) { try Translations(directory: directory) }
    }

    @Test func loadingFailsOnAFileThatIsNotAFlatStringMap() throws {
        // Given an English file with a nested object
        let directory = try Self.makeDirectory(files: [
            "es.json": #"{"greeting": "Hola"}"#,
            "en.json": #"{"greeting": {"text": "Hello"}}"#,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }

        // When loaded
        // Then it fails
        #expect(throws: (any Error).self) { try Translations(directory: directory) }
    }

    private static func makeDirectory(files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nexo-translations-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory
    }
}
