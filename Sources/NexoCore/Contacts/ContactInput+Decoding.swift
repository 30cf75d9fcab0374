import Foundation

/// Builds `ContactInput` from the API's JSON and from the backoffice's form fields, naming every bad field.
extension ContactInput {
    static var textFields: [(key: String, path: WritableKeyPath<ContactInput, Patch<String>>)] {
        [
            ("first_name", \.firstName), ("last_name", \.lastName), ("email", \.email), ("phone", \.phone),
            ("company", \.company), ("birthday", \.birthday), ("notes", \.notes), ("source", \.source), ("status", \.status),
        ]
    }
    /// Output-only fields a client may send back unchanged (a fetched object, edited and PATCHed).
    static let readOnlyFields: Set<String> = ["id", "phone_valid", "created_at", "updated_at", "last_interaction_at"]

    /// JSON semantics: a missing key keeps the value, `null` clears it.
    public static func fromJSON(_ object: [String: JSONValue]) throws(ValidationFailure) -> ContactInput {
        var input = ContactInput()
        var errors: [FieldError] = []
        let known = Set(textFields.map(\.key)).union(["tags", "score", "consent", "metadata"]).union(readOnlyFields)
        for key in object.keys.sorted() where !known.contains(key) {
            errors.append(FieldError(field: key, code: "field.unknown", message: "Unknown field."))
        }
        for (key, path) in textFields {
            switch object[key] {
            case nil: break
            case .null: input[keyPath: path] = .clear
            case .string(let value): input[keyPath: path] = .set(value)
            case .number(let value) where key == "phone":
                input[keyPath: path] = .set(value.rounded() == value ? String(Int64(value)) : String(value))
            default: errors.append(FieldError(field: key, code: "field.type", message: "Must be a string or null."))
            }
        }
        switch object["tags"] {
        case nil: break
        case .null: input.tags = .clear
        case .array(let items):
            var tags: [String] = []
            for item in items {
                if case .string(let tag) = item {
                    tags.append(tag)
                } else {
                    errors.append(FieldError(field: "tags", code: "field.type", message: "Must be an array of strings."))
                    break
                }
            }
            input.tags = .set(tags)
        default: errors.append(FieldError(field: "tags", code: "field.type", message: "Must be an array of strings."))
        }
        switch object["score"] {
        case nil: break
        case .null: input.score = .clear
        case .number(let value) where value.rounded() == value && abs(value) < 1e15: input.score = .set(Int(value))
        default: errors.append(FieldError(field: "score", code: "field.type", message: "Must be a whole number."))
        }
        switch object["metadata"] {
        case nil: break
        case .null: input.metadata = .clear
        case .object(let value): input.metadata = .set(value)
        default: errors.append(FieldError(field: "metadata", code: "field.type", message: "Must be a JSON object."))
        }
        switch object["consent"] {
        case nil, .null: break
        case .object(let channels):
            for key in channels.keys.sorted() where key != "email" && key != "whatsapp" {
                errors.append(
                    FieldError(field: "consent.\(key)", code: "field.unknown", message: "Unknown channel; use email or whatsapp.")
                )
            }
            for (channel, path) in [("email", \ContactInput.emailConsent), ("whatsapp", \ContactInput.whatsappConsent)] {
                switch channels[channel] {
                case nil: break
                case .null: input[keyPath: path] = .clear
                case .object(let fields):
                    guard case .string(let state) = fields["state"] else {
                        errors.append(
                            FieldError(
                                field: "consent.\(channel).state", code: "field.type",
                                message: "Must be given, withdrawn or unknown."))
                        continue
                    }
                    var method: String?
                    if case .string(let value) = fields["method"] { method = value }
                    input[keyPath: path] = .set(ConsentInput(state: state, method: method))
                default:
                    errors.append(
                        FieldError(field: "consent.\(channel)", code: "field.type", message: "Must be an object with a state."))
                }
            }
        default: errors.append(FieldError(field: "consent", code: "field.type", message: "Must be an object."))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return input
    }

    /// Form semantics: every field on the form is sent; an empty one clears the value.
    /// Tags come comma-separated; consent as a checkbox ("on") next to a hidden "present" marker.
    public static func fromForm(_ fields: [String: String], consentMethod: String = "backoffice") throws(ValidationFailure)
        -> ContactInput
    {
        var input = ContactInput()
        var errors: [FieldError] = []
        for (key, path) in textFields where key != "source" {
            if let value = fields[key] { input[keyPath: path] = .set(value) }
        }
        if let source = fields["source"], !source.isEmpty { input.source = .set(source) }
        if let tags = fields["tags"] {
            input.tags = .set(tags.split(separator: ",").map(String.init))
        }
        if let score = fields["score"] {
            let trimmed = score.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                input.score = .clear
            } else if let value = Int(trimmed) {
                input.score = .set(value)
            } else {
                errors.append(FieldError(field: "score", code: "score.not_number", message: "Must be a whole number."))
            }
        }
        for (channel, path) in [("email", \ContactInput.emailConsent), ("whatsapp", \ContactInput.whatsappConsent)] {
            if let state = fields["consent_\(channel)"], !state.isEmpty {
                input[keyPath: path] = .set(ConsentInput(state: state, method: consentMethod))
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return input
    }
}
