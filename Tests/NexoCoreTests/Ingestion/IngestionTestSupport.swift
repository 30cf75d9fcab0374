import Foundation
import Testing

@testable import NexoCore

/// Shortcuts for webhook and Lead Ads tests.
enum IngestionTestSupport {
    /// A tenant in Argentina reading dates day first, in 2025.
    static let options = ImportOptions(defaultCountry: "AR", dateOrder: .dayFirst, currentYear: 2025)

    static func payload(_ json: String) throws -> JSONValue {
        try #require(JSONValue.parse(json), "not valid JSON: \(json)")
    }

    static func path(_ text: String) throws -> JSONPath {
        try JSONPath(parsing: text)
    }

    /// The guessed field of each path, by its canonical text.
    static func guessedFields(_ json: String) throws -> [String: ContactField] {
        let fields = WebhookMapping.guess(for: try payload(json))
        return Dictionary(uniqueKeysWithValues: fields.map { ($0.path.description, $0.field) })
    }

    /// The paths the guess sends to a field, in order.
    static func paths(to field: ContactField, in json: String) throws -> [String] {
        WebhookMapping.guess(for: try payload(json)).filter { $0.field == field }.map(\.path.description)
    }

    static func mapping(_ fields: [(String, ContactField)], idPath: String? = nil, filter: WebhookFilter? = nil) throws
        -> WebhookMapping
    {
        WebhookMapping(
            fields: try fields.map { WebhookFieldMapping(path: try path($0.0), field: $0.1) },
            idPath: try idPath.map(path), filter: filter)
    }

    /// The accepted row, or a recorded issue.
    static func acceptedRow(_ outcome: WebhookMappingOutcome) throws -> (ContactImportRow, String?) {
        guard case .accepted(let row, let eventID, _) = outcome else {
            Issue.record("expected an accepted payload, got \(outcome)")
            throw Unexpected()
        }
        return (row, eventID)
    }

    /// The problems of an unusable payload, or a recorded issue.
    static func problems(_ outcome: WebhookMappingOutcome) -> [ImportProblem] {
        guard case .unusable(let problems) = outcome else {
            Issue.record("expected an unusable payload, got \(outcome)")
            return []
        }
        return problems
    }

    struct Unexpected: Error {}
}
