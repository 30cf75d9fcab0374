import Foundation

/// The request body in the Cloud API's shape (see `send_*_request.json` in the fixtures).
extension OutboundMessage {
    /// The body as a value, unchecked: for tests and logs. Send `requestBody()`.
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "messaging_product": .string("whatsapp"),
            "recipient_type": .string("individual"),
            "type": .string(content.wireType),
            content.wireType: content.wirePart,
        ]
        switch recipient {
        case .phone(let number): members["to"] = .string(number)
        case .userID(let id): members["recipient"] = .string(id)
        }
        if let replyingTo {
            members["context"] = .object(["message_id": .string(replyingTo)])
        }
        return .object(members)
    }

    /// Compact JSON with sorted keys, after checking Meta's limits.
    public func requestBody() throws(ValidationFailure) -> Data {
        let errors = validate()
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return Data(jsonValue.jsonText.utf8)
    }
}

extension OutboundContent {
    /// The message `type`, which is also the key of its part.
    var wireType: String {
        switch self {
        case .text: "text"
        case .template: "template"
        case .buttons, .list: "interactive"
        case .media(let media): media.kind.rawValue
        }
    }

    fileprivate var wirePart: JSONValue {
        switch self {
        case .text(let body, let previewURL):
            return .object(["preview_url": .bool(previewURL), "body": .string(body)])
        case .template(let template):
            return template.wireValue
        case .buttons(let message):
            var part = interactive(type: "button", body: message.body, footer: message.footer)
            if let header = message.header { part["header"] = header.wireValue }
            part["action"] = .object(["buttons": .array(message.buttons.map(\.wireValue))])
            return .object(part)
        case .list(let message):
            var part = interactive(type: "list", body: message.body, footer: message.footer)
            if let header = message.header { part["header"] = InteractiveHeader.text(header).wireValue }
            part["action"] = .object([
                "button": .string(message.buttonLabel), "sections": .array(message.sections.map(\.wireValue)),
            ])
            return .object(part)
        case .media(let media):
            var part = media.source.wireMembers
            if let caption = media.caption { part["caption"] = .string(caption) }
            if let filename = media.filename { part["filename"] = .string(filename) }
            return .object(part)
        }
    }

    private func interactive(type: String, body: String, footer: String?) -> [String: JSONValue] {
        var part: [String: JSONValue] = ["type": .string(type), "body": .object(["text": .string(body)])]
        if let footer { part["footer"] = .object(["text": .string(footer)]) }
        return part
    }
}

extension OutboundMedia.Source {
    /// `{"link": …}` or `{"id": …}`, the shape of every media object.
    fileprivate var wireMembers: [String: JSONValue] {
        switch self {
        case .link(let url): ["link": .string(url)]
        case .id(let id): ["id": .string(id)]
        }
    }

    /// `{"type": "image", "image": {"link": …}}`, as headers and template parameters carry media.
    fileprivate func typed(_ kind: OutboundMedia.Kind) -> JSONValue {
        .object(["type": .string(kind.rawValue), kind.rawValue: .object(wireMembers)])
    }
}

extension InteractiveHeader {
    fileprivate var wireValue: JSONValue {
        switch self {
        case .text(let text): .object(["type": .string("text"), "text": .string(text)])
        case .media(let kind, let source): source.typed(kind)
        }
    }
}

extension ReplyButtonsMessage.Button {
    fileprivate var wireValue: JSONValue {
        .object(["type": .string("reply"), "reply": .object(["id": .string(id), "title": .string(title)])])
    }
}

extension ListMessage.Section {
    fileprivate var wireValue: JSONValue {
        var members: [String: JSONValue] = ["rows": .array(rows.map(\.wireValue))]
        if let title { members["title"] = .string(title) }
        return .object(members)
    }
}

extension ListMessage.Row {
    fileprivate var wireValue: JSONValue {
        var members: [String: JSONValue] = ["id": .string(id), "title": .string(title)]
        if let description { members["description"] = .string(description) }
        return .object(members)
    }
}

extension TemplateMessage {
    fileprivate var wireValue: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "language": .object(["code": .string(languageCode)]),
        ]
        if !components.isEmpty { members["components"] = .array(components.map(\.wireValue)) }
        return .object(members)
    }
}

extension TemplateMessage.Component {
    fileprivate var wireValue: JSONValue {
        switch self {
        case .header(let parameters):
            .object(["type": .string("header"), "parameters": .array(parameters.map(\.wireValue))])
        case .body(let parameters):
            .object(["type": .string("body"), "parameters": .array(parameters.map(\.wireValue))])
        case .quickReplyButton(let index, let payload):
            Self.button("quick_reply", index: index, parameter: ["type": .string("payload"), "payload": .string(payload)])
        case .urlButton(let index, let text):
            Self.button("url", index: index, parameter: ["type": .string("text"), "text": .string(text)])
        }
    }

    /// Meta writes a button's index as a string ("0").
    private static func button(_ subType: String, index: Int, parameter: [String: JSONValue]) -> JSONValue {
        .object([
            "type": .string("button"), "sub_type": .string(subType), "index": .string(String(index)),
            "parameters": .array([.object(parameter)]),
        ])
    }
}

extension TemplateMessage.Parameter {
    fileprivate var wireValue: JSONValue {
        switch self {
        case .text(let text, let name?):
            .object(["type": .string("text"), "parameter_name": .string(name), "text": .string(text)])
        case .text(let text, nil):
            .object(["type": .string("text"), "text": .string(text)])
        case .media(let kind, let source):
            source.typed(kind)
        }
    }
}
