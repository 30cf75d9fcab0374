import Foundation

/// Validated, normalized changes to a contact, made from raw input by `ContactInput.validate`.
public struct ContactChanges: Sendable, Equatable {
    public struct Phone: Sendable, Equatable {
        public let display: String
        public let valid: Bool
        public let matchKey: String?
    }

    public var firstName: Patch<String> = .keep
    public var lastName: Patch<String> = .keep
    public var email: Patch<String> = .keep
    public var phone: Patch<Phone> = .keep
    public var company: Patch<String> = .keep
    public var birthday: Patch<Birthday> = .keep
    public var notes: Patch<String> = .keep
    public var tags: Patch<[String]> = .keep
    public var source: Patch<String> = .keep
    public var status: Patch<String> = .keep
    public var score: Patch<Int> = .keep
    public var emailConsent: Patch<Consent> = .keep
    public var whatsappConsent: Patch<Consent> = .keep
    public var metadata: Patch<[String: JSONValue]> = .keep

    public init() {}
}

/// Contact fields as they arrive from a form, the API or an import, before validation.
public struct ContactInput: Sendable, Equatable {
    public var firstName: Patch<String> = .keep
    public var lastName: Patch<String> = .keep
    public var email: Patch<String> = .keep
    public var phone: Patch<String> = .keep
    public var company: Patch<String> = .keep
    public var birthday: Patch<String> = .keep
    public var notes: Patch<String> = .keep
    public var tags: Patch<[String]> = .keep
    public var source: Patch<String> = .keep
    public var status: Patch<String> = .keep
    public var score: Patch<Int> = .keep
    public var emailConsent: Patch<ConsentInput> = .keep
    public var whatsappConsent: Patch<ConsentInput> = .keep
    public var metadata: Patch<[String: JSONValue]> = .keep

    public init() {}

    public struct ConsentInput: Sendable, Equatable {
        public var state: String
        public var method: String?
        public init(state: String, method: String? = nil) {
            self.state = state
            self.method = method
        }
    }

    public static let maxNameLength = 100
    public static let maxCompanyLength = 200
    public static let maxNotesLength = 10_000
    public static let scoreRange = -1_000_000...1_000_000

