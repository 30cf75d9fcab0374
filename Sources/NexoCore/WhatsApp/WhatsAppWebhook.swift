import Foundation

/// One WhatsApp Cloud API webhook delivery: every message, status and error it holds, in the order Meta sent them.
///
/// Meta batches up to 1000 updates in one POST (several entries, changes, messages or statuses) and retries a
/// delivery it thinks failed, so handlers must be idempotent by message id. Verify the `X-Hub-Signature-256` over the
/// raw bytes before parsing: this type trusts its input.
public struct WhatsAppWebhook: Sendable, Hashable {
    /// An error Meta reports for a whole change (`value.errors`), with the number it concerns.
    public struct ChannelError: Sendable, Hashable {
        public let phoneNumberID: String
        public let error: WhatsAppErrorReport

        public init(phoneNumberID: String, error: WhatsAppErrorReport) {
            self.phoneNumberID = phoneNumberID
            self.error = error
        }
    }

    public let messages: [InboundMessage]
    public let statuses: [MessageStatusUpdate]
    public let errors: [ChannelError]
    /// What was passed over and why ("entry[0].changes[1]: field \"account_update\" is not read"), for the logs:
    /// other subscribed fields, and updates too broken to act on (a message without an id).
    public let skipped: [String]

    public init(
        messages: [InboundMessage] = [], statuses: [MessageStatusUpdate] = [], errors: [ChannelError] = [],
        skipped: [String] = []
    ) {
        self.messages = messages
        self.statuses = statuses
        self.errors = errors
        self.skipped = skipped
    }

    /// Reads a webhook POST body.
    ///
    /// Throws only when the body is not JSON, not an object, or not for `whatsapp_business_account`. Inside, unknown
    /// fields are ignored, changes to fields other than `messages` and unreadable updates are listed in `skipped`, and
    /// message types we do not know become `.unsupported` content.
    public static func parse(_ body: Data) throws(WhatsAppPayloadError) -> WhatsAppWebhook {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw .invalidJSON
        }
        guard let delivery = GraphObject(root) else { throw .unexpectedShape("the body is not a JSON object") }
        let object = delivery.string("object")
        guard object == "whatsapp_business_account" else { throw .notWhatsApp(object: object) }
        if delivery.members["entry"] != nil && delivery.array("entry") == nil {
            throw .unexpectedShape("\"entry\" is not a list")
        }

        var reader = DeliveryReader()
        for (entryIndex, entry) in (delivery.array("entry") ?? []).enumerated() {
            reader.read(entry: entry, at: "entry[\(entryIndex)]")
        }
        return WhatsAppWebhook(
            messages: reader.messages, statuses: reader.statuses, errors: reader.errors, skipped: reader.skipped)
    }
}
