/// What a customer's message holds, by WhatsApp message type.
///
/// Meta adds types over time (orders, flows, system notices, …): any type or shape not modelled here arrives as
/// `.unsupported` with its raw JSON, never as an error, so the conversation still shows that something came in.
public enum InboundContent: Sendable, Hashable {
    case text(body: String)
    /// A tap on a reply button of an interactive message we sent.
    case interactiveButtonReply(id: String, title: String)
    /// A choice from a list message we sent.
    case interactiveListReply(id: String, title: String, description: String?)
    /// A tap on a quick-reply button of a template (type `button`); `payload` is what the template set.
    case templateButton(payload: String?, text: String)
    case image(InboundMedia)
    /// `isVoice` for a voice note recorded in the chat, false for a forwarded audio file.
    case audio(InboundMedia, isVoice: Bool)
    case video(InboundMedia)
    case document(InboundMedia, filename: String?)
    case sticker(InboundMedia)
    case location(SharedLocation)
    case contacts([SharedContact])
    /// A reaction to one of our messages; a nil emoji takes the reaction back.
    case reaction(messageID: String, emoji: String?)
    /// Meta's `unsupported`/`unknown` types, types added after this was written, and known types missing their
    /// required parts. `raw` is the whole message object.
    case unsupported(type: String, raw: JSONValue)
}
