/// What automations read from a message.
extension InboundContent {
    /// The words a customer sent or tapped, for keyword rules ("BAJA", "precio"): a text's body, a button's or list
    /// row's title, a template button's text, a media caption. Nil for content without words of the customer's.
    public var textForMatching: String? {
        switch self {
        case .text(let body): body
        case .interactiveButtonReply(_, let title), .interactiveListReply(_, let title, _): title
        case .templateButton(_, let text): text
        case .image(let media), .video(let media), .document(let media, _): media.caption
        case .audio, .sticker, .location, .contacts, .reaction, .unsupported: nil
        }
    }

    /// The id we gave the button, list row or template button that was tapped: stable where titles get translated
    /// or edited, so routing should prefer it.
    public var choiceID: String? {
        switch self {
        case .interactiveButtonReply(let id, _), .interactiveListReply(let id, _, _): id
        case .templateButton(let payload, _): payload
        default: nil
        }
    }
}
