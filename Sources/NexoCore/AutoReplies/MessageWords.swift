/// The words of a message as auto-replies see them: `SearchText.fold`ed (case, accents and extra spaces gone),
/// then cut at anything that is not a letter or a digit, so "¿Precio?", "precio!!" and "PRECIO 😊" are all
/// the word "precio". Keywords go through the same cut, which is what makes "whole word" well defined.
struct MessageWords: Sendable {
    /// Folded words in message order.
    let words: [String]
    /// `words` joined by single spaces, as UTF-8: what partial keywords and pattern literals are looked for in.
    let joined: [UInt8]
    /// A word holds a letter outside ASCII (Cyrillic, "ſ", "ﬁ"…) that folding did not bring back to a–z.
    let hasNonASCIILetter: Bool
    /// The text has "?" or "¿": a greeting with a question attached is a request, not small talk.
    let asksQuestion: Bool
    /// The text has a decimal digit (what `\d` matches), for the pattern prefilter.
    let hasDigit: Bool

    init(_ text: String) {
        var cutter = Cutter()
        if !Self.cutLatin(text, into: &cutter) {
            cutter = Cutter()
            for scalar in SearchText.fold(text).unicodeScalars { cutter.take(scalar) }
        }
        self.init(cutter)
    }

    /// The slow path only: `SearchText.fold`, then the cut. For tests comparing the two paths.
    init(foldingWhole text: String) {
        var cutter = Cutter()
        for scalar in SearchText.fold(text).unicodeScalars { cutter.take(scalar) }
        self.init(cutter)
    }

    private init(_ cutter: Cutter) {
        var cutter = cutter
        cutter.endWord()
        words = cutter.words
        joined = Self.joinedBytes(cutter.words)
        hasNonASCIILetter = cutter.nonASCII
        asksQuestion = cutter.question
        hasDigit = cutter.digit
    }

    /// Cuts folded text into words, scalar by scalar, noting what the flags need.
    private struct Cutter {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var nonASCII = false
        var question = false
        var digit = false

        mutating func take(_ scalar: Unicode.Scalar) {
            if MessageWords.isWordScalar(scalar) {
                if scalar.value >= 0x80 {
                    if scalar.properties.generalCategory == .decimalNumber { digit = true } else { nonASCII = true }
                } else if scalar.value <= 0x39 {
                    digit = true
                }
                word.append(scalar)
            } else {
                if scalar == "?" || scalar == "¿" { question = true }
                endWord()
            }
        }

        mutating func endWord() {
            if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
    }

    /// Folds scalar by scalar what `SearchText.fold` folds as a whole, for texts where the two give the same
    /// words: ASCII, Latin-1 and Latin Extended-A letters (each folded by `SearchText.fold` itself, once),
    /// combining accents (dropped, as folding drops them) and symbols such as emoji (word breaks either way).
    /// That is nearly every Spanish and Portuguese message, at a fraction of the cost of normalizing the whole
    /// text. Anything else — other scripts, digits outside ASCII, and the letters folding maps by whole
    /// character ("ß", "ø", "ł"…) — returns false, and the caller folds the whole text instead.
    private static func cutLatin(_ text: String, into cutter: inout Cutter) -> Bool {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                cutter.take((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            } else if (latinRange).contains(value) {
                guard let folded = latinFolds[Int(value - latinRange.lowerBound)] else { return false }
                for foldedScalar in folded.unicodeScalars { cutter.take(foldedScalar) }
                if folded.isEmpty { cutter.take(" ") }
            } else {
                let properties = scalar.properties
                if properties.generalCategory == .nonspacingMark { continue }
                if properties.isAlphabetic || properties.generalCategory == .decimalNumber { return false }
                cutter.take(" ")
            }
        }
        return true
    }

    private static let latinRange: ClosedRange<UInt32> = 0xA0...0x17F

    /// `SearchText.fold` of each scalar in `latinRange`; nil for letters it maps by whole character.
    private static let latinFolds: [String?] = latinRange.map { value in
        let scalar = Unicode.Scalar(value)!
        return wholeCharacterFolds.contains(scalar) ? nil : SearchText.fold(String(scalar))
    }

    /// Letters `SearchText.fold` maps by character ("ß" → "ss"), upper and lower case, so the result can
    /// depend on what follows them in the same character.
    private static let wholeCharacterFolds: Set<Unicode.Scalar> = Set("ßÆæÐðØøÞþĐđĦħıŁłŒœ".unicodeScalars)

    /// The words of a keyword or phrase, cut exactly like a message's.
    static func words(of phrase: String) -> [String] { MessageWords(phrase).words }

    static func joinedBytes(_ words: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for word in words {
            if !bytes.isEmpty { bytes.append(0x20) }
            bytes.append(contentsOf: word.utf8)
        }
        return bytes
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            // Folding has lower-cased the text already.
            return (0x61...0x7A).contains(scalar.value) || (0x30...0x39).contains(scalar.value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .decimalNumber
    }

    /// Runs of one letter collapsed ("holaaa" → "hola", "graciasss" → "gracias"), for the phrase lists only:
    /// people stretch words in chat, and the lists are squeezed the same way, so "hello" still meets "hello".
    static func squeezed(_ word: String) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in word.unicodeScalars where scalar != previous {
            result.append(scalar)
            previous = scalar
        }
        return String(result)
    }
}
