/// The built-in triggers: small talk that deserves a canned answer in any tenant, in Spanish, English and
/// Portuguese. A message "is" one of them when it is (mostly) just that — see `SocialReading`.
public enum SocialIntent: String, Sendable, Hashable, Codable, CaseIterable {
    case greeting
    case thanks
    case goodbye

    /// The phrases that signal the intent, as people write them; matching folds, cuts and squeezes them
    /// like messages, so "buen día", "BUEN DIA" and "buen diaaa" are one phrase.
    public var phrases: [String] {
        switch self {
        case .greeting: Self.greetings
        case .thanks: Self.thanksPhrases
        case .goodbye: Self.goodbyes
        }
    }

    private static let greetings = [
        // Spanish
        "hola", "holaa", "holis", "holi", "buenas", "muy buenas", "buen día", "buenos días", "buenas tardes",
        "buenas noches", "qué tal", "que tal", "cómo estás", "cómo está", "cómo están", "cómo va", "cómo andás",
        "cómo andan", "cómo le va", "todo bien", "saludos cordiales", "hola qué tal", "buen dia", "hey",
        // English
        "hello", "hi", "hi there", "hey there", "good morning", "good afternoon", "good evening",
        "how are you", "how are you doing", "what's up", "howdy",
        // Portuguese
        "oi", "oie", "olá", "ola", "bom dia", "boa tarde", "boa noite", "tudo bem", "tudo bom", "e aí", "opa",
    ]

    private static let thanksPhrases = [
        // Spanish
        "gracias", "muchas gracias", "muchísimas gracias", "mil gracias", "genial gracias", "gracias totales",
        "te agradezco", "les agradezco", "se agradece", "agradecido", "agradecida", "muy amable", "muy amables",
        // English
        "thanks", "thank you", "thank you so much", "thanks a lot", "thx", "ty", "tks", "much appreciated",
        // Portuguese
        "obrigado", "obrigada", "muito obrigado", "muito obrigada", "brigado", "brigada", "valeu", "vlw",
        "agradeço",
    ]

    private static let goodbyes = [
        // Spanish
        "chau", "chao", "chaito", "adiós", "hasta luego", "hasta mañana", "hasta pronto", "hasta la próxima",
        "nos vemos", "nos hablamos", "que tengas buen día", "que tengan buen día", "buen fin de semana",
        // English
        "bye", "bye bye", "goodbye", "see you", "see you later", "see ya", "have a nice day", "take care",
        // Portuguese
        "tchau", "até logo", "até mais", "até amanhã", "até breve", "falou",
    ]
}
