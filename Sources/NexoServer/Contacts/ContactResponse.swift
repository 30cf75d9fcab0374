import Foundation
import NexoCore
import Vapor

/// A contact as the API shows it (snake_case, RFC 3339 times, birthday as `YYYY-MM-DD` or `--MM-DD`).
struct ContactResponse: Content, Sendable {
    struct ConsentJSON: Codable, Sendable {
        var state: String
        var at: Date?
        var method: String?
    }

    var id: UUID
    var firstName: String?
    var lastName: String?
    var email: String?
    var phone: String?
    var phoneValid: Bool
    var company: String?
    var birthday: String?
    var notes: String?
    var tags: [String]
    var source: String
    var status: String
    var score: Int
    var consent: [String: ConsentJSON]
    var metadata: [String: JSONValue]
    var lastInteractionAt: Date?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, email, phone, company, birthday, notes, tags, source, status, score, consent, metadata
        case firstName = "first_name"
        case lastName = "last_name"
        case phoneValid = "phone_valid"
        case lastInteractionAt = "last_interaction_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    // Absent optional fields are sent as null so clients see every field every time.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(firstName, forKey: .firstName)
        try c.encode(lastName, forKey: .lastName)
        try c.encode(email, forKey: .email)
        try c.encode(phone, forKey: .phone)
        try c.encode(phoneValid, forKey: .phoneValid)
        try c.encode(company, forKey: .company)
        try c.encode(birthday, forKey: .birthday)
        try c.encode(notes, forKey: .notes)
        try c.encode(tags, forKey: .tags)
        try c.encode(source, forKey: .source)
        try c.encode(status, forKey: .status)
        try c.encode(score, forKey: .score)
        try c.encode(consent, forKey: .consent)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(lastInteractionAt, forKey: .lastInteractionAt)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }

    init(id: UUID, values v: ContactValues, lastInteractionAt: Date?, createdAt: Date, updatedAt: Date) {
        self.id = id
        firstName = v.firstName
        lastName = v.lastName
        email = v.email
        phone = v.phone
        phoneValid = v.phoneValid
        company = v.company
        birthday = v.birthday?.description
        notes = v.notes
        tags = v.tags
        source = v.source
        status = v.status
        score = v.score
        consent = [
            "email": ConsentJSON(state: v.emailConsent.state.rawValue, at: v.emailConsent.at, method: v.emailConsent.method),
            "whatsapp": ConsentJSON(
                state: v.whatsappConsent.state.rawValue, at: v.whatsappConsent.at, method: v.whatsappConsent.method),
        ]
        metadata = v.metadata
        self.lastInteractionAt = lastInteractionAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(_ contact: Contact) throws {
        self.init(
            id: try contact.requireID(), values: contact.values, lastInteractionAt: contact.lastInteractionAt,
            createdAt: contact.createdAt, updatedAt: contact.updatedAt)
    }
}
