import Testing

@testable import NexoCore

/// `ConsentWithdrawal`: strict whole-message matching, since a false positive loses a customer's consent.
@Suite struct ConsentWithdrawalTests {
    @Test(arguments: [
        ("STOP", "stop"), ("Stop!!", "stop"), ("BAJA", "baja"), ("baja por favor", "baja"),
        ("quiero darme de baja", "darme de baja"), ("No quiero recibir más mensajes", "no quiero recibir más mensajes"),
        ("Por favor no me manden más mensajes, gracias", "no me manden más"), ("unsubscribe", "unsubscribe"),
        ("Hola, dame de baja de esta lista", "dame de baja"), ("sair", "sair"),
        ("Não quero mais receber", "não quero mais receber"),
    ])
    func recognisesWithdrawals(text: String, phrase: String) {
        // Given a message that withdraws consent / When checked / Then the listed phrase is returned
        #expect(ConsentWithdrawal().phrase(in: text) == phrase)
    }

    @Test(arguments: [
        "no pares, stop motion", "stop motion", "la fiebre no baja", "¿baja el precio si pago en efectivo?",
        "hay que parar en la esquina", "¿Cómo hago para darme de baja del gimnasio y pagar lo que debo?", "hola",
    ])
    func wordsInsideSentencesDoNotWithdraw(text: String) {
        // Given a message where the word is part of something else / When checked / Then nothing is withdrawn
        #expect(ConsentWithdrawal().phrase(in: text) == nil)
    }

    @Test func tenantsCanListTheirOwnPhrases() {
        // Given a tenant's own list
        let withdrawal = ConsentWithdrawal(phrases: ["SALIR", "no más promos"])

        // When checked / Then only those phrases withdraw
        #expect(withdrawal.phrase(in: "salir") == "SALIR")
        #expect(withdrawal.phrase(in: "No más promos por favor") == "no más promos")
        #expect(withdrawal.phrase(in: "STOP") == nil)
    }
}
