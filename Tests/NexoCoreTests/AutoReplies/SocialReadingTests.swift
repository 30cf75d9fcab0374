import Testing

@testable import NexoCore

/// `SocialReading`: a message is a greeting, thanks or goodbye when it is (almost) only that.
@Suite struct SocialReadingTests {
    @Test(arguments: [
        "hola!!", "Hola buen día 😊", "holaaa", "Buenas tardes doctora", "buenas", "Hola, ¿cómo estás?",
        "hola Juan Pérez", "Oi, tudo bem?", "bom dia!", "Olá", "hi there", "Good morning!", "hola?", "Qué tal, todo bien?",
    ])
    func greetingsAreSmallTalk(text: String) {
        // Given a message that only greets / When read / Then it says greeting
        #expect(SocialReading(text).says(.greeting))
    }

    @Test(arguments: [
        "hola, quiero un turno para el martes", "Hola! Cuánto sale la limpieza?", "buen día, tienen turnos?",
        "buenas, precio?", "Olá, gostaria de marcar uma consulta", "hi, how much is it?",
        "hola te escribo porque me duele la muela desde ayer", "ok", "holanda",
    ])
    func requestsWithAGreetingAreNotSmallTalk(text: String) {
        // Given a message that greets and asks, or does not greet / When read / Then it is not a greeting
        #expect(!SocialReading(text).says(.greeting))
    }

    @Test(arguments: [
        "gracias!!!", "Muchas gracias por todo 🙏", "mil gracias", "genial gracias", "gracias por la info",
        "Obrigada!", "valeu", "thank you so much", "thx", "Perfecto, muchas gracias doctora", "graciasss",
    ])
    func thanksAreSmallTalk(text: String) {
        // Given a message that only thanks / When read / Then it says thanks
        #expect(SocialReading(text).says(.thanks))
    }

    @Test(arguments: [
        "chau", "Chau, nos vemos!", "hasta luego", "adiós", "bye!", "see you later", "tchau", "até logo",
        "Buen fin de semana!", "chauuu",
    ])
    func goodbyesAreSmallTalk(text: String) {
        // Given a message that only says goodbye / When read / Then it says goodbye
        #expect(SocialReading(text).says(.goodbye))
    }

    @Test func aMessageCanBeSeveralKindsOfSmallTalkAtOnce() {
        // Given thanks and a goodbye together
        let reading = SocialReading("gracias, nos vemos el martes!")

        // Then it is both, the day being one allowed extra word
        #expect(reading.says(.thanks))
        #expect(reading.says(.goodbye))
        #expect(!reading.says(.greeting))
        #expect(reading.extraWords == ["martes"])
    }

    @Test func laughterAndEmojiAreIgnored() {
        // Given thanks buried in laughter and emoji
        let reading = SocialReading("jajaja graciass 😂😂 jsjs kkkk")

        // Then nothing else is left over
        #expect(reading.says(.thanks))
        #expect(reading.extraWords.isEmpty)
    }

    @Test func aQuestionBeyondThePhraseMakesItARequest() {
        // Given a greeting with one unknown word and a question mark
        let reading = SocialReading("hola, envíos?")

        // Then it asks something, although a single extra word is allowed
        #expect(reading.extraWords == ["envios"])
        #expect(reading.asksSomething)
        #expect(!reading.isSmallTalk)
    }

    @Test func moreThanTwoExtraWordsIsARealMessage() {
        // Given thanks followed by a complaint
        let reading = SocialReading("gracias pero el precio me parece caro")

        // Then the words left over are more than small talk
        #expect(reading.extraWords == ["pero", "precio", "parece", "caro"])
        #expect(!reading.says(.thanks))
    }
}
