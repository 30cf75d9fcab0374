import Testing

@testable import NexoCore

/// `HumanHandOffRequest`: a customer asking for a person, with one extra word of slack.
@Suite struct HumanHandOffRequestTests {
    @Test(arguments: [
        ("humano", "humano"), ("Quiero hablar con una persona", "hablar con una persona"), ("AGENTE!!", "agente"),
        ("me pasás con un asesor?", "asesor"), ("hay algún humano ahí?", "humano"),
        ("necesito atención al cliente por favor", "atención al cliente"), ("talk to a human", "talk to a human"),
        ("quero falar com atendente", "falar com atendente"), ("operador urgente", "operador"),
    ])
    func recognisesRequestsForAPerson(text: String, phrase: String) {
        // Given a message asking for a person / When checked / Then the listed phrase is returned
        #expect(HumanHandOffRequest().phrase(in: text) == phrase)
    }

    @Test(arguments: [
        "el agente de viajes me dijo que mañana", "soy asesora de ventas de una empresa",
        "la persona que me atendió fue muy amable", "hola, quiero un turno",
    ])
    func mentionsInPassingStayWithTheBot(text: String) {
        // Given a message that mentions a word in passing / When checked / Then no hand-off
        #expect(HumanHandOffRequest().phrase(in: text) == nil)
    }

    @Test func tenantsCanListTheirOwnPhrases() {
        // Given a tenant's own list
        let handOff = HumanHandOffRequest(phrases: ["recepción"])

        // When checked / Then only that phrase hands off
        #expect(handOff.phrase(in: "recepcion por favor") == "recepción")
        #expect(handOff.phrase(in: "humano") == nil)
    }
}
