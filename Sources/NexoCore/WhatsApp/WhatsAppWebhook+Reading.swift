/// Walking a delivery's entries and changes, collecting what each `messages` change holds.
extension WhatsAppWebhook {
    struct DeliveryReader {
        private(set) var messages: [InboundMessage] = []
        private(set) var statuses: [MessageStatusUpdate] = []
        private(set) var errors: [ChannelError] = []
        private(set) var skipped: [String] = []

        mutating func read(entry value: JSONValue, at place: String) {
            guard let entry = GraphObject(value) else { return skip(place, "is not an object") }
            if entry.members["changes"] != nil && entry.array("changes") == nil {
                return skip(place, "has changes that are not a list")
            }
            for (index, change) in (entry.array("changes") ?? []).enumerated() {
                read(change: change, at: "\(place).changes[\(index)]")
            }
        }

        private mutating func read(change value: JSONValue, at place: String) {
            guard let change = GraphObject(value) else { return skip(place, "is not an object") }
            guard change.string("field") == "messages" else {
                return skip(place, "field \"\(change.string("field") ?? "")\" is not read")
            }
            guard let content = change.object("value") else { return skip(place, "has no value") }
            let metadata = content.object("metadata")
            guard let phoneNumberID = metadata?.id("phone_number_id") else {
                return skip(place, "has no metadata.phone_number_id")
            }
            let channel = Channel(
                phoneNumberID: phoneNumberID, displayPhoneNumber: metadata?.string("display_phone_number"),
                contacts: content.objects("contacts"))

            for (index, item) in (content.array("messages") ?? []).enumerated() {
                let itemPlace = "\(place).value.messages[\(index)]"
                guard let message = GraphObject(item), let id = message.id("id") else {
                    skip(itemPlace, "has no id")
                    continue
                }
                messages.append(channel.message(id: id, message))
            }
            for (index, item) in (content.array("statuses") ?? []).enumerated() {
                let itemPlace = "\(place).value.statuses[\(index)]"
                guard let status = GraphObject(item), let id = status.id("id"), let name = status.string("status") else {
                    skip(itemPlace, "has no id or status")
                    continue
                }
                statuses.append(channel.status(id: id, name: name, status))
            }
            for item in content.objects("errors") {
                guard let error = WhatsAppErrorReport(item) else { continue }
                errors.append(ChannelError(phoneNumberID: phoneNumberID, error: error))
            }
        }

        private mutating func skip(_ place: String, _ reason: String) {
            skipped.append("\(place): \(reason)")
        }
    }

    /// What one change's value says about every update in it: our number, and the senders' profiles.
    private struct Channel {
        let phoneNumberID: String
        let displayPhoneNumber: String?
        let contacts: [GraphObject]

        func message(id: String, _ message: GraphObject) -> InboundMessage {
            let contact = sender(of: message)
            let context = message.object("context")
            return InboundMessage(
                id: id, from: message.id("from") ?? contact?.id("wa_id"),
                fromUserID: message.id("from_user_id") ?? contact?.id("user_id"),
                profileName: contact?.object("profile")?.string("name"),
                username: contact?.object("profile")?.string("username") ?? contact?.string("username"),
                timestamp: message.time("timestamp"), phoneNumberID: phoneNumberID,
                displayPhoneNumber: displayPhoneNumber, repliedToMessageID: context?.id("id"),
                isForwarded: context?.bool("forwarded") == true || context?.bool("frequently_forwarded") == true,
                referral: message.object("referral").map(AdReferral.init), content: InboundContent(message: message),
                errors: message.objects("errors").compactMap(WhatsAppErrorReport.init))
        }

        func status(id: String, name: String, _ status: GraphObject) -> MessageStatusUpdate {
            MessageStatusUpdate(
                messageID: id, status: MessageStatusUpdate.Status(wireValue: name), timestamp: status.time("timestamp"),
                recipientID: status.id("recipient_id"), recipientUserID: status.id("recipient_user_id"),
                phoneNumberID: phoneNumberID, errors: status.objects("errors").compactMap(WhatsAppErrorReport.init),
                conversationID: status.object("conversation")?.id("id"),
                pricingCategory: status.object("pricing")?.string("category"))
        }

        /// The `contacts[]` entry of the message's sender: by phone, else by user id, else the only one there is when
        /// nothing in it contradicts the message.
        private func sender(of message: GraphObject) -> GraphObject? {
            if let from = message.id("from"), let contact = contacts.first(where: { $0.id("wa_id") == from }) {
                return contact
            }
            if let userID = message.id("from_user_id"),
                let contact = contacts.first(where: { $0.id("user_id") == userID })
            {
                return contact
            }
            guard contacts.count == 1, let only = contacts.first else { return nil }
            let samePhone = message.id("from") == nil || only.id("wa_id") == nil
            let sameUser = message.id("from_user_id") == nil || only.id("user_id") == nil
            return samePhone && sameUser ? only : nil
        }
    }
}
