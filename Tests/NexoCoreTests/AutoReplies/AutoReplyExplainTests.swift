import Foundation
import Testing

@testable import NexoCore

/// `AutoReplyMatcher.explain`: the tester shows every rule, whether it would answer, and why.
@Suite struct AutoReplyExplainTests {
    typealias F = AutoReplyFixtures

    static let rules = [
        F.rule("Apagada", F.keywords("turno"), priority: 9, enabled: false),
        F.rule("Sábados", F.keywords("turno"), priority: 8, schedule: F.hours([6], ("09:00", "13:00"))),
        F.rule("Sucursal 2", F.keywords("turno"), priority: 7, numberIDs: ["num-2"]),
        F.rule("Precio turno", F.keywords("precio", "turno", match: .all), priority: 6),
        F.rule("Pedidos", .pattern(#"pedido\s*\d+"#), priority: 5),
        F.rule("Saludo", .greeting, priority: 4),
        F.rule("Turnos", F.keywords("turno", "cita"), priority: 3),
        F.rule("Respaldo", F.keywords("turno"), priority: 1),
    ]

    func verdicts(_ text: String) -> [String: AutoReplyVerdict] {
        let verdicts = AutoReplyMatcher(rules: Self.rules).explain(
            text, numberID: "num-1", at: F.tuesdayAfternoon, timeZone: F.buenosAires)
        return Dictionary(uniqueKeysWithValues: verdicts.map { ($0.name, $0) })
    }

    @Test func listsEveryRuleInPrecedenceOrder() {
        // When a message is tested
        let verdicts = AutoReplyMatcher(rules: Self.rules.shuffled()).explain(
            "hola, quiero un turno", numberID: "num-1", at: F.tuesdayAfternoon, timeZone: F.buenosAires)

        // Then every rule is there, highest priority first, disabled ones included
        #expect(verdicts.map(\.name) == Self.rules.map(\.name))
    }

    @Test func marksTheRuleThatAnswersLikeMatchDoes() {
        // When a message is tested and matched
        let text = "hola, quiero un turno"
        let verdicts = AutoReplyMatcher(rules: Self.rules).explain(
            text, numberID: "num-1", at: F.tuesdayAfternoon, timeZone: F.buenosAires)
        let match = AutoReplyMatcher(rules: Self.rules).match(
            text, numberID: "num-1", at: F.tuesdayAfternoon, timeZone: F.buenosAires)

        // Then exactly one verdict answers, and it is the matched rule with the same reason
        #expect(verdicts.filter(\.answers).map(\.name) == ["Turnos"])
        #expect(verdicts.first(where: \.answers)?.reasons.first == match?.reason)
    }

    @Test func saysWhatHoldsEachRuleBack() {
        // When a message about a turno is tested on a Tuesday afternoon on number 1
        let verdicts = verdicts("hola, quiero un turno")

        // Then each rule that found the word says why it does not answer
        #expect(verdicts["Apagada"]?.reasons.map(\.code) == [.keywordsFound, .disabled])
        #expect(verdicts["Sábados"]?.reasons.map(\.code) == [.keywordsFound, .outsideHours])
        #expect(
            verdicts["Sábados"]?.reasons.last?.message
                == "Outside active hours (Sat 09:00–13:00): it is Tuesday 15:30 in America/Argentina/Buenos_Aires")
        #expect(verdicts["Sucursal 2"]?.reasons.last?.message == "The rule answers only on num-2; the message came to num-1")
    }

    @Test func saysWhyTriggersDidNotMatch() {
        // When a message about a turno is tested
        let verdicts = verdicts("hola, quiero un turno")

        // Then missing words, a pattern without match and a greeting with a request are explained
        #expect(verdicts["Precio turno"]?.reasons.map(\.message) == ["Found “turno” but not “precio”"])
        #expect(verdicts["Pedidos"]?.reasons.map(\.message) == [#"Pattern pedido\s*\d+ does not match"#])
        #expect(verdicts["Saludo"]?.reasons.map(\.message) == ["Besides “hola” the message says “quiero”, “turno”"])
    }

    @Test func saysWhenAMatchingRuleIsOutranked() {
        // When a message is tested / Then a lower rule that also matches says which rule comes first
        let respaldo = verdicts("turno")["Respaldo"]
        #expect(respaldo?.matched == true)
        #expect(respaldo?.answers == false)
        #expect(respaldo?.reasons.last?.message == "Matches, but “Turnos” comes first")
    }

    @Test func aVerdictEncodesInSnakeCase() throws {
        // Given a verdict
        let verdict = AutoReplyVerdict(
            ruleID: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, name: "Saludo", priority: 1, matched: true,
            answers: true, reasons: [AutoReplyReason(.greetingFound, ["“hola”"])])

        // When encoded / Then the keys are snake_case
        #expect(
            try F.json(verdict)
                == #"{"answers":true,"matched":true,"name":"Saludo","priority":1,"reasons":[{"arguments":["“hola”"],"#
                + #""code":"auto_reply.greeting_found","message":"Greeting “hola”"}],"rule_id":"00000000-0000-0000-0000-000000000001"}"#
        )
    }

    @Test(arguments: AutoReplyReason.Code.allCases)
    func everyReasonCodeIsNamespacedAndHasAnEnglishTemplate(code: AutoReplyReason.Code) {
        // Given a reason code / Then it is an "auto_reply." key with an English text
        #expect(code.rawValue.hasPrefix("auto_reply."))
        #expect(!code.englishTemplate.isEmpty)
    }
}
