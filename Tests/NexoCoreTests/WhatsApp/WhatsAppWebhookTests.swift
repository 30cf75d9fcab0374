import Foundation
import Testing

@testable import NexoCore

@Suite struct WhatsAppWebhookTests {
    private typealias Support = WhatsAppTestSupport

    private func parse(_ values: String...) throws(WhatsAppPayloadError) -> WhatsAppWebhook {
        try WhatsAppWebhook.parse(Support.delivery(values: values))
    }

    private func error(_ body: String) -> WhatsAppPayloadError? {
        do {
            _ = try WhatsAppWebhook.parse(Data(body.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func readsMetasTextMessageWithItsSenderAndChannel() throws {
        // Given Meta's documented text message / When parsed
        let webhook = try WhatsAppWebhook.parse(WhatsAppFixtures.inboundText)

        // Then the message carries its id, sender, profile, time, our number and its text
        #expect(
            webhook.messages == [
                InboundMessage(
                    id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", from: "16505551234",
                    profileName: "Sheena Nelson", timestamp: Date(timeIntervalSince1970: 1_749_416_383),
                    phoneNumberID: "106540352242922", displayPhoneNumber: "15550783881",
                    content: .text(body: "Does it come in another color?"))
            ])
        #expect(webhook.statuses.isEmpty)
        #expect(webhook.skipped.isEmpty)
    }

    @Test func readsTheSignedBodyFromItsExactBytes() throws {
        // Given the signature test vector, kept byte for byte (426 bytes, no trailing newline, "á" escaped)
        let body = WhatsAppFixtures.signedBody
        #expect(body.count == 426)
        #expect(body.last == UInt8(ascii: "}"))
        #expect(String(decoding: body, as: UTF8.self).contains(#"Ol\u00e1"#))

        // When parsed / Then the escape reads as the letter
        let message = try #require(try WhatsAppWebhook.parse(body).messages.first)
        #expect(message.id == "wamid.TEST1")
        #expect(message.content == .text(body: "Olá"))
    }

    @Test func returnsEveryMessageOfABatchInOrder() throws {
        // Given two entries, the first with two changes, each change with messages
        func text(_ id: String) -> String {
            #"{"from":"1","id":"\#(id)","timestamp":"1","type":"text","text":{"body":"\#(id)"}}"#
        }
        func change(_ ids: [String]) -> String {
            #"{"field":"messages","value":\#(Support.value(#""messages":[\#(ids.map(text).joined(separator: ","))]"#))}"#
        }
        let body = """
            {"object":"whatsapp_business_account","entry":[
            {"id":"1","changes":[\(change(["m1", "m2"])),\(change(["m3"]))]},
            {"id":"2","changes":[\(change(["m4", "m5"]))]}]}
            """

        // When parsed / Then all five come in the order Meta sent them
        #expect(try WhatsAppWebhook.parse(Data(body.utf8)).messages.map(\.id) == ["m1", "m2", "m3", "m4", "m5"])
    }

    @Test func returnsStatusesOfABatchInOrderBesideItsMessages() throws {
        // Given a change with two statuses and another with a message
        let statuses = Support.value(
            #""statuses":[{"id":"w1","status":"delivered","timestamp":"2"},{"id":"w2","status":"read","timestamp":"3"}]"#)
        let messages = Support.value(
            #""messages":[{"from":"1","id":"m1","timestamp":"1","type":"text","text":{"body":"hola"}}]"#)

        // When parsed / Then each kind keeps its order
        let webhook = try parse(statuses, messages)
        #expect(webhook.statuses.map(\.messageID) == ["w1", "w2"])
        #expect(webhook.statuses.map(\.status) == [.delivered, .read])
        #expect(webhook.messages.map(\.id) == ["m1"])
    }

    @Test func refusesABodyThatIsNotJSON() {
        // Given a form post / When parsed / Then it is not JSON
        #expect(error("hub.mode=subscribe") == .invalidJSON)
    }

    @Test func refusesJSONThatIsNotAnObject() {
        // Given a JSON array / When parsed / Then its shape is refused
        #expect(error("[1,2]")?.code == "whatsapp.unexpected_shape")
    }

    @Test func refusesAWebhookForAnotherObject() {
        // Given a Page webhook sent to the WhatsApp endpoint / When parsed / Then it names the object it is for
        let failure = error(#"{"object":"page","entry":[]}"#)
        #expect(failure == .notWhatsApp(object: "page"))
        #expect(failure?.message.contains("\"page\"") == true)
    }

    @Test func refusesAWebhookWithoutObject() {
        // Given a body without "object" / When parsed / Then it is not a WhatsApp webhook
        #expect(error(#"{"entry":[]}"#) == .notWhatsApp(object: nil))
    }

    @Test func refusesAnEntryThatIsNotAList() {
        // Given "entry" as an object / When parsed / Then the shape is refused
        #expect(error(#"{"object":"whatsapp_business_account","entry":{}}"#)?.code == "whatsapp.unexpected_shape")
    }

    @Test func skipsChangesToOtherFieldsAndSaysWhich() throws {
        // Given an account update change, of another shape, before a message
        let body = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
            {"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}},
            {"field":"messages","value":\(Support.value(#""messages":[{"from":"1","id":"m1","timestamp":"1","type":"text","text":{"body":"hola"}}]"#))}]}]}
            """

        // When parsed / Then the message is read and the other change is only noted
        let webhook = try WhatsAppWebhook.parse(Data(body.utf8))
        #expect(webhook.messages.map(\.id) == ["m1"])
        #expect(webhook.skipped == [#"entry[0].changes[0]: field "account_update" is not read"#])
    }

    @Test func ignoresFieldsItDoesNotKnow() throws {
        // Given unknown members at every level
        let body = """
            {"object":"whatsapp_business_account","new":1,"entry":[{"id":"1","time":2,"changes":[{"field":"messages",
            "value":{"metadata":{"phone_number_id":"9","extra":true},"contacts":[],"novelty":[1],
            "messages":[{"from":"1","id":"m1","timestamp":"1","type":"text","text":{"body":"hola","x":1},"y":{}}]}}]}]}
            """

        // When parsed / Then the message is read as usual
        let webhook = try WhatsAppWebhook.parse(Data(body.utf8))
        #expect(webhook.messages.first?.content == .text(body: "hola"))
        #expect(webhook.skipped.isEmpty)
    }

    @Test func readsASenderKnownOnlyByBusinessScopedUserID() throws {
        // Given a 2026 message from a user with a username: a user id and no phone number anywhere
        let value = Support.value(
            #"""
            "contacts":[{"profile":{"name":"Ana","username":"@ana"},"user_id":"US.13491208655302741918"}],
            "messages":[{"from_user_id":"US.13491208655302741918","id":"m1","timestamp":"1","type":"text","text":{"body":"hola"}}]
            """#)

        // When parsed
        let message = try #require(try parse(value).messages.first)

        // Then the user id identifies the sender and no phone is invented
        #expect(message.from == nil)
        #expect(message.fromUserID == "US.13491208655302741918")
        #expect(message.profileName == "Ana")
        #expect(message.username == "@ana")
        #expect(message.senderNumber == nil)
    }

    @Test func takesTheUserIDFromTheSendersContactWhenTheMessageHasNone() throws {
        // Given a message with a phone, its contact carrying the user id
        let value = Support.value(
            #"""
            "contacts":[{"profile":{"name":"Ana"},"wa_id":"5491155551234","user_id":"AR.1"}],
            "messages":[{"from":"5491155551234","id":"m1","timestamp":"1","type":"text","text":{"body":"hola"}}]
            """#)

        // When parsed / Then both identifiers are on the message
        let message = try #require(try parse(value).messages.first)
        #expect(message.from == "5491155551234")
        #expect(message.fromUserID == "AR.1")
    }

    @Test func givesEachMessageItsOwnSendersName() throws {
        // Given two senders in one change, listed in the other order than their messages
        let value = Support.value(
            #"""
            "contacts":[{"profile":{"name":"Bruno"},"wa_id":"2"},{"profile":{"name":"Ana"},"wa_id":"1"}],
            "messages":[{"from":"1","id":"m1","timestamp":"1","type":"text","text":{"body":"a"}},
            {"from":"2","id":"m2","timestamp":"1","type":"text","text":{"body":"b"}}]
            """#)

        // When parsed / Then each name goes with its own message
        #expect(try parse(value).messages.map(\.profileName) == ["Ana", "Bruno"])
    }

    @Test func doesNotLendTheOnlyContactsNameToAnotherSender() throws {
        // Given a message whose sender differs from the one contact listed
        let value = Support.value(
            #""contacts":[{"profile":{"name":"Ana"},"wa_id":"1"}],"messages":[{"from":"2","id":"m1","timestamp":"1","type":"text","text":{"body":"a"}}]"#
        )

        // When parsed / Then the message has no profile name
        #expect(try parse(value).messages.first?.profileName == nil)
    }

    @Test func skipsAMessageWithoutIDAndKeepsTheRest() throws {
        // Given a message without an id between two good ones
        let value = Support.value(
            #"""
            "messages":[{"from":"1","id":"m1","timestamp":"1","type":"text","text":{"body":"a"}},
            {"from":"1","timestamp":"1","type":"text","text":{"body":"b"}},
            {"from":"1","id":"m3","timestamp":"1","type":"text","text":{"body":"c"}}]
            """#)

        // When parsed / Then the two good ones are read and the other is noted
        let webhook = try parse(value)
        #expect(webhook.messages.map(\.id) == ["m1", "m3"])
        #expect(webhook.skipped == ["entry[0].changes[0].value.messages[1]: has no id"])
    }

    @Test func skipsAChangeWithoutOurPhoneNumberID() throws {
        // Given a change with no metadata: no channel, so no tenant, to give it to
        let value = #"{"messages":[{"from":"1","id":"m1","timestamp":"1","type":"text","text":{"body":"a"}}]}"#

        // When parsed / Then nothing is read and the reason is noted
        let webhook = try parse(value)
        #expect(webhook.messages.isEmpty)
        #expect(webhook.skipped == ["entry[0].changes[0]: has no metadata.phone_number_id"])
    }

    @Test func readsErrorsReportedForAWholeChange() throws {
        // Given a change-level error
        let value = Support.value(
            #""errors":[{"code":131000,"title":"Something went wrong","message":"Something went wrong","error_data":{"details":"Unknown"}}]"#
        )

        // When parsed / Then it is reported with our number
        #expect(
            try parse(value).errors == [
                WhatsAppWebhook.ChannelError(
                    phoneNumberID: "106540352242922",
                    error: WhatsAppErrorReport(
                        code: 131000, title: "Something went wrong", message: "Something went wrong", details: "Unknown"))
            ])
    }

    @Test func readsWhichMessageAButtonReplyAnswers() throws {
        // Given Meta's button reply, quoting the message that held the buttons / When parsed
        let message = try #require(try WhatsAppWebhook.parse(WhatsAppFixtures.inboundButtonReply).messages.first)

        // Then the quoted message's id is kept
        #expect(message.repliedToMessageID == "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA")
        #expect(message.isForwarded == false)
    }

    @Test func readsTheAdACustomerCameFrom() throws {
        // Given a first message from a Click to WhatsApp ad
        let message = try Support.message(
            #"""
            {"from":"1","id":"m1","timestamp":"1","type":"text","text":{"body":"Quiero info"},
            "referral":{"source_url":"https://fb.me/x","source_id":"120","source_type":"ad","headline":"Promo","body":"50% off","ctwa_clid":"ARA"}}
            """#)

        // When parsed / Then the ad is the lead's source
        #expect(
            message.referral
                == AdReferral(
                    sourceURL: "https://fb.me/x", sourceID: "120", sourceType: "ad", headline: "Promo", body: "50% off",
                    clickID: "ARA"))
    }

    @Test func leavesAnUnreadableTimestampOutInsteadOfTheMessage() throws {
        // Given a message whose timestamp is not a number / When parsed / Then the message is kept without a time
        let message = try Support.message(
            #"{"from":"1","id":"m1","timestamp":"yesterday","type":"text","text":{"body":"a"}}"#)
        #expect(message.timestamp == nil)
        #expect(message.content == .text(body: "a"))
    }
}
