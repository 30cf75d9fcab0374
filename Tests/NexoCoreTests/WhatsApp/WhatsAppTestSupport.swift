import Foundation

@testable import NexoCore

/// Builds small webhook bodies around the part a test is about.
enum WhatsAppTestSupport {
    static let metadata = #"{"display_phone_number":"15550783881","phone_number_id":"106540352242922"}"#

    /// A delivery with one entry holding one `messages` change per value.
    static func delivery(values: [String]) -> Data {
        let changes = values.map { #"{"field":"messages","value":\#($0)}"# }.joined(separator: ",")
        return Data(#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[\#(changes)]}]}"#.utf8)
    }

    /// A change value with our number's metadata and the given members.
    static func value(_ members: String) -> String {
        #"{"messaging_product":"whatsapp","metadata":\#(metadata),\#(members)}"#
    }

    /// The one message of a delivery holding `message` from Sheena.
    static func message(_ message: String) throws -> InboundMessage {
        let members = #""contacts":[{"profile":{"name":"Sheena"},"wa_id":"16505551234"}],"messages":[\#(message)]"#
        let webhook = try WhatsAppWebhook.parse(delivery(values: [value(members)]))
        guard webhook.messages.count == 1, let first = webhook.messages.first else {
            throw ExpectedOneMessage(count: webhook.messages.count)
        }
        return first
    }

    /// The content of `message` sent with `type` and its part (`"text":{"body":"hola"}`).
    static func content(type: String, _ part: String) throws -> InboundContent {
        try message(#"{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"\#(type)",\#(part)}"#)
            .content
    }

    struct ExpectedOneMessage: Error {
        let count: Int
    }

    /// JSON text as a value, so tests compare structure and not formatting.
    static func json(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }
}
