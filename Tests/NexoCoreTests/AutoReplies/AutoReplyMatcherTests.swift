import Foundation
import Testing

@testable import NexoCore

/// `AutoReplyMatcher.match`: the highest-precedence rule whose trigger, number and hours all fit answers.
@Suite struct AutoReplyMatcherTests {
    typealias F = AutoReplyFixtures

    @Test func theHighestPriorityMatchingRuleAnswers() {
        // Given two rules that both match, the later one with higher priority
        let rules = [F.rule("General", F.keywords("turno")), F.rule("Urgente", F.keywords("turno", "urgente"), priority: 5)]

        // When a message mentions a turno / Then the higher priority answers
        #expect(F.answer(rules, "Necesito un turno") == "Urgente")
    }

    @Test func betweenEqualPrioritiesTheOlderRuleAnswers() {
        // Given equal priorities, the second created a minute earlier
        let rules = [F.rule("Nueva", F.keywords("precio"), createdAfter: 60), F.rule("Vieja", F.keywords("precio"))]

        // Then the older one answers, whatever the order they were loaded in
        #expect(F.answer(rules, "precio?") == "Vieja")
        #expect(F.answer(rules.reversed(), "precio?") == "Vieja")
    }

    @Test func betweenRulesCreatedTogetherTheLowerIDAnswers() {
        // Given two rules created at the same instant
        let low = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        let high = UUID(uuidString: "F0000000-0000-0000-0000-000000000000")!
        let rules = [F.rule("Alta", F.keywords("precio"), id: high), F.rule("Baja", F.keywords("precio"), id: low)]

        // Then the lower id answers
        #expect(F.answer(rules, "precio") == "Baja")
    }

    @Test func keywordsIgnoreCaseAccentsAndPunctuation() {
        // Given a keyword written with an accent
        let rules = [F.rule("Dirección", F.keywords("dirección"))]

        // Then any spelling of the word finds it
        #expect(F.answer(rules, "¿Cuál es la DIRECCION?") == "Dirección")
        #expect(F.answer(rules, "direccion!!") == "Dirección")
    }

    @Test func wholeWordKeywordsDoNotMatchInsideWords() {
        // Given "mes" as a whole word / Then "mesa" and "meses" do not match, "mes" does
        let rules = [F.rule("Mes", F.keywords("mes"))]
        #expect(F.answer(rules, "tienen mesas?") == nil)
        #expect(F.answer(rules, "en 3 meses") == nil)
        #expect(F.answer(rules, "cuánto sale por mes") == "Mes")
    }

    @Test func partialKeywordsMatchInsideWords() {
        // Given a stem as a partial keyword / Then it matches the words it starts
        let rules = [F.rule("Ortodoncia", F.keywords("ortodonc", wholeWord: false))]
        #expect(F.answer(rules, "Consulta por ORTODONCIA invisible") == "Ortodoncia")
        #expect(F.answer(rules, "hacen ortodoncistas?") == "Ortodoncia")
    }

    @Test func allModeNeedsEveryKeywordInAnyOrder() {
        // Given a rule needing "precio" and "limpieza"
        let rules = [F.rule("Precio limpieza", F.keywords("precio", "limpieza", match: .all))]

        // Then both words are needed, in any order
        #expect(F.answer(rules, "la limpieza qué precio tiene?") == "Precio limpieza")
        #expect(F.answer(rules, "qué precio tiene?") == nil)
    }

    @Test func phrasesMustAppearAsWritten() {
        // Given a two-word keyword
        let rules = [F.rule("Obra social", F.keywords("obra social"))]

        // Then the words must be next to each other
        #expect(F.answer(rules, "¿Trabajan con obra-social?") == "Obra social")
        #expect(F.answer(rules, "la obra es social") == nil)
    }

    @Test func aRuleScopedToANumberAnswersOnlyThere() {
        // Given a rule for one number and a general rule below it
        let rules = [
            F.rule("Sucursal 2", F.keywords("horario"), priority: 9, numberIDs: ["num-2"]),
            F.rule("General", F.keywords("horario")),
        ]

        // Then the scoped rule answers only on its number
        #expect(F.answer(rules, "horario?", numberID: "num-2") == "Sucursal 2")
        #expect(F.answer(rules, "horario?", numberID: "num-1") == "General")
        #expect(F.answer(rules, "horario?", numberID: nil) == "General")
    }

