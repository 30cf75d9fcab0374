/// Meta's limits on what we send, checked before sending so the person writing the message sees every problem at
/// once, by field, instead of one Graph API error at a time.
extension OutboundMessage {
    /// Every problem, empty when the message can be sent. Fields are named as in the editor: `body`, `footer`,
    /// `buttons[1].title`, `sections[0].rows[2].description`, …
    ///
    /// Lengths count Unicode scalars, so a precomposed "ñ" or "é" is one character. Meta does not document its unit:
    /// if it counts UTF-16 units, a title full of emoji may still pass here and be refused there.
    public func validate() -> [FieldError] {
        var check = LimitCheck()
        switch recipient {
        case .phone(let number):
            if !Self.isPhoneNumber(number) {
                check.fail("to", "phone.invalid", "A WhatsApp number is 6 to 15 digits, optionally after a \"+\".")
            }
        case .userID(let id):
            check.required(id, "recipient")
        }
        switch content {
        case .text(let body, _):
            check.text(body, "body", max: Limits.textBody)
        case .template(let template):
            check.template(template)
        case .buttons(let message):
            check.buttons(message)
        case .list(let message):
            check.list(message)
        case .media(let media):
            check.media(media)
        }
        return check.errors
    }

    private static func isPhoneNumber(_ text: String) -> Bool {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        return (6...15).contains(digits.count) && digits.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
}

/// Meta's documented limits, in characters unless named otherwise.
private enum Limits {
    static let textBody = 4096
    static let caption = 1024
    static let headerText = 60
    static let footer = 60
    static let buttonsBody = 1024
    static let buttonCount = 3
    static let buttonTitle = 20
    static let buttonID = 256
    static let listBody = 4096
    static let listButtonLabel = 20
    static let sectionCount = 10
    static let sectionTitle = 24
    static let rowCount = 10
    static let rowID = 200
    static let rowTitle = 24
    static let rowDescription = 72
}

/// Collects problems; one per field at most from each check.
private struct LimitCheck {
    private(set) var errors: [FieldError] = []

    mutating func fail(_ field: String, _ code: String, _ message: String) {
        errors.append(FieldError(field: field, code: code, message: message))
    }

    /// Not blank.
    mutating func required(_ text: String, _ field: String) {
        if text.trimmedWhitespace.isEmpty { fail(field, "field.required", "Must not be empty.") }
    }

    /// At most `max` characters.
    mutating func length(_ text: String?, _ field: String, max: Int) {
        guard let text, text.unicodeScalars.count > max else { return }
        fail(field, "field.too_long", "At most \(max) characters.")
    }

    /// Not blank and at most `max` characters.
    mutating func text(_ text: String, _ field: String, max: Int) {
        if text.trimmedWhitespace.isEmpty {
            fail(field, "field.required", "Must not be empty.")
        } else {
            length(text, field, max: max)
        }
    }

    /// Given, not blank and at most `max` characters; nil passes.
    mutating func optionalText(_ text: String?, _ field: String, max: Int) {
        if let text { self.text(text, field, max: max) }
    }

    mutating func template(_ template: TemplateMessage) {
        required(template.name, "name")
        required(template.languageCode, "language")
        for (index, component) in template.components.enumerated() {
            let place = "components[\(index)]"
            switch component {
            case .header(let parameters), .body(let parameters):
                for (parameterIndex, parameter) in parameters.enumerated() {
                    let field = "\(place).parameters[\(parameterIndex)]"
                    switch parameter {
                    case .text(let text, _): required(text, field)
                    case .media(let kind, let source): headerMedia(kind, source, field)
                    }
                }
            case .quickReplyButton(let buttonIndex, let text), .urlButton(let buttonIndex, let text):
                required(text, "\(place).parameters[0]")
                if !(0..<10).contains(buttonIndex) {
                    fail("\(place).index", "whatsapp.button_index", "A template has buttons 0 to 9.")
                }
            }
        }
    }

