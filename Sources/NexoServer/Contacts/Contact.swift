import Fluent
import Foundation
import NexoCore

/// One person in a business's contact base. Stored normalized; `ContactValues` is its pure counterpart.
final class Contact: Model, @unchecked Sendable {
    static let schema = "contacts"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @OptionalField(key: "first_name") var firstName: String?
    @OptionalField(key: "last_name") var lastName: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "phone_valid") var phoneValid: Bool
    @OptionalField(key: "phone_key") var phoneKey: String?
    @OptionalField(key: "company") var company: String?
    @OptionalField(key: "birthday") var birthday: String?
    @OptionalField(key: "birthday_month") var birthdayMonth: Int?
    @OptionalField(key: "birthday_day") var birthdayDay: Int?
    @OptionalField(key: "notes") var notes: String?
    @Field(key: "tags") var tags: String
    @Field(key: "source") var source: String
    @Field(key: "status") var status: String
    @Field(key: "score") var score: Int
    @Field(key: "email_consent") var emailConsent: String
    @OptionalField(key: "email_consent_at") var emailConsentAt: Date?
    @OptionalField(key: "email_consent_method") var emailConsentMethod: String?
    @Field(key: "whatsapp_consent") var whatsappConsent: String
    @OptionalField(key: "whatsapp_consent_at") var whatsappConsentAt: Date?
    @OptionalField(key: "whatsapp_consent_method") var whatsappConsentMethod: String?
    @Field(key: "metadata") var metadata: String
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "last_interaction_at") var lastInteractionAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(tenantID: UUID, values: ContactValues, now: Date) {
        self.tenantID = tenantID
        self.createdAt = now
        self.updatedAt = now
        self.lastInteractionAt = nil
        self.apply(values)
    }

    func apply(_ values: ContactValues) {
        firstName = values.firstName
        lastName = values.lastName
        email = values.email
        phone = values.phone
        phoneValid = values.phoneValid
        phoneKey = values.phoneKey
        company = values.company
        birthday = values.birthday?.description
        birthdayMonth = values.birthday?.month
        birthdayDay = values.birthday?.day
        notes = values.notes
        tags = JSONValue.array(values.tags.map(JSONValue.string)).jsonText
        source = values.source
        status = values.status
        score = values.score
        emailConsent = values.emailConsent.state.rawValue
        emailConsentAt = values.emailConsent.at
        emailConsentMethod = values.emailConsent.method
        whatsappConsent = values.whatsappConsent.state.rawValue
        whatsappConsentAt = values.whatsappConsent.at
        whatsappConsentMethod = values.whatsappConsent.method
        metadata = JSONValue.object(values.metadata).jsonText
        searchText = values.searchDocument
    }

    var values: ContactValues {
        ContactValues(
            firstName: firstName, lastName: lastName, email: email, phone: phone, phoneValid: phoneValid,
            phoneKey: phoneKey, company: company, birthday: birthday.flatMap(Birthday.init(iso:)), notes: notes,
            tags: Self.decodeTags(tags), source: source, status: status, score: score,
            emailConsent: Consent(
                state: ConsentState(rawValue: emailConsent) ?? .unknown, at: emailConsentAt, method: emailConsentMethod),
            whatsappConsent: Consent(
                state: ConsentState(rawValue: whatsappConsent) ?? .unknown, at: whatsappConsentAt, method: whatsappConsentMethod),
            metadata: JSONValue.parse(metadata)?.objectValue ?? [:]
        )
    }

    static func decodeTags(_ text: String) -> [String] {
        guard case .array(let items) = JSONValue.parse(text) else { return [] }
        return items.compactMap { if case .string(let tag) = $0 { tag } else { nil } }
    }
}
