/// What a message we send holds.
public enum OutboundContent: Sendable, Hashable {
    /// At most 4096 characters; `previewURL` asks WhatsApp to render the first link's preview.
    case text(body: String, previewURL: Bool = false)
    case template(TemplateMessage)
    case buttons(ReplyButtonsMessage)
    case list(ListMessage)
    case media(OutboundMedia)

    /// Templates are the only content allowed outside the 24-hour window.
    public var isTemplate: Bool {
        if case .template = self { return true }
        return false
    }
}
