import Foundation
import Testing

@testable import NexoCore

@Suite struct LeadgenNotificationTests {
    private func parse(_ json: String) throws(LeadgenPayloadError) -> [LeadgenNotification] {
        try LeadgenNotification.parse(Data(json.utf8))
    }

    private func delivery(_ changes: String, entryID: String = "1") -> String {
        #"{"object":"page","entry":[{"id":\#(entryID),"time":1,"changes":[\#(changes)]}]}"#
    }

    @Test func readsMetasExampleWithNumericIDs() throws {
        // Given Meta's documented webhook, ids as numbers / When parsed
        let notifications = try LeadgenNotification.parse(MetaLeadgenFixtures.webhook)

        // Then every id keeps its digits and the time is read as seconds since 1970
        #expect(
            notifications == [
                LeadgenNotification(
                    leadgenID: "123123123123", pageID: "123123123", formID: "12312312312", adID: "12312312312",
                    adgroupID: "12312312312", createdTime: Date(timeIntervalSince1970: 1_440_120_384))
            ])
    }

    @Test func readsIDsSentAsStrings() throws {
        // Given ids as strings / When parsed / Then they are kept as written
        let json = delivery(#"{"field":"leadgen","value":{"leadgen_id":"444","page_id":"555","form_id":"666"}}"#)
        let notification = try #require(try parse(json).first)
        #expect(notification.leadgenID == "444")
        #expect(notification.pageID == "555")
        #expect(notification.formID == "666")
        #expect(notification.adID == nil)
    }

    @Test func keepsEveryDigitOfLongNumericIDs() throws {
        // Given 17- and 19-digit ids as numbers, past what a Double holds exactly
        let json = delivery(
            #"{"field":"leadgen","value":{"leadgen_id":12345678901234567,"page_id":1234567890123456789}}"#)

        // When parsed / Then no digit is lost
        let notification = try #require(try parse(json).first)
        #expect(notification.leadgenID == "12345678901234567")
        #expect(notification.pageID == "1234567890123456789")
    }

    @Test func readsEveryEntryAndEveryLeadgenChangeInOrder() throws {
        // Given two entries, the first with two leads
        let json = """
            {"object":"page","entry":[
            {"id":"10","changes":[{"field":"leadgen","value":{"leadgen_id":1}},{"field":"leadgen","value":{"leadgen_id":2}}]},
            {"id":"20","changes":[{"field":"leadgen","value":{"leadgen_id":3,"page_id":21}}]}]}
            """

        // When parsed / Then the three leads come in order, each with its page
        let notifications = try parse(json)
        #expect(notifications.map(\.leadgenID) == ["1", "2", "3"])
        #expect(notifications.map(\.pageID) == ["10", "10", "21"])
    }

    @Test func ignoresChangesToOtherFields() throws {
        // Given a feed change, with a value of another shape, next to a lead
        let json = delivery(#"{"field":"feed","value":"a post"},{"field":"leadgen","value":{"leadgen_id":7}}"#)

        // When parsed / Then only the lead is read
        #expect(try parse(json).map(\.leadgenID) == ["7"])
    }

    @Test func takesThePageFromTheEntryWhenTheChangeHasNone() throws {
        // Given a lead without page_id / When parsed / Then the entry's id is the page
        let json = delivery(#"{"field":"leadgen","value":{"leadgen_id":7}}"#, entryID: "153125381133")
        #expect(try parse(json).first?.pageID == "153125381133")
    }

    @Test func readsAGraphTimeString() throws {
        // Given a created_time written as the Graph API writes times / When parsed / Then it is that instant
        let json = delivery(#"{"field":"leadgen","value":{"leadgen_id":7,"created_time":"2015-08-21T01:26:24+0000"}}"#)
        #expect(try parse(json).first?.createdTime == Date(timeIntervalSince1970: 1_440_120_384))
    }

    @Test func rejectsAWebhookForAnotherObject() {
        // Given an Instagram webhook / When parsed / Then it is not a page's
        #expect(throws: LeadgenPayloadError.notPage(object: "instagram")) {
            try parse(#"{"object":"instagram","entry":[]}"#)
        }
    }

    @Test func rejectsABodyThatIsNotJSON() {
        // Given a form-encoded body / When parsed / Then it is invalid JSON
        #expect(throws: LeadgenPayloadError.invalidJSON) { try parse("hub.mode=subscribe") }
    }

    @Test func rejectsABodyOfAnotherShape() {
        // Given an entry list that is not a list / When parsed / Then the error says where
        #expect(throws: LeadgenPayloadError.unexpectedShape("entry has another type than expected")) {
            try parse(#"{"object":"page","entry":{"id":1}}"#)
        }
    }

    @Test func rejectsALeadgenChangeWithoutItsID() {
        // Given a second change without leadgen_id
        let json = delivery(#"{"field":"leadgen","value":{"leadgen_id":1}},{"field":"leadgen","value":{"form_id":2}}"#)

        // When parsed / Then the error names the change
        #expect(throws: LeadgenPayloadError.missingLeadgenID(at: "entry[0].changes[1]")) { try parse(json) }
        #expect(
            LeadgenPayloadError.missingLeadgenID(at: "entry[0].changes[1]").message
                == "entry[0].changes[1] is a leadgen change without a leadgen_id.")
    }

    @Test func rejectsALeadgenChangeWithoutAnyPage() {
        // Given neither page_id nor an entry id / When parsed / Then the page is missing
        let json = #"{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":1}}]}]}"#
        #expect(throws: LeadgenPayloadError.missingPageID(at: "entry[0].changes[0]")) { try parse(json) }
    }
}
