/// What a rule answers with. The text parts are Mustache templates (`{{contact.first_name}}`), validated
/// here and rendered by the server when sending.
///
/// JSON: `{"type":"text","text":"¡Hola {{contact.first_name}}!"}`,
/// `{"type":"buttons","body":"¿Confirmás el turno?","buttons":[{"id":"yes","title":"Sí"},{"id":"no","title":"No"}]}`,
/// `{"type":"list","body":"Elegí un servicio","button_label":"Ver servicios",
/// "sections":[{"title":"Estética","rows":[{"id":"limpieza","title":"Limpieza","description":"45 min"}]}]}`.
public enum AutoReplyContent: Sendable, Hashable, Codable {
    case text(String)
    /// WhatsApp reply buttons: up to three.
    case buttons(body: String, buttons: [Button])
    /// A WhatsApp list message: a button that opens sections of rows.
    case list(body: String, buttonLabel: String, sections: [ListSection])

    public struct Button: Sendable, Hashable, Codable {
        /// Comes back in the customer's reply, so the server knows which button was tapped.
        public var id: String
        public var title: String

        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    public struct ListSection: Sendable, Hashable, Codable {
        /// Required by WhatsApp when there is more than one section.
        public var title: String?
        public var rows: [ListRow]

        public init(title: String? = nil, rows: [ListRow]) {
            self.title = title
            self.rows = rows
        }
    }

    public struct ListRow: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var description: String?

        public init(id: String, title: String, description: String? = nil) {
            self.id = id
            self.title = title
            self.description = description
        }
    }

    public static let types = ["text", "buttons", "list"]

    public var type: String {
        switch self {
        case .text: "text"
        case .buttons: "buttons"
        case .list: "list"
        }
    }

    private enum CodingKeys: String, CodingKey { case type, text, body, buttons, buttonLabel = "button_label", sections }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text":
            self = .text(try container.decode(String.self, forKey: .text))
        case "buttons":
            self = .buttons(
                body: try container.decode(String.self, forKey: .body),
                buttons: try container.decode([Button].self, forKey: .buttons))
        case "list":
            self = .list(
                body: try container.decode(String.self, forKey: .body),
                buttonLabel: try container.decode(String.self, forKey: .buttonLabel),
                sections: try container.decode([ListSection].self, forKey: .sections))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown reply type \(other); expected one of \(Self.types.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .text(let text):
            try container.encode(text, forKey: .text)
        case .buttons(let body, let buttons):
            try container.encode(body, forKey: .body)
            try container.encode(buttons, forKey: .buttons)
        case .list(let body, let buttonLabel, let sections):
            try container.encode(body, forKey: .body)
            try container.encode(buttonLabel, forKey: .buttonLabel)
            try container.encode(sections, forKey: .sections)
        }
    }
}
