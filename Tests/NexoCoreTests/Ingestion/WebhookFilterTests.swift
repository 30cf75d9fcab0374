import Foundation
import Testing

@testable import NexoCore

@Suite struct WebhookFilterTests {
    private let order = #"{"status":"PAGÁDO","total":1500,"paid":true,"note":"  ","tags":["VIP","Mayorista"],"n":null}"#

    private func matches(_ path: String, _ comparison: WebhookFilter.Comparison, _ value: String = "") throws -> Bool {
        let filter = WebhookFilter(path: try JSONPath(parsing: path), comparison: comparison, value: value)
        return filter.matches(try IngestionTestSupport.payload(order))
    }

    @Test func equalsIgnoresCaseAndAccents() throws {
        // Given "PAGÁDO" in the payload / When compared with "pagado" / Then it matches, and "pendiente" does not
        #expect(try matches("status", .equals, "pagado"))
        #expect(try !matches("status", .equals, "pendiente"))
    }

    @Test func comparesNumbersAndBooleansByTheirText() throws {
        // Given a number and a boolean / When compared with their text / Then they match
        #expect(try matches("total", .equals, "1500"))
        #expect(try matches("paid", .equals, "TRUE"))
    }

    @Test func notEqualsHoldsForOtherValuesAndMissingPaths() throws {
        // Given a status and no "state" key / When compared / Then only an equal value fails the filter
        #expect(try matches("status", .notEquals, "pendiente"))
        #expect(try matches("state", .notEquals, "pagado"))
        #expect(try !matches("status", .notEquals, "Pagado"))
    }

    @Test func existsIgnoresNullAndBlankValues() throws {
        // Given a value, a blank text, a null and a missing key / When checked / Then only the value exists
        #expect(try matches("status", .exists))
        #expect(try !matches("note", .exists))
        #expect(try !matches("n", .exists))
        #expect(try !matches("missing", .exists))
    }

    @Test func notExistsHoldsForNullBlankAndMissing() throws {
        // Given the same payload / When checked for absence / Then null, blank and missing are absent
        #expect(try matches("n", .notExists))
        #expect(try matches("note", .notExists))
        #expect(try matches("missing", .notExists))
        #expect(try !matches("total", .notExists))
    }

    @Test func oneOfReadsACommaSeparatedList() throws {
        // Given a list with spaces and different case / When compared / Then any item matches
        #expect(try matches("status", .oneOf, "completado, Pagado ,enviado"))
        #expect(try !matches("status", .oneOf, "completado,enviado"))
    }

    @Test func containsFindsTextAndArrayElements() throws {
        // Given a text and a tags array / When searched / Then a part of the text or of an element matches
        #expect(try matches("status", .contains, "gad"))
        #expect(try matches("tags", .contains, "vip"))
        #expect(try matches("tags", .equals, "mayorista"))
        #expect(try !matches("tags", .contains, "minorista"))
    }

    @Test(arguments: [
        (WebhookFilter.Comparison.equals, "paid", #"status equals "paid""#),
        (.notEquals, "paid", #"status does not equal "paid""#),
        (.exists, "", "status exists"),
        (.notExists, "", "status does not exist"),
        (.oneOf, "paid, completed", #"status is one of "paid", "completed""#),
        (.contains, "pa", #"status contains "pa""#),
    ])
    func summarizesTheFilterForPeople(comparison: WebhookFilter.Comparison, value: String, summary: String) throws {
        // Given a filter / When summarized / Then it reads as a sentence
        let filter = WebhookFilter(path: try JSONPath(parsing: "status"), comparison: comparison, value: value)
        #expect(filter.summary == summary)
    }

    @Test func decodesSnakeCaseJSONWithANumberAsValue() throws {
        // Given a filter as stored, with a number / When decoded
        let json = #"{"path":"$.order.total","op":"not_equals","value":0}"#
        let filter = try JSONDecoder().decode(WebhookFilter.self, from: Data(json.utf8))

        // Then the value is its text and it encodes back in snake case with the canonical path
        #expect(filter == WebhookFilter(path: try JSONPath(parsing: "order.total"), comparison: .notEquals, value: "0"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(filter), as: UTF8.self)
                == #"{"op":"not_equals","path":"order.total","value":"0"}"#)
    }

    @Test func rejectsAnUnknownOperation() {
        // Given an operation we do not have / When decoded / Then decoding fails
        let json = #"{"path":"status","op":"greater_than","value":"1"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WebhookFilter.self, from: Data(json.utf8)) }
    }
}
