import Testing

@testable import NexoCore

@Suite struct SlugTests {
    @Test(arguments: [
        ("Clínica Sonrisa", "clinica-sonrisa"),
        ("Peluquería Ñandú", "peluqueria-nandu"),
        ("São Paulo Café", "sao-paulo-cafe"),
        ("Straße Øl", "strasse-ol"),
        ("ABC Motors", "abc-motors"),
        ("Taller 2000", "taller-2000"),
    ])
    func foldsAccentsAndCase(name: String, slug: String) {
        // Given a business name with accents and capitals

        // When made into a slug
        let made = Slug.make(name)

        // Then it is lower-case ASCII joined by dashes
        #expect(made == slug)
    }

    @Test(arguments: [
        ("Café & Té -- S.A.", "cafe-te-s-a"),
        ("  ¡Hola,   Mundo!  ", "hola-mundo"),
        ("--Acme--", "acme"),
        ("a/b\\c_d", "a-b-c-d"),
    ])
    func punctuationBecomesSingleDashesNeverAtTheEnds(name: String, slug: String) {
        // Given a name with punctuation and runs of spaces

        // When made into a slug
        let made = Slug.make(name)

        // Then every run of other characters is one dash, with none leading or trailing
        #expect(made == slug)
    }

    @Test(arguments: ["", "   ", "¡¡¡!!!", "---", "日本", "🙂"])
    func namesWithoutLettersOrDigitsGetTheDefaultSlug(name: String) {
        // Given a name with nothing usable in a URL

        // When made into a slug
        let made = Slug.make(name)

        // Then the default is used
        #expect(made == "negocio")
    }

    @Test func longNamesAreCutTo48Characters() {
        // Given a single very long word
        let name = String(repeating: "a", count: 60)

        // When made into a slug
        let made = Slug.make(name)

        // Then it keeps the first 48 characters
        #expect(made == String(repeating: "a", count: 48))
    }

    @Test func aCutRightAfterAWordLeavesNoTrailingDash() {
        // Given a name whose 48th slug character would be the dash between two words
        let name = String(repeating: "a", count: 47) + " bcd"

        // When made into a slug
        let made = Slug.make(name)

        // Then the dash is dropped with the cut-off word
        #expect(made == String(repeating: "a", count: 47))
    }

    @Test func longNamesOfManyWordsStayWithinTheLimit() {
        // Given a name of many short words
        let name = String(repeating: "Café y Té ", count: 20)

        // When made into a slug
        let made = Slug.make(name)

        // Then it has at most 48 characters and does not end in a dash
        #expect(made.count <= 48)
        #expect(!made.hasSuffix("-"))
        #expect(made.hasPrefix("cafe-y-te-cafe-y-te"))
    }
}
