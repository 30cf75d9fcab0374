/// An interactive message with up to 3 reply buttons ("Confirmar", "Cambiar", "Cancelar"); a tap comes back as
/// `InboundContent.interactiveButtonReply` with the button's id.
public struct ReplyButtonsMessage: Sendable, Hashable {
    public struct Button: Sendable, Hashable {
        /// Comes back on the tap; unique within the message.
        public var id: String
        /// At most 20 characters.
        public var title: String

        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    public var header: InteractiveHeader?
    /// At most 1024 characters.
    public var body: String
    /// At most 60 characters.
    public var footer: String?
    /// 1 to 3.
    public var buttons: [Button]

    public init(body: String, buttons: [Button], header: InteractiveHeader? = nil, footer: String? = nil) {
        self.header = header
        self.body = body
        self.footer = footer
        self.buttons = buttons
    }
}
