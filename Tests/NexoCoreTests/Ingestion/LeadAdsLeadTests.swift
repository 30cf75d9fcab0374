import Foundation
import Testing

@testable import NexoCore

@Suite struct LeadAdsLeadTests {
    private let options = IngestionTestSupport.options

    private func lead(_ answers: [(String, [String])], id: String? = "900") -> LeadAdsLead {
        LeadAdsLead(
            id: id, formID: "700", adID: "800", fieldData: answers.map { LeadAdsLead.Answer(name: $0.0, values: $0.1) })
    }

    private func problems(_ lead: LeadAdsLead) -> [ImportProblem] {
        do {
            _ = try lead.row(options: options)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func readsMetasExampleLead() throws {
        // Given Meta's documented Graph API lead / When read
        let lead = try LeadAdsLead(graphJSON: MetaLeadgenFixtures.lead)

        // Then ids, time and answers are kept in the form's order
        #expect(lead.id == "123123123123")
        #expect(lead.formID == "12312312312")
        #expect(lead.adID == "12312312312")
        #expect(lead.campaignID == nil)
        #expect(lead.createdTime == Date(timeIntervalSince1970: 1_425_113_354))
        #expect(lead.fieldData.map(\.name) == ["car_make", "full_name", "email", "phone_number"])
        #expect(lead.fieldData.first?.values == ["Honda"])
    }

    @Test func makesAContactFromMetasExampleLead() throws {
        // Given Meta's example lead / When turned into a row for a tenant in Argentina
        let contact = try LeadAdsLead(graphJSON: MetaLeadgenFixtures.lead).row(options: options).newContact(
            source: "lead_ads")

        // Then the name is split, the e-mail and phone normalized, and the rest kept as metadata
        #expect(contact.firstName == "Joe")
        #expect(contact.lastName == "Example")
        #expect(contact.email == "joe@example.com")
        #expect(contact.phone == "+5491155551234")
        #expect(contact.phoneValid)
        #expect(
            contact.metadata == [
                "car_make": .string("Honda"), "leadgen_id": .string("123123123123"),
                "lead_ads_form_id": .string("12312312312"), "lead_ads_ad_id": .string("12312312312"),
            ])
    }

    @Test func normalizesADomesticPhoneWithTheTenantsCountry() throws {
        // Given a phone typed the Argentine way / When mapped / Then it gets the country prefix
        let row = try lead([("phone_number", ["011 15 5555-1234"])]).row(options: options)
        #expect(row.newContact().phone == "+5491155551234")
    }

    @Test func keepsCustomQuestionsAsMetadataJoiningSeveralValues() throws {
        // Given a Spanish question and a multiple-choice one
        let row = try lead([
            ("email", ["ana@example.com"]), ("¿Cuándo quieres visitarnos?", ["Sábado"]),
            ("intereses", ["Autos", "Motos"]),
        ]).row(options: options)

        // When mapped / Then their keys are snake-case ASCII and several answers are joined
        let metadata = row.newContact().metadata
        #expect(metadata["cuando_quieres_visitarnos"] == .string("Sábado"))
        #expect(metadata["intereses"] == .string("Autos, Motos"))
    }

    @Test func mapsMetasStandardQuestionsToFields() throws {
        // Given the standard questions / When mapped
        let contact = try lead([
            ("first_name", ["Ana"]), ("last_name", ["Pérez"]), ("email", ["ana@example.com"]),
            ("company_name", ["Acme"]), ("city", ["Córdoba"]), ("job_title", ["CTO"]),
        ]).row(options: options).newContact()

        // Then names and company are fields, and address and job are metadata
        #expect(contact.firstName == "Ana")
        #expect(contact.lastName == "Pérez")
        #expect(contact.company == "Acme")
        #expect(contact.metadata["city"] == .string("Córdoba"))
        #expect(contact.metadata["job_title"] == .string("CTO"))
    }

    @Test func readsTheBirthDateMonthFirstWhateverTheTenantsOrder() throws {
        // Given Meta's MM/DD/YYYY and a tenant reading dates day first
        let row = try lead([("email", ["a@example.com"]), ("date_of_birth", ["03/04/1990"])]).row(options: options)

        // When mapped / Then it is March 4
        #expect(row.newContact().birthday == Birthday(year: 1990, month: 3, day: 4))
    }

    @Test func reportsAnImpossibleBirthDateNamingTheQuestion() {
        // Given 02/30 / When mapped / Then the problem names date_of_birth
        let found = problems(lead([("email", ["a@example.com"]), ("date_of_birth", ["02/30/1990"])]))
        #expect(found.map(\.code) == ["birthday.impossible"])
        #expect(found.first?.column == "date_of_birth")
    }

    @Test func usesTheWorkEMailOnlyWhenThereIsNoOther() throws {
        // Given a work e-mail alone, and one beside a personal e-mail
        let alone = try lead([("work_email", ["ana@acme.com"])]).row(options: options).newContact()
        let both = try lead([("email", ["ana@example.com"]), ("work_email", ["ana@acme.com"])]).row(options: options)
            .newContact()

        // When mapped / Then it is the e-mail only when alone, and metadata otherwise
        #expect(alone.email == "ana@acme.com")
        #expect(both.email == "ana@example.com")
        #expect(both.metadata["work_email"] == .string("ana@acme.com"))
    }

    @Test func doesNotLetAQuestionOverwriteTheLeadsIDs() throws {
        // Given a question named like an id key / When mapped / Then the id keeps its key and the answer gets another
        let metadata = try lead([("email", ["a@example.com"]), ("leadgen_id", ["mine"])]).row(options: options)
            .newContact().metadata
        #expect(metadata["leadgen_id"] == .string("900"))
        #expect(metadata["leadgen_id_2"] == .string("mine"))
    }

    @Test func rejectsALeadWithoutNameEMailOrPhone() {
        // Given only a custom answer / When mapped / Then the contact has no identity
        #expect(problems(lead([("car_make", ["Honda"])])).map(\.code) == ["contact.identity_required"])
    }

    @Test func reportsTheGraphAPIsError() {
        // Given an error answer from the Graph API / When read / Then its message is kept
        let json = #"{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}"#
        #expect(throws: LeadgenPayloadError.graphError("Invalid OAuth access token.")) {
            try LeadAdsLead(graphJSON: Data(json.utf8))
        }
    }

    @Test func rejectsALeadWithoutFieldData() {
        // Given a lead fetched without field_data / When read / Then it says so
        #expect(throws: LeadgenPayloadError.missingFieldData) {
            try LeadAdsLead(graphJSON: Data(#"{"id":"1","form_id":"2"}"#.utf8))
        }
    }
}
