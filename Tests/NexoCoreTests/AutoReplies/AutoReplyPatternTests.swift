import Foundation
import Testing

@testable import NexoCore

/// `AutoReplyPattern`: compiled once, refused when unsafe or slow, and stopped at run time as a last resort.
@Suite struct AutoReplyPatternTests {
    @Test func matchesCaseInsensitivelyAndReportsTheMatchedText() throws {
        // Given an order-number pattern
        let pattern = try AutoReplyPattern(#"pedido\s*#?\d{4,}"#)

        // When run on a message / Then the matched text comes back
        #expect(pattern.firstMatch(in: "Hola, mi PEDIDO #12345 no llegó") == .matched("PEDIDO #12345"))
        #expect(pattern.firstMatch(in: "mi pedido no llegó") == .noMatch)
    }

    @Test func readsOnlyTheFirstThousandCharacters() throws {
        // Given a match that starts past the limit
        let pattern = try AutoReplyPattern("factura")
        let text = String(repeating: "x", count: AutoReplyPattern.inputLimit) + " factura"

        // When run / Then it is not seen
        #expect(pattern.firstMatch(in: text) == .noMatch)
    }

    @Test(arguments: [
        #"(a+)+$"#, #"(.*)*x"#, #"(\w+\s?)+$"#, #"(?:ab*)+c"#, #"(a{1,2}){2,}"#, #"((a+)b)*"#, #"([a-z]+)*@"#,
    ])
    func refusesNestedRepetition(source: String) {
        // Given a pattern that repeats a repetition / When compiled / Then it is refused as unsafe
        #expect(throws: AutoReplyPatternError.self) { try AutoReplyPattern(source) }
        #expect(AutoReplyPattern.unsafeConstruct(in: source) != nil)
    }

    @Test(arguments: [#"(turno|cita)\1"#, #"(?<x>a)\k<x>"#])
    func refusesBackreferences(source: String) {
        // Given a backreference / Then the construct is named
        #expect(AutoReplyPattern.unsafeConstruct(in: source)?.contains("Backreferences") == true)
    }

    @Test(arguments: [
        #"(\d{1,3}\.){3}\d{1,3}"#, #"(ab)+"#, #"[(a+)+]"#, #"\(a+\)+"#, #"(turno|cita)s?"#, #"(a+)?"#, #"\d+[.,]\d{2}"#,
    ])
    func allowsSafeRepetition(source: String) {
        // Given bounded nesting, a single repetition, or brackets that are literal / Then nothing is refused
        #expect(AutoReplyPattern.unsafeConstruct(in: source) == nil)
    }

    @Test func refusesAPatternThatIsSlowOnAProbe() {
        // Given overlapping alternatives under a repetition, which the construct check lets through
        let source = "(a|aa)*c"
        #expect(AutoReplyPattern.unsafeConstruct(in: source) == nil)

        // When validated for saving / Then the probes find it too slow
        #expect(AutoReplyPattern.problem(in: source)?.kind == .tooSlow)
    }

    @Test func aRunawayPatternIsStoppedAtTheRuntimeBudget() throws {
        // Given an exponential pattern that bypassed validation
        let pattern = try AutoReplyPattern(unchecked: "(a+)+$")
        let clock = ContinuousClock()

        // When run on a hostile message
        let start = clock.now
        let outcome = pattern.firstMatch(in: String(repeating: "a", count: 900) + "!")

        // Then it is stopped after about the budget and counts as no match
        #expect(outcome == .timedOut)
        #expect(clock.now - start < .milliseconds(500))
    }

    @Test func refusesAPatternMatchingEveryMessage() {
        // Given patterns that match an empty text / Then they are refused
        #expect(AutoReplyPattern.problem(in: #"\s*"#)?.kind == .matchesEverything)
        #expect(AutoReplyPattern.problem(in: "^")?.kind == .matchesEverything)
    }

    @Test func reportsAnInvalidPatternWithThePlaceOfTheSlip() {
        // Given an unclosed group / When validated / Then the problem says where
        let problem = AutoReplyPattern.problem(in: "(turno|cita")
        #expect(problem?.kind == .invalid)
        #expect(problem?.message.contains("the “(” at position 1 is never closed") == true)
    }

    @Test func acceptsAnOrdinaryPattern() {
        // Given a realistic pattern / When validated / Then there is no problem
        #expect(AutoReplyPattern.problem(in: #"(turno|cita)\s+para\s+el\s+(lunes|martes)"#) == nil)
    }

    @Test(arguments: [
        (#"pedido\s*#?\d{4,}"#, ["pedido"]), (#"Factura [ABC]"#, ["factura"]), ("turno|cita", ["turno", "cita"]),
        (#"\bprecios?\b"#, ["precio"]), ("envi(o|os) gratis", ["gratis"]), ("abc+d", ["abc"]),
        (#"(turno|cita)\s+\d+"#, ["turno", "cita"]), (#"(turno|cita)\s+para"#, ["para"]),
        (#"\b(?:cbu|alias)\b"#, ["cbu", "alias"]),
        ("(?<dia>lunes|martes)", ["lunes", "martes"]),
    ])
    func findsTheLiteralsEveryMatchContains(source: String, literals: [String]) {
        // Given a pattern / When analysed / Then each alternative's longest required literal is found
        #expect(AutoReplyPattern.requiredLiterals(of: source) == literals)
    }

    @Test(arguments: [#"\d{2}/\d{2}"#, "turno|ok", "(?x) t u r n o", "(turno|cita)?", "ab?cd", "(?=precio)\\w+"])
    func givesUpOnLiteralsWhenAnAlternativeHasNone(source: String) {
        // Given a pattern with no safe literal in some alternative / Then it is not prefiltered
        #expect(AutoReplyPattern.requiredLiterals(of: source) == nil)
    }

    @Test func withoutLiteralsThePrefilterUsesSymbolsOrDigits() {
        // Given patterns with no usable letters
        // Then a required symbol is preferred, rarest first, then a required digit, else nothing
        #expect(AutoReplyPattern.prefilter(of: #"\b\d{1,2}/\d{1,2}\b"#) == .symbol(UInt8(ascii: "/")))
        #expect(AutoReplyPattern.prefilter(of: #"[\w.+-]+@[\w-]+\.[\w.]+"#) == .symbol(UInt8(ascii: "@")))
        #expect(AutoReplyPattern.prefilter(of: #"\d{2}\s?hs"#) == .digit)
        #expect(AutoReplyPattern.prefilter(of: #"\w+:?\w+"#) == .none)
        #expect(AutoReplyPattern.prefilter(of: "pedido") == .anyLiteral([Array("pedido".utf8)]))
    }
}
