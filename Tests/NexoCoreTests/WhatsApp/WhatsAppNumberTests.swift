import Foundation
import Testing

@testable import NexoCore

@Suite struct WhatsAppNumberTests {
    private func number(_ waID: String) throws -> WhatsAppNumber {
        try #require(WhatsAppNumber(waID: waID))
    }

    @Test func givesArgentinasMobileTheSameKeyWithAndWithoutTheNine() throws {
        // Given the WhatsApp spelling (with 9) and the landline-looking one / When normalised
        let withNine = try number("5491155551234")
        let withoutNine = try number("541155551234")

        // Then both are the same line, and the 9 is kept for dialling
        #expect(withNine.matchKey == withoutNine.matchKey)
        #expect(withNine.e164 == "+5491155551234")
        #expect(withNine.phone.countryCode == "AR")
    }

    @Test func givesMexicosMobileTheSameKeyWithAndWithoutTheOldOne() throws {
        // Given the old mobile 1 and the 10-digit form / When normalised / Then both are +52 55…
        let withOne = try number("5215512345678")
        let withoutOne = try number("525512345678")
        #expect(withOne.matchKey == withoutOne.matchKey)
        #expect(withOne.e164 == "+525512345678")
    }

    @Test func givesBrazilsMobileTheSameKeyWithAndWithoutTheNinthDigit() throws {
        // Given an 8-digit mobile from before 2016 and its 9-digit form / When normalised / Then both are one line
        let nineDigits = try number("5511987654321")
        let eightDigits = try number("551187654321")
        #expect(nineDigits.matchKey == eightDigits.matchKey)
        #expect(eightDigits.e164 == "+5511987654321")
    }

    @Test func matchesAContactWhoseNumberWasTypedTheLocalWay() throws {
        // Given a contact typed "011 15 5555-1234" in Argentina and a WhatsApp message from that phone
        guard case .valid(let stored) = PhoneNumber.parse("011 15 5555-1234", defaultCountry: "AR") else {
            Issue.record("the stored number should parse")
            return
        }
        let message = try WhatsAppTestSupport.message(
            #"{"from":"5491155551234","id":"m1","timestamp":"1","type":"text","text":{"body":"hola"}}"#)

        // When the sender is normalised / Then it finds the contact
        #expect(message.senderNumber?.matchKey == stored.matchKey)
    }

    @Test func readsTheFixturesUSNumber() throws {
        // Given Meta's example sender / When normalised / Then it is a US number
        let sender = try number("16505551234")
        #expect(sender.e164 == "+16505551234")
        #expect(sender.phone.countryCode == "US")
        #expect(sender.isRecognized)
    }

    @Test func keepsANumberTheRulesDoNotKnowAsItsDigits() throws {
        // Given an Argentine number of a shape the rules refuse / When normalised
        let odd = try number("54123456")

        // Then it is kept as sent, matching only itself
        #expect(odd.isRecognized == false)
        #expect(odd.e164 == "+54123456")
        #expect(odd.matchKey == "+54123456")
    }

    @Test func refusesWhatIsNotAPhoneNumber() {
        // Given a business-scoped user id, a short code and a blank / When read as a WhatsApp id / Then none is a number
        #expect(WhatsAppNumber(waID: "US.13491208655302741918") == nil)
        #expect(WhatsAppNumber(waID: "12345") == nil)
        #expect(WhatsAppNumber(waID: " ") == nil)
    }

    @Test func makesAWhatsAppIDFromAStoredNumber() throws {
        // Given a stored E.164 number / When turned into a WhatsApp id / Then it is the digits without "+"
        guard case .valid(let stored) = PhoneNumber.parse("+54 9 11 5555-1234", defaultCountry: "AR") else {
            Issue.record("the stored number should parse")
            return
        }
        #expect(WhatsAppNumber(phone: stored).waID == "5491155551234")
    }
}
