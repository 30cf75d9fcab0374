/// Whether a message is small talk — a greeting, thanks or goodbye and (almost) nothing else — and which.
///
/// The rule: find the greeting, thanks and goodbye phrases (longest first), then drop them, courtesy
/// ("por favor"), filler words (articles, pronouns, "ok", "doctora"…), laughter and everything that is not
/// a letter or digit (punctuation, emoji). The message is small talk when at most `maximumExtraWords` words
/// are left and none of them asks for something: no request word ("quiero", "precio", "tienen"…) and no
/// question mark next to them. So "Hola buen día 😊", "hola Juan!!" and "gracias por todo" are small talk,
/// while "hola, quiero un turno para el martes" and "buenas, precio?" are requests for the real answer.
public struct SocialReading: Sendable, Hashable {
    /// Words allowed besides the phrases: a name ("hola Juan Pérez"), a short aside. More is a real message.
    public static let maximumExtraWords = 2

    /// The phrases found for each intent, as listed in `SocialIntent.phrases`, in message order.
    public let phrases: [SocialIntent: [String]]
    /// Words left once phrases, courtesy, fillers and laughter are removed.
    public let extraWords: [String]
    /// A left-over word is a request word, or the message asks a question beyond the phrases.
    public let asksSomething: Bool

    public init(_ text: String) {
        self.init(MessageWords(text))
    }

    init(_ message: MessageWords) {
        let scan = Self.table.scan(SmallTalkWords.chatWords(message.words))
        var phrases: [SocialIntent: [String]] = [:]
        for entry in scan.found {
            if case .social(let intent) = entry.tag { phrases[intent, default: []].append(entry.text) }
        }
        self.phrases = phrases
        extraWords = scan.rest.filter { !SmallTalkWords.fillers.contains($0) }
        asksSomething =
            extraWords.contains { SmallTalkWords.requestWords.contains($0) } || (message.asksQuestion && !extraWords.isEmpty)
    }

    /// A greeting, thanks or goodbye was found and nothing else of substance.
    public var isSmallTalk: Bool {
        !phrases.isEmpty && extraWords.count <= Self.maximumExtraWords && !asksSomething
    }

    /// The message is small talk and includes `intent` ("hola, gracias!" is both a greeting and thanks).
    public func says(_ intent: SocialIntent) -> Bool {
        isSmallTalk && phrases[intent] != nil
    }

    /// Every phrase the detectors skip over: greetings, thanks, goodbyes and courtesy.
    static let socialPhrases: [(text: String, tag: PhraseRole)] =
        SocialIntent.allCases.flatMap { intent in intent.phrases.map { (text: $0, tag: PhraseRole.social(intent)) } }
        + SmallTalkWords.courtesyPhrases.map { (text: $0, tag: PhraseRole.courtesy) }

    private static let table = PhraseTable(socialPhrases)
}