    @Test func outsideItsHoursARuleGivesWayToTheNextOne() {
        // Given an office-hours rule above an always-on rule
        let rules = [
            F.rule("Oficina", F.keywords("turno"), priority: 9, schedule: F.hours([1, 2, 3, 4, 5], ("09:00", "18:00"))),
            F.rule("Fuera de hora", F.keywords("turno")),
        ]

        // Then Tuesday afternoon gets the office answer and Saturday the other
        #expect(F.answer(rules, "turno", at: F.buenosAires(weekday: 2, "15:30")) == "Oficina")
        #expect(F.answer(rules, "turno", at: F.buenosAires(weekday: 6, "11:00")) == "Fuera de hora")
    }

    @Test func disabledRulesNeverAnswer() {
        // Given a disabled rule above an enabled one / Then the enabled one answers
        let rules = [
            F.rule("Apagada", F.keywords("precio"), priority: 9, enabled: false), F.rule("Encendida", F.keywords("precio")),
        ]
        #expect(F.answer(rules, "precio") == "Encendida")
    }

    @Test func aPatternRuleAnswersWithTheMatchedText() {
        // Given an order-number pattern
        let rules = [F.rule("Pedidos", .pattern(#"pedido\s*#?\d{4,}"#))]

        // When matched / Then the reason quotes the pattern and the text
        let match = AutoReplyMatcher(rules: rules).match(
            "mi pedido #48213 no llegó", numberID: nil, at: F.tuesdayAfternoon, timeZone: F.buenosAires)
        #expect(match?.reason.code == .patternMatched)
        #expect(match?.reason.arguments == [#"pedido\s*#?\d{4,}"#, "pedido #48213"])
    }

    @Test func aPatternIsNotSkippedWhenFoldingCannotVouchForItsLiterals() {
        // Given a pattern whose literal is "precios", and a message spelling it with a long s, which ICU equates
        let rules = [F.rule("Precios", .pattern("precios"))]

        // Then the prefilter does not hide the match
        #expect(F.answer(rules, "lista de precioſ") == "Precios")
        #expect(F.answer(rules, "lista de precios") == "Precios")
    }

    @Test func aGreetingRuleAnswersSmallTalkButNotRequests() {
        // Given a greeting rule and a turno rule with lower priority
        let rules = [F.rule("Saludo", .greeting, priority: 5), F.rule("Turnos", F.keywords("turno"))]

        // Then a plain greeting gets the greeting, a greeting with a request the turno answer
        #expect(F.answer(rules, "Hola buen día 😊") == "Saludo")
        #expect(F.answer(rules, "hola, quiero un turno para el martes") == "Turnos")
    }

    @Test func theReasonListsTheKeywordsFoundAsWritten() {
        // Given a rule with three keywords
        let rules = [F.rule("Pagos", F.keywords("Tarjeta", "efectivo", "MercadoPago"))]

        // When a message has two of them
        let match = AutoReplyMatcher(rules: rules).match(
            "¿aceptan mercadopago o tarjeta?", numberID: nil, at: F.tuesdayAfternoon, timeZone: F.buenosAires)

        // Then the reason names those two, in the rule's order and spelling
        #expect(match?.reason == AutoReplyReason(.keywordsFound, ["“Tarjeta”, “MercadoPago”"]))
        #expect(match?.reason.message == "Found “Tarjeta”, “MercadoPago”")
    }

    @Test func noRuleAnswersChatter() {
        // Given common rules / When a message has none of their words / Then nothing answers
        let rules = [F.rule("Turnos", F.keywords("turno")), F.rule("Saludo", .greeting)]
        #expect(F.answer(rules, "estoy llegando, 5 minutos") == nil)
    }

    @Test func countingAHitUpdatesTheCounters() {
        // Given a fresh rule
        var rule = F.rule("Turnos", F.keywords("turno"))

        // When it answers twice / Then the counters show it
        rule.recordHit(at: F.created)
        rule.recordHit(at: F.tuesdayAfternoon)
        #expect(rule.hits == 2)
        #expect(rule.lastHitAt == F.tuesdayAfternoon)
    }
}
