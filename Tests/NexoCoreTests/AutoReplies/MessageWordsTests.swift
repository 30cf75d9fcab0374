import Testing

@testable import NexoCore

/// `MessageWords`: folded words cut at anything but letters and digits, the same on both folding paths.
@Suite struct MessageWordsTests {
    @Test func cutsFoldedTextAtAnythingButLettersAndDigits() {
        // Given a message with accents, punctuation, emoji and a number
        let message = MessageWords("¿Precio del BLANQUEAMIENTO?? 2x1 😊 ¡Sí! São")

        // Then the words are folded and the flags noted
        #expect(message.words == ["precio", "del", "blanqueamiento", "2x1", "si", "sao"])
        #expect(message.asksQuestion)
        #expect(message.hasDigit)
        #expect(!message.hasNonASCIILetter)
    }

    @Test func decomposedAccentsStayInsideTheirWord() {
        // Given "día" typed with a combining accent / Then it is one word, as folding the whole text gives
        #expect(MessageWords("di\u{301}a").words == ["dia"])
    }

    @Test func theLatinShortcutCutsLikeFoldingTheWholeText() {
        // Given random texts mixing ASCII, accents, combining marks, emoji with joiners and skin tones,
        // whole-character folds, other scripts and digits
        let pool =
            Array(
                "aZ09 ?¿¡!.,-_@/ñÑáÉíÓúÜçÇãõâêôàèìòùÀÈßẞæÆøØłŁœıİſ\u{301}\u{303}\u{327}\u{200D}\u{FE0F}\u{A0}\u{AD}"
                    .unicodeScalars)
            + ["😊", "👍", "🏻", "❤", "🇦", "🇷", "П", "ж", "ω", "Σ", "١", "٢", "ﬁ", "Ａ", "K", "ǅ", "ŉ", "ĳ", "\u{37E}", "Ⅻ", "Ⓐ"]
            .flatMap(\.unicodeScalars)
        var random = SeededRandom(seed: 7)

        // When cut through the shortcut and through SearchText.fold of the whole text
        for _ in 0..<2_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<(1 + random.below(12)) { scalars.append(pool[random.below(pool.count)]) }
            let text = String(scalars)
            let fast = MessageWords(text)
            let whole = MessageWords(foldingWhole: text)

            // Then words and flags agree
            #expect(fast.words == whole.words, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(fast.hasNonASCIILetter == whole.hasNonASCIILetter)
            #expect(fast.asksQuestion == whole.asksQuestion)
            #expect(fast.hasDigit == whole.hasDigit)
        }
    }
}
