import Foundation

/// What the Cloud API answered to `POST /{phone_number_id}/messages`.
///
/// Accepted means queued by Meta, not delivered: delivery comes later as status webhooks for `messageID`.
public enum SendResult: Sendable, Hashable {
    /// `messages[0].id` is the `wamid` that later statuses carry; `recipientWaID` is `contacts[0].wa_id` when sent.
    case accepted(messageID: String, recipientWaID: String?)
    case rejected(WhatsAppAPIError)

    public var messageID: String? {
        if case .accepted(let id, _) = self { return id }
        return nil
    }

    /// Reads an answer of any status. A 2xx without a message id is rejected as permanent rather than retried: the
    /// message may have gone out, and sending it twice is worse than asking a person.
    public static func parse(httpStatus: Int, body: Data) -> SendResult {
        if (200...299).contains(httpStatus),
            let root = GraphObject(try? JSONDecoder().decode(JSONValue.self, from: body)),
            let id = root.objects("messages").first?.id("id")
        {
            return .accepted(messageID: id, recipientWaID: root.objects("contacts").first?.id("wa_id"))
        }
        if let error = WhatsAppAPIError.parse(body, httpStatus: httpStatus) {
            return .rejected(error)
        }
        let message =
            (200...299).contains(httpStatus)
            ? "The answer has no message id; the message may or may not have been sent."
            : "The answer (HTTP \(httpStatus)) holds no Graph API error."
        return .rejected(WhatsAppAPIError(httpStatus: httpStatus, code: nil, message: message))
    }
}