    mutating func buttons(_ message: ReplyButtonsMessage) {
        switch message.header {
        case .text(let text)?: self.text(text, "header", max: Limits.headerText)
        case .media(let kind, let source)?: headerMedia(kind, source, "header")
        case nil: break
        }
        text(message.body, "body", max: Limits.buttonsBody)
        optionalText(message.footer, "footer", max: Limits.footer)
        if message.buttons.isEmpty {
            fail("buttons", "whatsapp.buttons_required", "Add at least one button.")
        } else if message.buttons.count > Limits.buttonCount {
            fail("buttons", "whatsapp.too_many_buttons", "At most \(Limits.buttonCount) reply buttons.")
        }
        for (index, button) in message.buttons.enumerated() {
            text(button.id, "buttons[\(index)].id", max: Limits.buttonID)
            text(button.title, "buttons[\(index)].title", max: Limits.buttonTitle)
        }
        unique(message.buttons.map(\.id), field: { "buttons[\($0)].id" }, what: "button id")
        unique(message.buttons.map(\.title), field: { "buttons[\($0)].title" }, what: "button title")
    }

    mutating func list(_ message: ListMessage) {
        optionalText(message.header, "header", max: Limits.headerText)
        text(message.body, "body", max: Limits.listBody)
        optionalText(message.footer, "footer", max: Limits.footer)
        text(message.buttonLabel, "button", max: Limits.listButtonLabel)
        if message.sections.isEmpty {
            fail("sections", "whatsapp.sections_required", "Add at least one section.")
        } else if message.sections.count > Limits.sectionCount {
            fail("sections", "whatsapp.too_many_sections", "At most \(Limits.sectionCount) sections.")
        }
        let rowCount = message.sections.reduce(0) { $0 + $1.rows.count }
        if rowCount > Limits.rowCount {
            fail("sections", "whatsapp.too_many_rows", "At most \(Limits.rowCount) rows in all sections together.")
        }
        var rows: [(field: String, id: String)] = []
        for (sectionIndex, section) in message.sections.enumerated() {
            let place = "sections[\(sectionIndex)]"
            if message.sections.count > 1 && (section.title ?? "").trimmedWhitespace.isEmpty {
                fail("\(place).title", "field.required", "Every section needs a title when there are several.")
            } else {
                length(section.title, "\(place).title", max: Limits.sectionTitle)
            }
            if section.rows.isEmpty { fail("\(place).rows", "whatsapp.rows_required", "Add at least one row.") }
            for (rowIndex, row) in section.rows.enumerated() {
                let rowPlace = "\(place).rows[\(rowIndex)]"
                text(row.id, "\(rowPlace).id", max: Limits.rowID)
                text(row.title, "\(rowPlace).title", max: Limits.rowTitle)
                length(row.description, "\(rowPlace).description", max: Limits.rowDescription)
                rows.append((rowPlace + ".id", row.id))
            }
        }
        unique(rows.map(\.id), field: { rows[$0].field }, what: "row id")
    }

    mutating func media(_ media: OutboundMedia) {
        source(media.source, field: media.source.isLink ? "link" : "id")
        if let caption = media.caption {
            if [.audio, .sticker].contains(media.kind) {
                fail("caption", "whatsapp.caption_not_allowed", "Audio and stickers have no caption.")
            } else {
                length(caption, "caption", max: Limits.caption)
            }
        }
        if media.filename != nil && media.kind != .document {
            fail("filename", "whatsapp.filename_not_allowed", "Only documents have a file name.")
        }
    }

    /// Headers take an image, a video or a document.
    private mutating func headerMedia(_ kind: OutboundMedia.Kind, _ source: OutboundMedia.Source, _ field: String) {
        if ![.image, .video, .document].contains(kind) {
            fail(field, "whatsapp.header_media", "A header is an image, a video or a document.")
        }
        self.source(source, field: field)
    }

    private mutating func source(_ source: OutboundMedia.Source, field: String) {
        switch source {
        case .link(let url):
            let lowered = url.trimmedWhitespace.lowercased()
            if !(lowered.hasPrefix("https://") || lowered.hasPrefix("http://")) || lowered.contains(" ") {
                fail(field, "url.invalid", "Use a full http:// or https:// URL.")
            }
        case .id(let id):
            required(id, field)
        }
    }

    /// The second and later copies of a value are errors: a tap must say which one was tapped.
    private mutating func unique(_ values: [String], field: (Int) -> String, what: String) {
        var seen: Set<String> = []
        for (index, value) in values.enumerated() where !value.trimmedWhitespace.isEmpty {
            if !seen.insert(value).inserted {
                fail(field(index), "whatsapp.duplicate", "Each \(what) must be different.")
            }
        }
    }
}

extension OutboundMedia.Source {
    fileprivate var isLink: Bool {
        if case .link = self { return true }
        return false
    }
}
