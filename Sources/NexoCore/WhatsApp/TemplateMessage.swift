/// An approved message template, the only kind of message allowed outside the 24-hour window.
///
/// Meta checks the template and its parameters against what was approved; this only shapes the request.
public struct TemplateMessage: Sendable, Hashable {
    public enum Component: Sendable, Hashable {
        case header([Parameter])
        case body([Parameter])
        /// The payload that comes back as `InboundContent.templateButton` when the button at `index` is tapped.
        case quickReplyButton(index: Int, payload: String)
        /// The variable end of the URL of the button at `index`.
        case urlButton(index: Int, text: String)
    }

    public enum Parameter: Sendable, Hashable {
        /// `name` for templates with named parameters ("{{number_of_guests}}"), nil for positional ones ("{{1}}").
        case text(String, name: String? = nil)
        /// A header image, video or document.
        case media(OutboundMedia.Kind, OutboundMedia.Source)
    }

    public var name: String
    /// The approved translation's code: "es_AR", "pt_BR", "en_US", …
    public var languageCode: String
    public var components: [Component]

    public init(name: String, languageCode: String, components: [Component] = []) {
        self.name = name
        self.languageCode = languageCode
        self.components = components
    }
}
