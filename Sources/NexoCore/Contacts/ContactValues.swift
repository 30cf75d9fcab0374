import Foundation

/// A contact's data, normalized: what is stored and what the API and pages show.
public struct ContactValues: Sendable, Equatable {
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    /// E.164 when `phoneValid`, otherwise the number as it was typed.
    public var phone: String?
    public var phoneValid: Bool
    /// Identity used to find the same person written another way (AR with or without the mobile 9, …).
    public var phoneKey: String?
    public var company: String?
    public var birthday: Birthday?
    public var notes: String?
    public var tags: [String]
    public var source: String
    public var status: String
    public var score: Int
    public var emailConsent: Consent
    public var whatsappConsent: Consent
    public var metadata: [String: JSONValue]

    public init(
        firstName: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil,
        phoneValid: Bool = false, phoneKey: String? = nil, company: String? = nil, birthday: Birthday? = nil,
        notes: String? = nil, tags: [String] = [], source: String = "manual", status: String = "lead", score: Int = 0,
        emailConsent: Consent = .unknown, whatsappConsent: Consent = .unknown, metadata: [String: JSONValue] = [:]
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.phoneValid = phoneValid
        self.phoneKey = phoneKey
        self.company = company
        self.birthday = birthday
        self.notes = notes
        self.tags = tags
        self.source = source
        self.status = status
        self.score = score
        self.emailConsent = emailConsent
        self.whatsappConsent = whatsappConsent
        self.metadata = metadata
    }

    public var displayName: String {
        let name = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? (email ?? phone ?? "—") : name
    }

    public var searchDocument: String {
        SearchText.document(firstName: firstName, lastName: lastName, email: email, phone: phone, company: company)
    }

    /// Applies validated changes and checks what only the whole contact can tell (it must be identifiable).
    public func applying(_ changes: ContactChanges) throws(ValidationFailure) -> ContactValues {
        var next = self
        next.firstName = changes.firstName.applied(to: firstName)
        next.lastName = changes.lastName.applied(to: lastName)
        next.email = changes.email.applied(to: email)
        switch changes.phone {
        case .keep: break
        case .clear:
            next.phone = nil
            next.phoneValid = false
            next.phoneKey = nil
        case .set(let phone):
            next.phone = phone.display
            next.phoneValid = phone.valid
            next.phoneKey = phone.matchKey
        }
        next.company = changes.company.applied(to: company)
        next.birthday = changes.birthday.applied(to: birthday)
        next.notes = changes.notes.applied(to: notes)
        next.tags = changes.tags.applied(to: tags) ?? []
        if case .set(let source) = changes.source { next.source = source }
        if case .set(let status) = changes.status { next.status = status }
        next.score = changes.score.applied(to: score) ?? 0
        // Re-sending the same state (every form save does) keeps when and how consent was first recorded.
        if let consent = changes.emailConsent.applied(to: emailConsent), consent.state != emailConsent.state {
            next.emailConsent = consent
        }
        if let consent = changes.whatsappConsent.applied(to: whatsappConsent), consent.state != whatsappConsent.state {
            next.whatsappConsent = consent
        }
        switch changes.metadata {
        case .keep: break
        case .clear: next.metadata = [:]
        case .set(let merge):
            // Metadata patches merge key by key; a null value removes the key (JSON merge patch, RFC 7396).
            for (key, value) in merge {
                if value == .null { next.metadata.removeValue(forKey: key) } else { next.metadata[key] = value }
            }
        }
        if next.firstName == nil, next.lastName == nil, next.email == nil, next.phone == nil {
            throw ValidationFailure([
                FieldError(
                    field: "first_name", code: "contact.identity_required",
                    message: "A contact needs at least a name, an e-mail or a phone number.")
            ])
        }
        return next
    }
}

/// Consent on one channel: given or withdrawn, when, and how (the form, an import, a message "BAJA", …).
public struct Consent: Sendable, Equatable, Codable {
    public var state: ConsentState
    public var at: Date?
    public var method: String?

    public init(state: ConsentState, at: Date? = nil, method: String? = nil) {
        self.state = state
        self.at = at
        self.method = method
    }

    public static let unknown = Consent(state: .unknown)
}
