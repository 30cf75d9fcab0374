import Foundation
import Testing

@testable import NexoCore

@Suite struct WebhookMappingCodingTests {
    private typealias Support = IngestionTestSupport

    @Test func decodesTheStoredSnakeCaseJSON() throws {
        // Given a mapping as the settings page saves it
        let json = """
            {"fields":[{"path":"$.customer.email","field":"email"},{"path":"customer.plan","field":"metadata:Plan"}],
            "id_path":"id","filter":{"path":"status","op":"equals","value":"paid"}}
            """

        // When decoded
        let mapping = try JSONDecoder().decode(WebhookMapping.self, from: Data(json.utf8))

        // Then paths are canonical and metadata keys normalized
        #expect(
            mapping
                == WebhookMapping(
                    fields: [
                        WebhookFieldMapping(path: try Support.path("customer.email"), field: .email),
                        WebhookFieldMapping(path: try Support.path("customer.plan"), field: .metadata("plan")),
                    ], idPath: try Support.path("id"),
                    filter: WebhookFilter(path: try Support.path("status"), comparison: .equals, value: "paid")))
    }

    @Test func encodesSnakeCaseKeys() throws {
        // Given a mapping with an id path
        let mapping = try Support.mapping([("customer.email", .email)], idPath: "$.id")

        // When encoded
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(mapping), as: UTF8.self)

        // Then keys are snake case and paths canonical
        #expect(json == #"{"fields":[{"field":"email","path":"customer.email"}],"id_path":"id"}"#)
    }

    @Test func decodesAMappingWithoutFieldsAsTheGuess() throws {
        // Given only an id path / When decoded / Then fields are empty, meaning "guess"
        let mapping = try JSONDecoder().decode(WebhookMapping.self, from: Data(#"{"id_path":"id"}"#.utf8))
        #expect(mapping.fields.isEmpty)
    }

    @Test func rejectsAnInvalidPathWhenDecoding() {
        // Given a field with an unclosed bracket / When decoded / Then decoding fails
        let json = #"{"fields":[{"path":"items[0","field":"email"}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WebhookMapping.self, from: Data(json.utf8)) }
    }
}

@Suite struct WebhookMappingValidationTests {
    private typealias Support = IngestionTestSupport

    @Test func acceptsAValidMapping() throws {
        // Given an e-mail, a phone, metadata and a filter with a value / When validated / Then nothing is wrong
        let filter = WebhookFilter(path: try Support.path("status"), comparison: .equals, value: "paid")
        let mapping = try Support.mapping(
            [("email", .email), ("phone", .phone), ("plan", .metadata("plan"))], idPath: "id", filter: filter)
        #expect(mapping.validate().isEmpty)
    }

    @Test func acceptsAnEmptyMappingThatGuesses() {
        // Given no fields / When validated / Then it is fine: the guess is used
        #expect(WebhookMapping().validate().isEmpty)
    }

    @Test func rejectsAPathMappedTwice() throws {
        // Given the same path written two ways
        let mapping = try Support.mapping([("customer.email", .email), ("$.customer.email", .metadata("mail"))])

        // When validated / Then the second is named
        #expect(
            mapping.validate() == [
                FieldError(
                    field: "fields[1].path", code: "webhook.duplicate_path",
                    message: "customer.email is already mapped, in fields[0]: keep one of them.")
            ])
    }

    @Test func rejectsAnEmptyOrTooLongMetadataKey() throws {
        // Given metadata keys built in code, one empty and one of 65 characters
        let mapping = try Support.mapping([
            ("email", .email), ("a", .metadata("")), ("b", .metadata(String(repeating: "k", count: 65))),
        ])

        // When validated / Then both are bad keys
        #expect(mapping.validate().map(\.field) == ["fields[1].field", "fields[2].field"])
        #expect(mapping.validate().map(\.code) == ["metadata.bad_key", "metadata.bad_key"])
    }

    @Test func rejectsTwoPathsFillingOneMetadataKey() throws {
        // Given two paths to the same metadata key / When validated / Then the second is named
        let mapping = try Support.mapping([("email", .email), ("a", .metadata("plan")), ("b", .metadata("plan"))])
        #expect(mapping.validate().map(\.code) == ["webhook.duplicate_metadata_key"])
    }

    @Test func rejectsAMappingWithoutAnyIdentityField() throws {
        // Given only metadata / When validated / Then a contact could never be made
        let mapping = try Support.mapping([("plan", .metadata("plan"))])
        #expect(mapping.validate().map(\.code) == ["webhook.identity_unmapped"])
    }

    @Test func rejectsAFilterWithoutTheValueItCompares() throws {
        // Given a one_of filter with an empty list
        let filter = WebhookFilter(path: try Support.path("status"), comparison: .oneOf, value: " , ")

        // When validated / Then the filter's value is named
        #expect(WebhookMapping(filter: filter).validate().map(\.field) == ["filter.value"])
    }
}
