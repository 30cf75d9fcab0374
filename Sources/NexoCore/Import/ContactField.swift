/// Where one CSV column goes in a contact.
public enum ContactField: Sendable, Hashable, Codable, CustomStringConvertible {
    case firstName
    case lastName
    /// A whole name in one cell, split into first and last name (see `PersonName`).
    case fullName
    case email
    case phone
    case company
    case birthday
    case notes
    case tags
    /// A status keyword ("lead", "cliente").
    case status
    /// A whole number.
    case score
    /// A JSON object of metadata, as Nexo's own export writes it; merged key by key.
    case metadataJSON
    /// Kept in the contact's metadata under this key.
    case metadata(String)
    case ignore

    /// The form used in the API and in forms: "first_name", "metadata:customer_number", "ignore".
    public var key: String {
        switch self {
        case .firstName: "first_name"
        case .lastName: "last_name"
        case .fullName: "full_name"
        case .email: "email"
        case .phone: "phone"
        case .company: "company"
        case .birthday: "birthday"
        case .notes: "notes"
        case .tags: "tags"
        case .status: "status"
        case .score: "score"
        case .metadataJSON: "metadata_json"
        case .metadata(let key): Self.metadataPrefix + key
        case .ignore: "ignore"
        }
    }

    /// Reads `key`; a metadata key is normalized like a header (see `ColumnMapping.metadataKey`).
    public init?(key: String) {
        if key.hasPrefix(Self.metadataPrefix) {
            let name = ColumnMapping.metadataKey(for: String(key.dropFirst(Self.metadataPrefix.count)))
            guard !name.isEmpty else { return nil }
            self = .metadata(name)
            return
        }
        guard let field = Self.plain.first(where: { $0.key == key }) else { return nil }
        self = field
    }

    public var description: String { key }

    /// What a mapping form offers, in order: every field's key, with "metadata" standing for `metadata:<key>` (the key
    /// typed next to it).
    public static let formChoices = [
        "first_name", "last_name", "full_name", "email", "phone", "company", "birthday", "notes", "tags", "status", "score",
        "metadata", "metadata_json", "ignore",
    ]

    /// Fields a row holds once: when two columns map to one of these, the first non-empty cell wins.
    var isSingleValued: Bool {
        switch self {
        case .fullName, .email, .phone, .company, .birthday, .notes, .status, .score, .metadataJSON: true
        case .firstName, .lastName, .tags, .metadata, .ignore: false
        }
    }

    private static let metadataPrefix = "metadata:"
    private static let plain: [ContactField] = [
        .firstName, .lastName, .fullName, .email, .phone, .company, .birthday, .notes, .tags, .status, .score,
        .metadataJSON, .ignore,
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let key = try container.decode(String.self)
        guard let field = ContactField(key: key) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Unknown contact field: \(key)")
        }
        self = field
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}
