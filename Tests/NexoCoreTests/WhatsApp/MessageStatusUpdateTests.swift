import Foundation
import Testing

@testable import NexoCore

@Suite struct MessageStatusUpdateTests {
    private func status(_ body: Data) throws -> MessageStatusUpdate {
        try #require(try WhatsAppWebhook.parse(body).statuses.first)
    }

    @Test func readsASentStatusWithItsPricing() throws {
        // Given Meta's sent status / When parsed
        let update = try status(WhatsAppFixtures.statusSent)

        // Then it names the message, recipient, time, our number and the pricing category
        #expect(
            update
                == MessageStatusUpdate(
                    messageID: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=", status: .sent,
                    timestamp: Date(timeIntervalSince1970: 1_750_030_073), recipientID: "16505551234",
                    phoneNumberID: "106540352242922", pricingCategory: "marketing"))
    }

    @Test func readsAReadStatusForTheSameMessage() throws {
        // Given Meta's read status / When parsed / Then it is the read of the message the sent status was about
        let read = try status(WhatsAppFixtures.statusRead)
        #expect(read.status == .read)
        #expect(read.messageID == (try status(WhatsAppFixtures.statusSent)).messageID)
        #expect(read.timestamp == Date(timeIntervalSince1970: 1_750_030_190))
    }

    @Test func readsWhyAMessageFailed() throws {
        // Given Meta's failed status for a closed 24-hour window / When parsed
        let update = try status(WhatsAppFixtures.statusFailedWindow)

        // Then the error says a template is needed
        #expect(update.status == .failed)
        #expect(update.errors.map(\.code) == [131047])
        #expect(update.errors.first?.title?.hasPrefix("Message failed to send because more than 24 hours") == true)
        #expect(update.errors.first?.retry == .sendTemplateInstead)
    }

    @Test func keepsAStatusNameItDoesNotKnow() throws {
        // Given a status Meta may add later / When parsed / Then it is kept by name
        let value = WhatsAppTestSupport.value(#""statuses":[{"id":"w1","status":"deleted","timestamp":"1"}]"#)
        let webhook = try WhatsAppWebhook.parse(WhatsAppTestSupport.delivery(values: [value]))
        #expect(webhook.statuses.first?.status == .other("deleted"))
    }

    @Test func readsTheRecipientsBusinessScopedUserID() throws {
        // Given a 2026 status for a message sent to a user id, without a phone / When parsed
        let value = WhatsAppTestSupport.value(
            #""statuses":[{"id":"w1","status":"delivered","timestamp":"1","recipient_user_id":"US.1349"}]"#)
        let update = try #require(try WhatsAppWebhook.parse(WhatsAppTestSupport.delivery(values: [value])).statuses.first)

        // Then the user id is the recipient
        #expect(update.recipientID == nil)
        #expect(update.recipientUserID == "US.1349")
    }

    @Test func skipsAStatusWithoutItsMessageID() throws {
        // Given a status without an id / When parsed / Then it is noted, not read
        let value = WhatsAppTestSupport.value(#""statuses":[{"status":"read","timestamp":"1"}]"#)
        let webhook = try WhatsAppWebhook.parse(WhatsAppTestSupport.delivery(values: [value]))
        #expect(webhook.statuses.isEmpty)
        #expect(webhook.skipped == ["entry[0].changes[0].value.statuses[0]: has no id or status"])
    }

    @Test(arguments: ["sent", "delivered", "read", "failed", "played", "warning"])
    func writesAStatusBackAsMetaNamedIt(name: String) {
        // Given a status name / When read and written back / Then it is unchanged
        #expect(MessageStatusUpdate.Status(wireValue: name).wireValue == name)
    }
}
