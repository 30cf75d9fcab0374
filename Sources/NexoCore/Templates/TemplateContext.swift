import Foundation

/// The values a template is rendered with, as plain values so any feature can fill it in.
/// A missing or blank value renders as nothing and makes `{{#name}}` skip and `{{^name}}` show.
public struct TemplateContext: Sendable, Hashable {
    public struct Contact: Sendable, Hashable {
        public var firstName: String?
        public var lastName: String?
        /// When nil, first and last name joined by a space.
        public var fullName: String?
        public var email: String?
        public var phone: String?
        public var company: String?
        /// Already formatted for the reader (the caller knows the tenant's locale).
        public var birthday: String?
        public var status: String?
        public var source: String?
        /// Scalars render as text, `null` as missing; arrays and objects as compact JSON (empty ones as missing).
        public var metadata: [String: JSONValue]

        public init(
            firstName: String? = nil, lastName: String? = nil, fullName: String? = nil, email: String? = nil,
            phone: String? = nil, company: String? = nil, birthday: String? = nil, status: String? = nil,
            source: String? = nil, metadata: [String: JSONValue] = [:]
        ) {
            self.firstName = firstName
            self.lastName = lastName
            self.fullName = fullName
            self.email = email
            self.phone = phone
            self.company = company
            self.birthday = birthday
            self.status = status
            self.source = source
            self.metadata = metadata
        }
    }

    public struct Business: Sendable, Hashable {
        public var name: String?
        public var email: String?
        public var country: String?

        public init(name: String? = nil, email: String? = nil, country: String? = nil) {
            self.name = name
            self.email = email
            self.country = country
        }
    }

    public var contact: Contact
    public var business: Business
    public var unsubscribeURL: String?
    /// Today's date as the reader should see it; `TemplateContext.dateText` formats one.
    public var today: String?

    public init(
        contact: Contact = Contact(), business: Business = Business(), unsubscribeURL: String? = nil, today: String? = nil
    ) {
        self.contact = contact
        self.business = business
        self.unsubscribeURL = unsubscribeURL
        self.today = today
    }

    /// A date written out in a locale's long style ("5 de marzo de 2025"), on the calendar day of `timeZone`.
    public static func dateText(_ date: Date, timeZone: TimeZone, locale: Locale) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = timeZone
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        return formatter.string(from: date)
    }

    /// The tree swift-mustache walks: string-keyed dictionaries, with missing values left out so they
    /// are nil to the renderer (an empty string would make `{{#name}}` render).
    var mustacheValue: [String: Any] {
        var contactValues = Self.present([
            "first_name": contact.firstName, "last_name": contact.lastName, "full_name": contact.fullName ?? joinedName,
            "email": contact.email, "phone": contact.phone, "company": contact.company, "birthday": contact.birthday,
            "status": contact.status, "source": contact.source,
        ])
        contactValues["metadata"] = contact.metadata.compactMapValues(Self.renderable)
        var values = Self.present(["unsubscribe_url": unsubscribeURL, "today": today])
        values["contact"] = contactValues
        values["business"] = Self.present(["name": business.name, "email": business.email, "country": business.country])
        return values
    }

    private var joinedName: String? {
        let parts = [contact.firstName, contact.lastName].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
        let joined = parts.filter { !$0.isEmpty }.joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }

    private static func present(_ values: [String: String?]) -> [String: Any] {
        values.compactMapValues { value in
            guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return value
        }
    }

    /// Booleans stay booleans so `{{#contact.metadata.vip}}` means "if vip"; everything else becomes text,
    /// never a dictionary or array the renderer would descend into or loop over.
    private static func renderable(_ value: JSONValue) -> Any? {
        switch value {
        case .null: nil
        case .bool(let flag): flag
        case .string(let text): text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
        case .array(let items): items.isEmpty ? nil : value.displayText
        case .object(let fields): fields.isEmpty ? nil : value.displayText
        case .number: value.displayText
        }
    }
}