    /// Checks every field and reports every problem at once. Blank strings clear a field.
    /// A phone that cannot be parsed is not an error: it is kept as typed and flagged.
    public func validate(defaultCountry: String, now: Date = Date()) throws(ValidationFailure) -> ContactChanges {
        var errors: [FieldError] = []
        var changes = ContactChanges()

        changes.firstName = text(firstName, field: "first_name", max: Self.maxNameLength, &errors)
        changes.lastName = text(lastName, field: "last_name", max: Self.maxNameLength, &errors)
        changes.company = text(company, field: "company", max: Self.maxCompanyLength, &errors)
        changes.notes = text(notes, field: "notes", max: Self.maxNotesLength, multiline: true, &errors)

        switch text(email, field: "email", max: 254, &errors) {
        case .keep: break
        case .clear: changes.email = .clear
        case .set(let raw):
            if let normalized = EmailAddress.normalize(raw) {
                changes.email = .set(normalized)
            } else {
                errors.append(FieldError(field: "email", code: "email.invalid", message: "Not a valid e-mail address."))
            }
        }

        switch text(phone, field: "phone", max: 40, &errors) {
        case .keep: break
        case .clear: changes.phone = .clear
        case .set(let raw):
            switch PhoneNumber.parse(raw, defaultCountry: defaultCountry) {
            case .valid(let number):
                changes.phone = .set(.init(display: number.e164, valid: true, matchKey: number.matchKey))
            case .invalid(let typed, _):
                changes.phone = .set(.init(display: typed, valid: false, matchKey: nil))
            case .empty:
                changes.phone = .clear
            }
        }

        switch text(birthday, field: "birthday", max: 10, &errors) {
        case .keep: break
        case .clear: changes.birthday = .clear
        case .set(let raw):
            if let value = Birthday(iso: raw) {
                changes.birthday = .set(value)
            } else {
                errors.append(
                    FieldError(
                        field: "birthday", code: "birthday.invalid",
                        message: "Use YYYY-MM-DD, or --MM-DD without the year, with a date that exists."))
            }
        }

        switch tags {
        case .keep: break
        case .clear: changes.tags = .set([])
        case .set(let raw):
            var seen = Set<String>()
            var normalized: [String] = []
            for tag in raw.compactMap(Tag.normalize) where seen.insert(tag).inserted {
                if tag.count > Tag.maxLength {
                    errors.append(
                        FieldError(
                            field: "tags", code: "tags.too_long",
                            message: "Each tag can have at most \(Tag.maxLength) characters."))
                    break
                }
                normalized.append(tag)
            }
            if normalized.count > Tag.maxPerContact {
                errors.append(
                    FieldError(
                        field: "tags", code: "tags.too_many", message: "At most \(Tag.maxPerContact) tags per contact."))
            }
            changes.tags = .set(normalized)
        }

        changes.source = keyword(source, field: "source", &errors)
        changes.status = keyword(status, field: "status", &errors)

        switch score {
        case .keep: break
        case .clear: changes.score = .set(0)
        case .set(let value):
            if Self.scoreRange.contains(value) {
                changes.score = .set(value)
            } else {
                errors.append(
                    FieldError(field: "score", code: "score.out_of_range", message: "Score must be between -1000000 and 1000000.")
                )
            }
        }

        changes.emailConsent = consent(emailConsent, field: "consent.email", now: now, &errors)
        changes.whatsappConsent = consent(whatsappConsent, field: "consent.whatsapp", now: now, &errors)

        if case .set(let value) = metadata {
            if value.keys.contains(where: { $0.isEmpty || $0.count > 64 }) {
                errors.append(
                    FieldError(
                        field: "metadata", code: "metadata.bad_key", message: "Metadata keys must have 1 to 64 characters."))
            } else if JSONValue.object(value).jsonText.utf8.count > 16_384 {
                errors.append(
                    FieldError(field: "metadata", code: "metadata.too_large", message: "Metadata can hold at most 16 KB."))
            }
        }
        changes.metadata = metadata

        if !errors.isEmpty { throw ValidationFailure(errors) }
        return changes
    }

    private func text(
        _ patch: Patch<String>, field: String, max: Int, multiline: Bool = false, _ errors: inout [FieldError]
    ) -> Patch<String> {
        guard case .set(let raw) = patch else { return patch }
        let trimmed =
            multiline
            ? raw.trimmingCharacters(in: .whitespacesAndNewlines)
            : raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if trimmed.isEmpty { return .clear }
        if trimmed.count > max {
            errors.append(
                FieldError(field: field, code: "field.too_long", message: "At most \(max) characters."))
        }
        return .set(trimmed)
    }

    private func keyword(_ patch: Patch<String>, field: String, _ errors: inout [FieldError]) -> Patch<String> {
        guard case .set(let raw) = patch else { return .keep }
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed = value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        if value.isEmpty { return .keep }
        if !allowed || value.count > 32 {
            errors.append(
                FieldError(
                    field: field, code: "keyword.invalid",
                    message: "Use 1 to 32 lower-case letters, digits or underscores."))
            return .keep
        }
        return .set(value)
    }

    private func consent(
        _ patch: Patch<ConsentInput>, field: String, now: Date, _ errors: inout [FieldError]
    ) -> Patch<Consent> {
        switch patch {
        case .keep: return .keep
        case .clear: return .set(.unknown)
        case .set(let input):
            guard let state = ConsentState(rawValue: input.state.lowercased()) else {
                errors.append(
                    FieldError(
                        field: field + ".state", code: "consent.invalid",
                        message: "Consent state must be given, withdrawn or unknown."))
                return .keep
            }
            let method = input.method.map { String($0.prefix(100)) }
            return .set(Consent(state: state, at: state == .unknown ? nil : now, method: method))
        }
    }
}
