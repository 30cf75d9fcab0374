/// Fixed phrases looked up word by word in a message, longest first, so "muchas gracias" is read whole
/// rather than as "muchas" and "gracias", and "no quiero recibir más" before its "no".
///
/// Phrases and message words are both folded, cut into words and squeezed (`MessageWords.squeezed`).
struct PhraseTable<Tag: Hashable & Sendable>: Sendable {
    struct Entry: Sendable, Hashable {
        /// The phrase as listed, for reasons shown to people.
        let text: String
        let words: [String]
        let tag: Tag
    }

    /// What a scan found: the phrases in message order, and the words no phrase covered.
    struct Scan: Sendable {
        var found: [Entry] = []
        var rest: [String] = []
    }

    private let entriesByFirstWord: [String: [Entry]]

    /// Earlier entries win between phrases of the same length, so callers list the phrases they look for first.
    init(_ phrases: [(text: String, tag: Tag)]) {
        var table: [String: [(order: Int, entry: Entry)]] = [:]
        for (order, phrase) in phrases.enumerated() {
            let words = MessageWords.words(of: phrase.text).map(MessageWords.squeezed)
            guard let first = words.first else { continue }
            table[first, default: []].append((order, Entry(text: phrase.text, words: words, tag: phrase.tag)))
        }
        entriesByFirstWord = table.mapValues { entries in
            entries.sorted { ($0.entry.words.count, -$0.order) > ($1.entry.words.count, -$1.order) }.map(\.entry)
        }
    }

    /// Reads squeezed `words` left to right, taking at each place the longest phrase that starts there.
    func scan(_ words: [String]) -> Scan {
        var scan = Scan()
        var index = 0
        while index < words.count {
            let entry = entriesByFirstWord[words[index]]?.first { entry in
                index + entry.words.count <= words.count
                    && zip(entry.words, words[index...]).allSatisfy { $0 == $1 }
            }
            if let entry {
                scan.found.append(entry)
                index += entry.words.count
            } else {
                scan.rest.append(words[index])
                index += 1
            }
        }
        return scan
    }
}
