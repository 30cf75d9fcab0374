import Foundation

extension Condition {
    /// A contact field a `.field` condition reads: one of the standard fields or `metadata.<key>`.
    ///
    /// Any text is representable so that a stored or submitted condition naming an unknown field still
    /// decodes; `validate()` reports it and evaluation fails it with a reason instead of losing it.
    public struct Field: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public static let firstName = Field(rawValue: "first_name")
        public static let lastName = Field(rawValue: "last_name")
        public static let email = Field(rawValue: "email")
        public static let phone = Field(rawValue: "phone")
        public static let company = Field(rawValue: "company")
        public static let source = Field(rawValue: "source")
        public static let status = Field(rawValue: "status")
        public static let notes = Field(rawValue: "notes")

        public static let standard: [Field] = [firstName, lastName, email, phone, company, source, status, notes]
        static let metadataPrefix = "metadata."
        public static let maxMetadataKeyLength = 64

        /// A key of the contact's metadata; the whole rest is the key, so "metadata.a.b" reads the key "a.b".
        public static func metadata(_ key: String) -> Field { Field(rawValue: metadataPrefix + key) }

        public var metadataKey: String? {
            rawValue.hasPrefix(Self.metadataPrefix) ? String(rawValue.dropFirst(Self.metadataPrefix.count)) : nil
        }

        public var isStandard: Bool { Self.standard.contains(self) }

        /// Standard, or a metadata key of the same form the contact API accepts (1 to 64 characters);
        /// spaces at either end are refused because they are always a typing slip.
        public var isKnown: Bool {
            if isStandard { return true }
            guard let key = metadataKey else { return false }
            return (1...Self.maxMetadataKeyLength).contains(key.count) && key.trimmingCharacters(in: .whitespaces) == key
        }

        public var description: String { rawValue }

        /// The field's text on a contact; nil when the field is unknown. Missing and null read as "".
        func text(in values: ContactValues) -> String? {
            switch self {
            case .firstName: return values.firstName ?? ""
            case .lastName: return values.lastName ?? ""
            case .email: return values.email ?? ""
            case .phone: return values.phone ?? ""
            case .company: return values.company ?? ""
            case .source: return values.source
            case .status: return values.status
            case .notes: return values.notes ?? ""
            default:
                guard isKnown, let key = metadataKey else { return nil }
                switch values.metadata[key] {
                case nil, .null: return ""
                // Empty collections read as empty so `is_empty` means "nothing there" whatever the JSON type.
                case .array(let items) where items.isEmpty: return ""
                case .object(let members) where members.isEmpty: return ""
                case let value?: return value.displayText
                }
            }
        }
    }
}
