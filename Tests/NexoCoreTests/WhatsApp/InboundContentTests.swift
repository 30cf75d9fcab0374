import Foundation
import Testing

@testable import NexoCore

@Suite struct InboundContentTests {
    private func content(_ type: String, _ part: String) throws -> InboundContent {
        try WhatsAppTestSupport.content(type: type, part)
    }

    private func fixture(_ body: Data) throws -> InboundContent {
        try #require(try WhatsAppWebhook.parse(body).messages.first).content
    }

    @Test func readsAnImageWithItsCaption() throws {
        // Given Meta's image message / When parsed / Then the media id, type, hash and caption are kept
        #expect(
            try fixture(WhatsAppFixtures.inboundImage)
                == .image(
                    InboundMedia(
                        id: "1003383421387256", mimeType: "image/jpeg",
                        sha256: "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=", caption: "Taj Mahal")))
    }

    @Test func readsAVoiceNote() throws {
        // Given Meta's audio message recorded in the chat / When parsed / Then it is a voice note
        #expect(
            try fixture(WhatsAppFixtures.inboundAudio)
                == .audio(
                    InboundMedia(
                        id: "1908647269898587", mimeType: "audio/ogg; codecs=opus",
                        sha256: "wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI="),
                    isVoice: true))
    }

    @Test func readsAnAudioFileAsNotAVoiceNote() throws {
        // Given an audio without the voice flag / When parsed / Then it is a plain audio file
        #expect(
            try content("audio", #""audio":{"id":"7","mime_type":"audio/mpeg"}"#)
                == .audio(
                    InboundMedia(id: "7", mimeType: "audio/mpeg"), isVoice: false))
    }

    @Test func readsATapOnAReplyButton() throws {
        // Given Meta's button reply / When parsed / Then the button's id and title are kept
        #expect(
            try fixture(WhatsAppFixtures.inboundButtonReply)
                == .interactiveButtonReply(id: "cancel-button", title: "Cancel"))
    }

    @Test func readsAChoiceFromAList() throws {
        // Given Meta's list reply / When parsed / Then the row's id, title and description are kept
        #expect(
            try fixture(WhatsAppFixtures.inboundListReply)
                == .interactiveListReply(
                    id: "priority_express", title: "Priority Mail Express", description: "Next Day to 2 Days"))
    }

    @Test func readsATapOnATemplatesQuickReplyButton() throws {
        // Given a template button tap (type "button") / When parsed / Then its payload and text are kept
        #expect(
            try content("button", #""button":{"payload":"STOP_PROMOS","text":"Dejar de recibir"}"#)
                == .templateButton(payload: "STOP_PROMOS", text: "Dejar de recibir"))
    }

    @Test func readsAVideo() throws {
        // Given a video with a caption / When parsed / Then it is a video
        #expect(
            try content("video", #""video":{"id":"9","mime_type":"video/mp4","caption":"mirá"}"#)
                == .video(InboundMedia(id: "9", mimeType: "video/mp4", caption: "mirá")))
    }

    @Test func readsADocumentWithItsFileName() throws {
        // Given a PDF / When parsed / Then the file name is kept beside the media
        #expect(
            try content("document", #""document":{"id":"5","mime_type":"application/pdf","filename":"factura.pdf"}"#)
                == .document(InboundMedia(id: "5", mimeType: "application/pdf"), filename: "factura.pdf"))
    }

    @Test func readsASticker() throws {
        // Given a sticker / When parsed / Then it is a sticker
        #expect(
            try content("sticker", #""sticker":{"id":"3","mime_type":"image/webp","animated":false}"#)
                == .sticker(InboundMedia(id: "3", mimeType: "image/webp")))
    }

    @Test func readsASharedLocation() throws {
        // Given a named place / When parsed / Then its coordinates, name and address are kept
        #expect(
            try content(
                "location", #""location":{"latitude":-34.6037,"longitude":-58.3816,"name":"Obelisco","address":"Av. 9 de Julio"}"#
            )
                == .location(
                    SharedLocation(latitude: -34.6037, longitude: -58.3816, name: "Obelisco", address: "Av. 9 de Julio")))
    }

    @Test func readsSharedContactCardsAsNamesAndPhones() throws {
        // Given a forwarded contact card with two phones and an e-mail
        let part = #"""
            "contacts":[{"name":{"formatted_name":"Lucía Gómez","first_name":"Lucía"},
            "phones":[{"phone":"+54 9 11 5555-1234","wa_id":"5491155551234","type":"CELL"},{"phone":"4444-5555","type":"HOME"}],
            "emails":[{"email":"lucia@example.com","type":"WORK"}]}]
            """#

        // When parsed / Then the card is reduced to simple values
        #expect(
            try content("contacts", part)
                == .contacts([
                    SharedContact(
                        name: "Lucía Gómez",
                        phones: [
                            .init(number: "+54 9 11 5555-1234", waID: "5491155551234", label: "CELL"),
                            .init(number: "4444-5555", label: "HOME"),
                        ],
                        emails: ["lucia@example.com"])
                ]))
    }

    @Test func namesASharedContactFromItsPartsWithoutAFormattedName() throws {
        // Given a card with only first and last names / When parsed / Then they are joined
        #expect(
            try content("contacts", #""contacts":[{"name":{"first_name":"Lucía","last_name":"Gómez"}}]"#)
                == .contacts([SharedContact(name: "Lucía Gómez")]))
    }

    @Test func readsAReaction() throws {
        // Given a thumbs up on one of our messages / When parsed / Then it names the message and the emoji
        #expect(
            try content("reaction", #""reaction":{"message_id":"wamid.OURS","emoji":"👍"}"#)
                == .reaction(messageID: "wamid.OURS", emoji: "👍"))
    }

    @Test func readsATakenBackReactionAsNoEmoji() throws {
        // Given a reaction removed (empty emoji) / When parsed / Then the emoji is nil
        #expect(
            try content("reaction", #""reaction":{"message_id":"wamid.OURS","emoji":""}"#)
                == .reaction(messageID: "wamid.OURS", emoji: nil))
    }

    @Test func keepsATypeItDoesNotKnowWithItsRawJSON() throws {
        // Given an order, a type not modelled here
        let message = #"{"from":"1","id":"m1","timestamp":"1","type":"order","order":{"catalog_id":"7","product_items":[]}}"#

        // When parsed / Then it is unsupported, not an error, and nothing of it is lost
        let content = try WhatsAppTestSupport.message(message).content
        #expect(content == .unsupported(type: "order", raw: try WhatsAppTestSupport.json(Data(message.utf8))))
    }

    @Test func keepsMetasUnsupportedMessagesWithTheirReason() throws {
        // Given what Meta sends for a message the API cannot pass on
        let message = try WhatsAppTestSupport.message(
            #"""
            {"from":"1","id":"m1","timestamp":"1","type":"unsupported",
            "errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}]}
            """#)

        // When parsed / Then the type is unsupported and Meta's reason is kept
        guard case .unsupported(let type, _) = message.content else {
            Issue.record("expected unsupported content, got \(message.content)")
            return
        }
        #expect(type == "unsupported")
        #expect(message.errors.map(\.code) == [131051])
        #expect(message.errors.first?.details == "Message type is currently not supported.")
    }

    @Test func keepsAKnownTypeMissingItsPartAsUnsupported() throws {
        // Given a text without a body / When parsed / Then it is unsupported rather than an empty text
        guard case .unsupported(let type, _) = try content("text", #""text":{}"#) else {
            Issue.record("expected unsupported content")
            return
        }
        #expect(type == "text")
    }

    @Test func keepsAFlowReplyAsUnsupportedInteractive() throws {
        // Given an interactive reply of a kind not modelled (a WhatsApp Flow's nfm_reply)
        let part = #""interactive":{"type":"nfm_reply","nfm_reply":{"response_json":"{}","body":"Sent"}}"#

        // When parsed / Then it is unsupported interactive content
        guard case .unsupported(let type, _) = try content("interactive", part) else {
            Issue.record("expected unsupported content")
            return
        }
        #expect(type == "interactive")
    }

    @Test(arguments: [
        (InboundContent.text(body: "precio?"), "precio?"),
        (.interactiveButtonReply(id: "yes", title: "Sí, confirmo"), "Sí, confirmo"),
        (.interactiveListReply(id: "r1", title: "Envío express", description: "24 h"), "Envío express"),
        (.templateButton(payload: "STOP", text: "BAJA"), "BAJA"),
        (.image(InboundMedia(id: "1", caption: "este modelo")), "este modelo"),
        (.video(InboundMedia(id: "1", caption: "así no anda")), "así no anda"),
        (.document(InboundMedia(id: "1", caption: "mi CV"), filename: "cv.pdf"), "mi CV"),
    ])
    func textForMatchingIsWhatTheCustomerWroteOrTapped(content: InboundContent, text: String) {
        // Given content with the customer's words / When read for rules / Then those words come out
        #expect(content.textForMatching == text)
    }

    @Test(arguments: [
        InboundContent.audio(InboundMedia(id: "1"), isVoice: true),
        .image(InboundMedia(id: "1")),
        .sticker(InboundMedia(id: "1")),
        .location(SharedLocation(latitude: 0, longitude: 0, name: "Casa")),
        .contacts([SharedContact(name: "Lucía")]),
        .reaction(messageID: "w", emoji: "👍"),
        .unsupported(type: "order", raw: .null),
    ])
    func textForMatchingIsNilWithoutTheCustomersWords(content: InboundContent) {
        // Given content without words of the customer's / When read for rules / Then there is no text
        #expect(content.textForMatching == nil)
    }

    @Test func choiceIDIsTheIDWeGaveWhatWasTapped() {
        // Given taps on a button, a list row and a template button / When routed / Then our ids come back
        #expect(InboundContent.interactiveButtonReply(id: "confirm", title: "Sí").choiceID == "confirm")
        #expect(InboundContent.interactiveListReply(id: "row-2", title: "B", description: nil).choiceID == "row-2")
        #expect(InboundContent.templateButton(payload: "STOP", text: "BAJA").choiceID == "STOP")
        #expect(InboundContent.text(body: "confirm").choiceID == nil)
    }
}
