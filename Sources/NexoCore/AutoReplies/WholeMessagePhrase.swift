/// Finds a phrase that is the whole point of a message, for the detectors whose mistakes are costly
/// (withdrawing consent, handing over to a person): the phrase must be there, and once it, greetings,
/// thanks, courtesy and the detector's `companions` are taken out, at most `allowedExtraWords` words may
/// remain. "STOP" and "baja por favor" withdraw consent; "no pares, stop motion" and "la fiebre no baja"
/// leave other words behind and do not.
struct WholeMessagePhrase: Sendable {
    let allowedExtraWords: Int
    private let companions: Set<String>
    private let table: PhraseTable<PhraseRole>

    init(phrases: [String], companions: [String], allowedExtraWords: Int) {
        self.allowedExtraWords = allowedExtraWords
        self.companions = SmallTalkWords.squeezedSet(companions)
        // Targets first: between phrases of the same length, the one looked for wins.
        table = PhraseTable(phrases.map { (text: $0, tag: PhraseRole.target) } + SocialReading.socialPhrases)
    }

    /// The first target phrase, as listed, when the message is about it; nil otherwise.
    func phrase(in text: String) -> String? {
        let scan = table.scan(SmallTalkWords.chatWords(MessageWords(text).words))
        guard let target = scan.found.first(where: { $0.tag == .target }) else { return nil }
        let extra = scan.rest.filter { !companions.contains($0) }
        return extra.count <= allowedExtraWords ? target.text : nil
    }
}
