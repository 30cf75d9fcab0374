import Foundation
import Testing

@testable import NexoCore

@Suite struct SearchTextTests {
    @Test(arguments: [
        ("Núñez", "nunez"),
        ("São", "sao"),
        ("Ñandú", "nandu"),
        ("MÜLLER", "muller"),
        ("ÀÉÎÕÜ àéîõü", "aeiou aeiou"),
        ("Çağrı", "cagri"),
        ("İstanbul", "istanbul"),
        ("  José   María\tPérez \n", "jose maria perez"),
        ("Jose\u{301}", "jose"),
        ("Straße", "strasse"),
        ("Søren Ødegård", "soren odegard"),
        ("Łódź", "lodz"),
        ("Æsir Œuvre", "aesir oeuvre"),
        ("Ωμέγα", "ωμεγα"),
        ("日本 😀", "日本 😀"),
        ("", ""),
        (" \u{00A0}\t\n", ""),
    ])
    func fold(input: String, expected: String) {
        #expect(SearchText.fold(input) == expected)
    }

    @Test(arguments: ["Núñez", "Straße", "  São  Paulo ", "ǅemal", "ﬁesta"])
    func foldIsIdempotent(input: String) {
        let once = SearchText.fold(input)
        #expect(SearchText.fold(once) == once)
    }

    @Test func documentJoinsFoldedParts() {
        let document = SearchText.document(
            firstName: "José", lastName: "Núñez", email: "Jose@Mail.com",
            phone: "+54 9 11 3333-2222", company: "Panadería  Ñandú"
        )
        #expect(document == "jose nunez jose@mail.com 5491133332222 panaderia nandu")
    }

    @Test func documentSkipsMissingAndBlankParts() {
        #expect(SearchText.document(firstName: nil, lastName: "Pérez", email: nil, phone: nil, company: "  ") == "perez")
        #expect(SearchText.document(firstName: "Ana", lastName: "", email: nil, phone: "—", company: nil) == "ana")
        #expect(SearchText.document(firstName: nil, lastName: nil, email: nil, phone: nil, company: nil) == "")
    }

    @Test(arguments: [
        ("Núñez", "%nunez%"),
        ("  José  María ", "%jose maria%"),
        ("50%", "%50\\%%"),
        ("a_b", "%a\\_b%"),
        ("c:\\x", "%c:\\\\x%"),
        ("%_\\", "%\\%\\_\\\\%"),
        ("", "%%"),
    ])
    func likePattern(query: String, expected: String) {
        #expect(SearchText.likePattern(containing: query) == expected)
    }

    @Test(arguments: ["  Ana  MARIA ", "JOSE.Nunez+1@Example.COM", "a\tb\n\nc\r", "", "   ", "x_y-z 123"])
    func theASCIIPathFoldsLikeTheGeneralOne(text: String) {
        // Given ASCII text; when folded by the fast path; then it is what the general path gives
        #expect(SearchText.foldASCII(text) == generalFold(text))
    }

    /// The general path (NFD, marks removed, lower-cased, whitespace collapsed), as `fold` does for non-ASCII text.
    func generalFold(_ s: String) -> String {
        var stripped = String.UnicodeScalarView()
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            stripped.append(scalar)
        }
        return String(stripped).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
