/// Recognises a customer asking for a person ("humano", "hablar con una persona", "falar com atendente").
///
/// Matched like `ConsentWithdrawal`, but one extra word is allowed: handing a chat to a person by mistake
/// costs little, while keeping a customer who asked for one stuck with the bot costs the customer.
/// "el agente de viajes me dijo que mañana" still stays with the bot: three words are left.
public struct HumanHandOffRequest: Sendable {
    public static let defaultPhrases = [
        // Spanish
        "humano", "un humano", "persona", "una persona", "hablar con una persona", "hablar con alguien",
        "persona real", "persona de verdad", "agente", "operador", "operadora", "asesor", "asesora",
        "atención al cliente", "servicio al cliente", "representante", "ejecutivo", "ejecutiva",
        // English
        "human", "talk to a human", "real person", "a person", "agent", "representative", "customer service",
        "customer support", "operator",
        // Portuguese
        "atendente", "falar com atendente", "falar com uma pessoa", "pessoa real", "atendimento humano",
    ]

    /// Words that may stand next to the phrase without making it something else.
    static let companions = [
        "quiero", "quisiera", "queria", "necesito", "puedo", "podria", "podes", "pueden", "me", "con", "un",
        "una", "el", "la", "al", "a", "alguien", "algun", "alguna", "hay", "ahi", "hablar", "habla", "pasas",
        "pasan", "pasame", "pasen", "comunicar", "comunicarme", "comunicame", "comunican", "derivar", "derivame",
        "contactar", "real", "de", "verdad", "i", "want", "to", "talk", "speak", "with", "an", "can", "could",
        "eu", "quero", "preciso", "falar", "com", "um", "uma", "pode", "passar", "alguem",
    ]

    /// The phrases it listens for, as given.
    public let phrases: [String]
    private let detector: WholeMessagePhrase

    public init(phrases: [String] = Self.defaultPhrases) {
        self.phrases = phrases
        detector = WholeMessagePhrase(phrases: phrases, companions: Self.companions, allowedExtraWords: 1)
    }

    /// The phrase, as listed, with which the message asks for a person; nil when it does not.
    public func phrase(in text: String) -> String? { detector.phrase(in: text) }
}
