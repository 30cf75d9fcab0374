import Foundation
import Testing

@testable import NexoCore

@Suite struct OutboundMessageTests {
    private func json(_ data: Data) throws -> JSONValue {
        try WhatsAppTestSupport.json(data)
    }

    private func json(_ text: String) throws -> JSONValue {
        try WhatsAppTestSupport.json(Data(text.utf8))
    }

    private func body(_ message: OutboundMessage) throws -> JSONValue {
        try json(message.requestBody())
    }

    @Test func buildsMetasTextRequest() throws {
        // Given a text with a link to preview
        let message = OutboundMessage(
            to: .phone("+16505551234"),
            content: .text(
                body: "As requested, here's the link to our latest product: https://www.meta.com/quest/quest-3/",
                previewURL: true))

        // When built / Then it is Meta's example
        #expect(try body(message) == json(WhatsAppFixtures.sendTextRequest))
    }

    @Test func buildsMetasTemplateRequest() throws {
        // Given a template with named body parameters
        let template = TemplateMessage(
            name: "reservation_confirmation", languageCode: "en_US",
            components: [.body([.text("4", name: "number_of_guests"), .text("Saturday", name: "day")])])

        // When built / Then it is Meta's example
        let message = OutboundMessage(to: .phone("16505551234"), content: .template(template))
        #expect(try body(message) == json(WhatsAppFixtures.sendTemplateRequest))
    }

    @Test func buildsMetasReplyButtonsRequest() throws {
        // Given two reply buttons with a footer
        let buttons = ReplyButtonsMessage(
            body:
                "Hi Pablo! Your gardening workshop is scheduled for 9am tomorrow. Use the buttons if you need to reschedule. Thank you!",
            buttons: [.init(id: "change-button", title: "Change"), .init(id: "cancel-button", title: "Cancel")],
            footer: "Lucky Shrub")

        // When built / Then it is Meta's example
        let message = OutboundMessage(to: .phone("16505551234"), content: .buttons(buttons))
        #expect(try body(message) == json(WhatsAppFixtures.sendButtonsRequest))
    }

    @Test func buildsMetasListRequest() throws {
        // Given a list with a text header and one section
        let list = ListMessage(
            body: "Which shipping option do you prefer?", buttonLabel: "Shipping Options",
            sections: [
                .init(
                    title: "I want it ASAP!",
                    rows: [.init(id: "priority_express", title: "Priority Mail Express", description: "Next Day to 2 Days")])
            ],
            header: "Choose Shipping Option")

        // When built / Then it is Meta's example
        let message = OutboundMessage(to: .phone("16505551234"), content: .list(list))
        #expect(try body(message) == json(WhatsAppFixtures.sendListRequest))
    }

    @Test func writesCompactJSONWithSortedKeys() throws {
        // Given a short text / When built / Then the body is one line with keys in order, the same every time
        let message = OutboundMessage(to: .phone("5491155551234"), content: .text(body: "Hola"))
        #expect(
            String(decoding: try message.requestBody(), as: UTF8.self)
                == #"{"messaging_product":"whatsapp","recipient_type":"individual","text":{"body":"Hola","preview_url":false},"to":"5491155551234","type":"text"}"#
        )
    }

    @Test func addressesACustomerKnownOnlyByUserID() throws {
        // Given a customer whose number WhatsApp does not share / When built / Then the user id goes in "recipient"
        let members = OutboundMessage(to: .userID("US.13491208655302741918"), content: .text(body: "Hola")).jsonValue
            .objectValue
        #expect(members?["recipient"] == .string("US.13491208655302741918"))
        #expect(members?["to"] == nil)
    }

    @Test func quotesTheMessageItAnswers() throws {
        // Given a reply to a customer's message / When built / Then the message is quoted in the context
        let message = OutboundMessage(to: .phone("1"), content: .text(body: "Sí"), replyingTo: "wamid.THEIRS")
        #expect(message.jsonValue.objectValue?["context"] == .object(["message_id": .string("wamid.THEIRS")]))
    }

    @Test func buildsAnImageByLinkWithACaption() throws {
        // Given an image by link / When built / Then the image part holds the link and caption
        let message = OutboundMessage(
            to: .phone("1"), content: .media(OutboundMedia(.image, .link("https://example.com/a.jpg"), caption: "Nuevo")))
        #expect(
            message.jsonValue
                == (try json(
                    #"{"messaging_product":"whatsapp","recipient_type":"individual","to":"1","type":"image","image":{"link":"https://example.com/a.jpg","caption":"Nuevo"}}"#
                )))
    }

    @Test func buildsADocumentByIDWithItsFileName() throws {
        // Given an uploaded PDF / When built / Then the document part holds the id and file name
        let message = OutboundMessage(
            to: .phone("1"), content: .media(OutboundMedia(.document, .id("1013859600285441"), filename: "factura.pdf")))
        #expect(
            message.jsonValue.objectValue?["document"]
                == .object(["id": .string("1013859600285441"), "filename": .string("factura.pdf")]))
        #expect(message.jsonValue.objectValue?["type"] == .string("document"))
    }

    @Test func buildsReplyButtonsUnderAPicture() throws {
        // Given buttons with an image header / When built / Then the header carries the image
        let buttons = ReplyButtonsMessage(
            body: "¿Lo querés?", buttons: [.init(id: "yes", title: "Sí")],
            header: .media(.image, .link("https://example.com/p.jpg")))
        let interactive = OutboundMessage(to: .phone("1"), content: .buttons(buttons)).jsonValue.objectValue?["interactive"]
        #expect(
            interactive?.objectValue?["header"]
                == (try json(#"{"type":"image","image":{"link":"https://example.com/p.jpg"}}"#)))
    }

    @Test func buildsTemplateHeaderAndButtonParameters() throws {
        // Given a template with an image header, positional body text, a quick reply and a URL button
        let template = TemplateMessage(
            name: "promo", languageCode: "es_AR",
            components: [
                .header([.media(.image, .id("55"))]), .body([.text("Ana")]),
                .quickReplyButton(index: 0, payload: "STOP"), .urlButton(index: 1, text: "abc123"),
            ])

        // When built / Then each component is in Meta's shape, button indexes as strings
        let expected = try json(
            #"""
            {"name":"promo","language":{"code":"es_AR"},"components":[
            {"type":"header","parameters":[{"type":"image","image":{"id":"55"}}]},
            {"type":"body","parameters":[{"type":"text","text":"Ana"}]},
            {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"STOP"}]},
            {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"abc123"}]}]}
            """#)
        #expect(OutboundMessage(to: .phone("1"), content: .template(template)).jsonValue.objectValue?["template"] == expected)
    }

    @Test func leavesOutTheComponentsOfATemplateWithoutParameters() throws {
        // Given a template without parameters / When built / Then there is no components list
        let template = TemplateMessage(name: "hello_world", languageCode: "en_US")
        #expect(
            OutboundMessage(to: .phone("1"), content: .template(template)).jsonValue.objectValue?["template"]
                == (try json(#"{"name":"hello_world","language":{"code":"en_US"}}"#)))
    }
}
