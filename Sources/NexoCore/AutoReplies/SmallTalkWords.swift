/// Word lists shared by the whole-message detectors (`SocialReading`, `ConsentWithdrawal`,
/// `HumanHandOffRequest`): words that add nothing to what a short chat message asks for.
enum SmallTalkWords {
    /// Courtesy that may surround any phrase ("por favor", "please").
    static let courtesyPhrases = ["por favor", "porfa", "porfis", "plis", "please", "pls", "por gentileza", "por fa"]

    /// Words that leave a greeting, thanks or goodbye still "just small talk": articles, pronouns, interjections,
    /// ways of addressing people. Kept to words that never carry a request on their own.
    static let fillers: Set<String> = squeezedSet([
        // Spanish
        "a", "al", "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del", "y", "e", "o", "u",
        "con", "por", "para", "en", "tu", "su", "sus", "te", "le", "les", "me", "mi", "nos", "vos", "usted",
        "ustedes", "todo", "todos", "todas", "mucho", "muchos", "muchas", "muchisimas", "muy", "tan", "bueno",
        "buena", "bien", "ok", "okay", "oka", "okey", "dale", "si", "sip", "genial", "perfecto", "perfecta",
        "excelente", "listo", "lista", "super", "barbaro", "joya", "amigo", "amiga", "amigos", "amigas", "chicos",
        "chicas", "gente", "equipo", "senor", "senora", "senorita", "don", "dona", "doc", "doctor", "doctora",
        "dr", "dra", "che", "saludos", "saludo", "abrazo", "abrazos", "beso", "besos", "igualmente", "ah", "oh",
        "eh", "uh", "mm", "ay", "ya", "info", "informacion", "ayuda", "atencion", "respuesta",
        // English
        "the", "an", "and", "so", "very", "much", "you", "your", "all", "guys", "team", "great", "sir", "madam",
        "again", "for", "there", "everyone", "lot",
        // Portuguese
        "os", "as", "um", "uma", "muito", "muita", "voce", "voces", "vc", "vcs", "tudo", "pra", "com", "beleza",
        "blz", "pessoal", "senhor", "senhora", "querido", "querida", "abraco", "abracos", "beijo", "beijos",
    ])

    /// Words that turn small talk into a request: "hola, quiero un turno", "buen día, ¿tienen stock?".
    static let requestWords: Set<String> = squeezedSet([
        // Spanish
        "quiero", "quisiera", "queria", "necesito", "necesitaba", "necesitaria", "busco", "buscaba", "consulta",
        "consultar", "consulto", "consultarles", "pregunta", "preguntar", "pregunto", "preguntarles", "tienen",
        "tenes", "tiene", "tenian", "hay", "cuanto", "cuanta", "cuantos", "cuantas", "cuando", "donde", "como",
        "cual", "cuales", "puedo", "podria", "pueden", "podrian", "puede", "podes", "sale", "salen", "cuesta",
        "cuestan", "precio", "precios", "turno", "turnos", "cita", "reservar", "pedir", "comprar", "saber",
        // English
        "want", "need", "would", "like", "how", "where", "when", "what", "can", "could", "price", "book",
        "order", "buy", "know",
        // Portuguese
        "quero", "gostaria", "preciso", "quanto", "quanta", "onde", "quando", "qual", "tem", "posso", "pode",
        "marcar", "preco", "saber", "comprar",
    ])

    /// Message words ready for phrase lookup: laughter ("jajaja", "kkkk", "jsjs") dropped, the rest squeezed.
    static func chatWords(_ words: [String]) -> [String] {
        words.filter { !isLaughter($0) }.map(MessageWords.squeezed)
    }

    /// "jaja", "jejeje", "hahaha", "jsjs", "rsrs", "kkk", "xd", "lol": laughter carries no request.
    static func isLaughter(_ word: String) -> Bool {
        if word.count >= 3, word.allSatisfy({ $0 == "k" }) { return true }
        if ["xd", "lol", "lmao", "lmfao"].contains(word) { return true }
        let letters = Array(MessageWords.squeezed(word).unicodeScalars)
        guard letters.count >= 4 else { return false }
        let pair = String(String.UnicodeScalarView(letters[0..<2]))
        guard laughterPairs.contains(pair) else { return false }
        return letters.indices.allSatisfy { letters[$0] == letters[$0 % 2] }
    }

    private static let laughterPairs: Set<String> = ["ja", "je", "ji", "ha", "he", "hi", "js", "sj", "rs", "aj", "ah"]

    static func squeezedSet(_ words: [String]) -> Set<String> {
        Set(words.flatMap { MessageWords.words(of: $0) }.map(MessageWords.squeezed))
    }
}
