import Foundation

/// One message being matched, with what rules share computed at most once: its words, its word ids in the
/// matcher's vocabulary, the tenant's clock, and the small-talk reading.
struct AutoReplyQuery {
    let text: String
    let words: MessageWords
    /// `words` as vocabulary ids; -1 for words no keyword uses.
    let wordIDs: [Int32]
    let numberID: String?
    let date: Date
    let timeZone: TimeZone
    private var clockCache: WallClockReading?
    private var socialCache: SocialReading?

    init(_ text: String, vocabulary: [String: Int32], numberID: String?, date: Date, timeZone: TimeZone) {
        self.text = text
        self.words = MessageWords(text)
        self.wordIDs = vocabulary.isEmpty ? [] : words.words.map { vocabulary[$0] ?? -1 }
        self.numberID = numberID
        self.date = date
        self.timeZone = timeZone
    }

    var clock: WallClockReading {
        mutating get {
            if let clockCache { return clockCache }
            let reading = WallClockReading(date, in: timeZone)
            clockCache = reading
            return reading
        }
    }

    var social: SocialReading {
        mutating get {
            if let socialCache { return socialCache }
            let reading = SocialReading(words)
            socialCache = reading
            return reading
        }
    }
}
