/// Reading a webhook message object into its content.
extension InboundContent {
    /// Never fails: whatever cannot be read as a known type is `.unsupported` with the message's raw JSON.
    init(message: GraphObject) {
        let type = message.string("type") ?? "unknown"
        self = Self.known(type: type, message: message) ?? .unsupported(type: type, raw: message.json)
    }

    private static func known(type: String, message: GraphObject) -> InboundContent? {
        let part = message.object(type)
        switch type {
        case "text":
            return part?.string("body").map { .text(body: $0) }
        case "interactive":
            return part.flatMap(interactive)
        case "button":
            guard let part, let text = part.string("text") else { return nil }
            return .templateButton(payload: part.string("payload"), text: text)
        case "image":
            return part.flatMap(InboundMedia.init).map { .image($0) }
        case "audio":
            return part.flatMap(InboundMedia.init).map { .audio($0, isVoice: part?.bool("voice") ?? false) }
        case "video":
            return part.flatMap(InboundMedia.init).map { .video($0) }
        case "document":
            return part.flatMap(InboundMedia.init).map { .document($0, filename: part?.string("filename")) }
        case "sticker":
            return part.flatMap(InboundMedia.init).map { .sticker($0) }
        case "location":
            return part.flatMap(SharedLocation.init).map { .location($0) }
        case "contacts":
            let cards = message.objects("contacts").map(SharedContact.init)
            return cards.isEmpty ? nil : .contacts(cards)
        case "reaction":
            guard let part, let id = part.id("message_id") else { return nil }
            return .reaction(messageID: id, emoji: part.string("emoji"))
        default:
            return nil
        }
    }

    /// Button and list replies; other interactive replies (flows' `nfm_reply`, …) are unsupported for now.
    private static func interactive(_ part: GraphObject) -> InboundContent? {
        switch part.string("type") {
        case "button_reply":
            guard let reply = part.object("button_reply"), let id = reply.id("id"), let title = reply.string("title")
            else { return nil }
            return .interactiveButtonReply(id: id, title: title)
        case "list_reply":
            guard let reply = part.object("list_reply"), let id = reply.id("id"), let title = reply.string("title")
            else { return nil }
            return .interactiveListReply(id: id, title: title, description: reply.string("description"))
        default:
            return nil
        }
    }
}
