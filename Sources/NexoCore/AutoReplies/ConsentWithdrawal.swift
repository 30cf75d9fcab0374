/// Recognises a customer withdrawing WhatsApp consent ("STOP", "BAJA", "no quiero recibir más").
///
/// Withdrawing by mistake loses a customer's consent, so the match is strict (`WholeMessagePhrase`):
/// the message must be the phrase, give or take courtesy, greetings and the `companions` below ("quiero",
/// "mensajes", "whatsapp"…), with no other word left. A stray "stop" or "baja" inside a sentence is left to
/// a person. Tenants may replace the phrase list; the strictness stays.
public struct ConsentWithdrawal: Sendable {
    public static let defaultPhrases = [
        // Spanish
        "stop", "baja", "dar de baja", "darme de baja", "dame de baja", "denme de baja", "me doy de baja",
        "no quiero recibir más", "no quiero recibir más mensajes", "no me escriban más", "no me escribas más",
        "no me manden más", "no me envíen más", "no más mensajes", "dejen de escribirme", "dejen de enviarme",
        "cancelar suscripción", "anular suscripción", "desuscribir", "desuscribirme", "parar", "basta",
        // English
        "unsubscribe", "opt out", "remove me", "stop messages", "stop sending",
        // Portuguese
        "sair", "pare", "parem", "descadastrar", "cancelar inscrição", "não quero mais receber",
        "não quero receber mais", "parar de receber",
    ]

    /// Words that may stand next to the phrase without making it something else.
    static let companions = [
        "quiero", "quisiera", "queria", "ya", "me", "de", "del", "la", "el", "los", "las", "a", "al", "mas",
        "mensajes", "mensaje", "whatsapp", "whatsapps", "wsp", "promociones", "promos", "publicidad", "ofertas",
        "novedades", "difusion", "lista", "este", "esta", "numero", "i", "want", "to", "messages", "eu", "quero",
        "mensagens", "da", "do", "mais", "todo", "todos",
    ]

    /// The phrases it listens for, as given.
    public let phrases: [String]
    private let detector: WholeMessagePhrase

    public init(phrases: [String] = Self.defaultPhrases) {
        self.phrases = phrases
        detector = WholeMessagePhrase(phrases: phrases, companions: Self.companions, allowedExtraWords: 0)
    }

    /// The phrase, as listed, with which the message withdraws consent; nil when it does not.
    public func phrase(in text: String) -> String? { detector.phrase(in: text) }
}
