/// Checks a reply against WhatsApp's limits for text and interactive messages, and its templates
/// through `MessageTemplate.validate`, before it is saved.
extension AutoReplyContent {
    /// WhatsApp's limits, in characters.
    public enum Limits {
        public static let text = 4_096
        public static let interactiveBody = 1_024
        public static let buttons = 3
        public static let buttonTitle = 20
        public static let buttonID = 256
        public static let listButtonLabel = 20
        public static let sections = 10
        /// Across all sections.
        public static let rows = 10
        public static let sectionTitle = 24
        public static let rowTitle = 24
        public static let rowDescription = 72
        public static let rowID = 200
    }

    /// Every problem, each naming its place in the rule's JSON (`reply.buttons[1].title`).
    public func validate() -> [FieldError] {
        switch self {
        case .text(let text):
            return Self.validateTemplate(text, field: "reply.text", limit: Limits.text)
        case .buttons(let body, let buttons):
            return Self.validateTemplate(body, field: "reply.body", limit: Limits.interactiveBody)
                + Self.validateButtons(buttons)
        case .list(let body, let buttonLabel, let sections):
            return Self.validateTemplate(body, field: "reply.body", limit: Limits.interactiveBody)
                + Self.validateLabel(buttonLabel, field: "reply.button_label", limit: Limits.listButtonLabel)
                + Self.validateSections(sections)
        }
    }

    private static func validateTemplate(_ source: String, field: String, limit: Int) -> [FieldError] {
        if source.trimmedWhitespace.isEmpty {
            return [FieldError(field: field, code: "field.required", message: "Write the message to send.")]
        }
        if source.count > limit {
            return [
                FieldError(
                    field: field, code: "auto_reply.reply_too_long",
                    message: "WhatsApp takes at most \(limit) characters here; this has \(source.count).")
            ]
        }
        return MessageTemplate.validate(source).map { $0.fieldError(field: field) }
    }

    private static func validateLabel(_ label: String, field: String, limit: Int) -> [FieldError] {
        if label.trimmedWhitespace.isEmpty {
            return [FieldError(field: field, code: "field.required", message: "Write a title.")]
        }
        if label.count > limit {
            return [
                FieldError(
                    field: field, code: "auto_reply.title_too_long",
                    message: "WhatsApp shows at most \(limit) characters here; “\(label)” has \(label.count).")
            ]
        }
        return []
    }

    private static func validateID(_ id: String, field: String, limit: Int) -> [FieldError] {
        if id.trimmedWhitespace.isEmpty {
            return [FieldError(field: field, code: "field.required", message: "Give an id, sent back when it is chosen.")]
        }
        if id.count > limit {
            return [FieldError(field: field, code: "auto_reply.id_too_long", message: "Ids have at most \(limit) characters.")]
        }
        return []
    }

    private static func validateButtons(_ buttons: [Button]) -> [FieldError] {
        guard (1...Limits.buttons).contains(buttons.count) else {
            return [
                FieldError(
                    field: "reply.buttons", code: "auto_reply.button_count",
                    message: "WhatsApp shows 1 to \(Limits.buttons) reply buttons; this has \(buttons.count).")
            ]
        }
        var errors: [FieldError] = []
        var ids: Set<String> = []
        var titles: Set<String> = []
        for (index, button) in buttons.enumerated() {
            let field = "reply.buttons[\(index)]"
            errors += validateID(button.id, field: field + ".id", limit: Limits.buttonID)
            errors += validateLabel(button.title, field: field + ".title", limit: Limits.buttonTitle)
            if !button.id.isEmpty, !ids.insert(button.id).inserted {
                errors.append(
                    FieldError(
                        field: field + ".id", code: "auto_reply.duplicate_id", message: "Two buttons have the id \(button.id)."))
            }
            if !button.title.isEmpty, !titles.insert(SearchText.fold(button.title)).inserted {
                errors.append(
                    FieldError(
                        field: field + ".title", code: "auto_reply.duplicate_title",
                        message: "Two buttons are titled “\(button.title)”; customers could not tell them apart."))
            }
        }
        return errors
    }

    private static func validateSections(_ sections: [ListSection]) -> [FieldError] {
        let rowCount = sections.reduce(0) { $0 + $1.rows.count }
        guard (1...Limits.sections).contains(sections.count), (1...Limits.rows).contains(rowCount) else {
            return [
                FieldError(
                    field: "reply.sections", code: "auto_reply.list_size",
                    message: "A WhatsApp list has 1 to \(Limits.sections) sections and 1 to \(Limits.rows) rows in all; "
                        + "this has \(sections.count) and \(rowCount).")
            ]
        }
        var errors: [FieldError] = []
        var ids: Set<String> = []
        for (sectionIndex, section) in sections.enumerated() {
            let sectionField = "reply.sections[\(sectionIndex)]"
            if let title = section.title {
                errors += validateLabel(title, field: sectionField + ".title", limit: Limits.sectionTitle)
            } else if sections.count > 1 {
                errors.append(
                    FieldError(
                        field: sectionField + ".title", code: "field.required",
                        message: "With more than one section, each needs a title."))
            }
            for (rowIndex, row) in section.rows.enumerated() {
                let field = sectionField + ".rows[\(rowIndex)]"
                errors += validateID(row.id, field: field + ".id", limit: Limits.rowID)
                errors += validateLabel(row.title, field: field + ".title", limit: Limits.rowTitle)
                if let description = row.description, description.count > Limits.rowDescription {
                    errors.append(
                        FieldError(
                            field: field + ".description", code: "auto_reply.description_too_long",
                            message: "Row descriptions have at most \(Limits.rowDescription) characters."))
                }
                if !row.id.isEmpty, !ids.insert(row.id).inserted {
                    errors.append(
                        FieldError(
                            field: field + ".id", code: "auto_reply.duplicate_id", message: "Two rows have the id \(row.id)."))
                }
            }
        }
        return errors
    }
}
