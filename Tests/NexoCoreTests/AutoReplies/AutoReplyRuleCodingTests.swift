import Foundation
import Testing

@testable import NexoCore

/// The JSON of rules: snake_case keys, tagged triggers and replies.
@Suite struct AutoReplyRuleCodingTests {
    typealias F = AutoReplyFixtures

    @Test func aKeywordRuleEncodesInSnakeCase() throws {
        // Given a keyword rule with a number scope
        let rule = F.rule(
            "Turnos", F.keywords("turno", "cita"), priority: 3, numberIDs: ["num-1"],
            id: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, reply: .text("Hola"))

        // When encoded / Then keys and the trigger are as documented
        #expect(
            try F.json(rule)
                == #"{"created_at":"2025-01-01T00:00:00Z","enabled":true,"hits":0,"id":"00000000-0000-0000-0000-000000000001","#
                + #""name":"Turnos","number_ids":["num-1"],"priority":3,"reply":{"text":"Hola","type":"text"},"#
                + #""trigger":{"match":"any","type":"keyword","whole_word":true,"words":["turno","cita"]}}"#)
    }

    @Test func everyKindOfRuleRoundTrips() throws {
        // Given rules with each trigger and reply kind, hours and counters
        var withHits = F.rule("Pedidos", .pattern(#"pedido\s*\d+"#), schedule: F.hours([1, 2], ("22:00", "06:00")))
        withHits.recordHit(at: F.tuesdayAfternoon)
        let rules = [
            withHits,
            F.rule(
                "Saludo", .greeting,
                reply: .buttons(body: "¡Hola!", buttons: [.init(id: "turno", title: "Pedir turno")])),
            F.rule(
                "Gracias", .thanks,
                reply: .list(
                    body: "¿Algo más?", buttonLabel: "Opciones",
                    sections: [.init(title: "Servicios", rows: [.init(id: "l", title: "Limpieza", description: "45 min")])])),
            F.rule("Chau", .goodbye, enabled: false),
            F.rule("Stems", F.keywords("ortodonc", match: .all, wholeWord: false)),
        ]

        // When encoded and decoded / Then they are unchanged
        for rule in rules {
            #expect(try F.decode(AutoReplyRule.self, try F.json(rule)) == rule)
        }
    }

    @Test func keywordMatchAndWholeWordHaveDefaults() throws {
        // Given a keyword trigger with only its words / When decoded / Then it is "any", whole words
        let trigger = try F.decode(AutoReplyTrigger.self, #"{"type":"keyword","words":["precio"]}"#)
        #expect(trigger == .keyword(words: ["precio"], match: .any, wholeWord: true))
    }

    @Test func unknownTriggerAndReplyTypesAreRefused() {
        // Given unknown types / When decoded / Then decoding fails
        #expect(throws: DecodingError.self) { try F.decode(AutoReplyTrigger.self, #"{"type":"sticker"}"#) }
        #expect(throws: DecodingError.self) { try F.decode(AutoReplyContent.self, #"{"type":"audio","text":"x"}"#) }
    }
}
