import Foundation
import Testing

@testable import NexoCore

@Suite struct EncodedWordTests {
    @Test func mostlyASCIITextUsesQEncoding() {
        #expect(EncodedWord.encode("¡Mañana a las 10!") == ["=?UTF-8?Q?=C2=A1Ma=C3=B1ana_a_las_10!?="])
    }

    @Test func emojiTextUsesBEncoding() {
        #expect(EncodedWord.encode("🦷🎉") == ["=?UTF-8?B?8J+mt/Cfjok=?="])
    }

    @Test func qEncodingEscapesCharactersSpecialInPhrases() {
        #expect(EncodedWord.encode("a=b?c_d,e\"", as: .q) == ["=?UTF-8?Q?a=3Db=3Fc=5Fd=2Ce=22?="])
    }

    @Test(arguments: [
        String(repeating: "ñ", count: 120),
        String(repeating: "🎉", count: 40),
        String(repeating: "Confirmá tu turno del miércoles. ", count: 8),
        "👨‍👩‍👧‍👦" + String(repeating: "e\u{301}", count: 50),
    ])
    func longTextSplitsIntoWordsOfAtMost75Characters(text: String) {
        let words = EncodedWord.encode(text)
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= EncodedWord.maximumLength })
    }

    @Test func firstWordRespectsTheRoomLeftOnTheHeaderLine() {
        let words = EncodedWord.encode(String(repeating: "ñ", count: 60), firstMaximum: 40)
        #expect(words[0].count <= 40)
        #expect(words.dropFirst().allSatisfy { $0.count <= EncodedWord.maximumLength })
    }

    @Test(arguments: [
        String(repeating: "ñ", count: 120), String(repeating: "🎉", count: 40), "👨‍👩‍👧‍👦🇦🇷🇲🇽", "Día del niño — 50% off",
    ])
    func everyWordHoldsWholeCharacters(text: String) {
        for word in EncodedWord.encode(text) {
            #expect(String(bytes: MailDecoding.encodedWordBytes(word), encoding: .utf8) != nil)
        }
    }

    @Test(arguments: [
        "¡Tu turno es mañana! 🦷", String(repeating: "Ñandú ", count: 30), "🇦🇷🇲🇽🇨🇴 e\u{301}", "tab\tand  spaces ",
        "e" + String(repeating: "\u{301}", count: 80),
    ])
    func wordsDecodeBackToTheText(text: String) {
        #expect(MailDecoding.encodedWords(EncodedWord.encode(text)) == text)
    }
}
