import Foundation
import Testing

@testable import NexoCore

/// The indexed matcher against the naive loop: same answers, generated rules and messages.
@Suite struct AutoReplyOracleTests {
    typealias F = AutoReplyFixtures

    static let vocabulary = [
        "turno", "turnos", "precio", "limpieza", "ortodoncia", "dirección", "horario", "obra social", "mes", "pago",
        "tarjeta", "envío", "hola", "gracias", "chau", "pedido", "cuotas", "sábado", "urgente", "stock",
    ]
    static let decorations = ["", "!", "?", "¿", "!!", " 😊", ",", "..."]
    static let fillers = [
        "quiero", "un", "la", "el", "para", "tienen", "me", "pasás", "por favor", "12345", "ſ", "mesa", "12/03", "yo@mail.com",
        "١٢", "ﬁn", "10:30",
    ]
    static let patterns = [
        #"pedido\s*\d+"#, "precios?", #"\d{3,}"#, "tu?rno|cita", "(turno|precio) (para|del)", #"\d{1,2}/\d{1,2}"#, #"\w+@\w+"#,
        #"\d+:\d+"#, #"(?:hola|chau)\b"#, "fin", #"\d"#, #"\w+"#,
    ]

    /// Random rules over a small vocabulary, so that many rules share words, priorities tie and scopes vary.
    static func rules(_ random: inout SeededRandom, count: Int) -> [AutoReplyRule] {
        (0..<count).map { index in
            let trigger: AutoReplyTrigger
            switch random.below(10) {
            case 0: trigger = .pattern(patterns[random.below(patterns.count)])
            case 1: trigger = [.greeting, .thanks, .goodbye][random.below(3)]
            default:
                let words = (0..<(1 + random.below(3))).map { _ in
                    let word = vocabulary[random.below(vocabulary.count)]
                    return random.below(4) == 0 ? String(word.prefix(4)).uppercased() : word
                }
                trigger = .keyword(words: words, match: random.below(3) == 0 ? .all : .any, wholeWord: random.below(4) != 0)
            }
            return F.rule(
                "R\(index)", trigger, priority: random.below(4), enabled: random.below(8) != 0,
                schedule: random.below(6) == 0 ? F.hours([2], ("15:00", "16:00")) : random.below(6) == 0 ? F.hours([6]) : nil,
                numberIDs: random.below(5) == 0 ? ["num-2"] : [], createdAfter: Double(random.below(3)))
        }
    }

    static func message(_ random: inout SeededRandom) -> String {
        (0..<(1 + random.below(6))).map { _ in
            let pool = random.below(2) == 0 ? vocabulary : fillers
            var word = pool[random.below(pool.count)]
            if random.below(3) == 0 { word = word.uppercased() }
            return word + decorations[random.below(decorations.count)]
        }.joined(separator: " ")
    }

    @Test(arguments: [1, 2, 3])
    func theIndexedMatcherAnswersLikeTheNaiveLoop(seed: UInt64) {
        // Given random rules and messages
        var random = SeededRandom(seed: seed)
        let rules = Self.rules(&random, count: 120)
        let indexed = AutoReplyMatcher(rules: rules)
        let naive = NaiveAutoReplyMatcher(rules: rules)

        // When both match each message / Then they pick the same rule for the same reason
        for _ in 0..<150 {
            let text = Self.message(&random)
            let numberID = random.below(3) == 0 ? "num-2" : "num-1"
            let fast = indexed.match(text, numberID: numberID, at: F.tuesdayAfternoon, timeZone: F.buenosAires)
            let slow = naive.match(text, numberID: numberID, at: F.tuesdayAfternoon, timeZone: F.buenosAires)
            #expect(fast == slow, "\(text)")
        }
    }

    @Test func theBenchmarkRunsAndBothMatchersAgree() {
        // When the benchmark runs small
        let result = AutoReplyBenchmark.run(rules: 100, messages: 200, runs: 1)

        // Then it measured both, they agreed on every message, and some messages were answered
        #expect(result.rules == 100)
        #expect(result.messages == 200)
        #expect(result.disagreements == 0)
        #expect(result.answered > 20)
        #expect(result.indexedPerMessage > .zero && result.naivePerMessage > .zero)
    }
}
