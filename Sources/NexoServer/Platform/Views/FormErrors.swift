import NexoCore
import Vapor

/// Field errors for a form, keyed by field, translated: `errors.email` in a template.
struct FormErrors: Encodable, Sendable {
    let byField: [String: String]

    static let none = FormErrors(byField: [:])

    init(byField: [String: String]) { self.byField = byField }

    init(_ failure: ValidationFailure, req: Request) {
        var byField: [String: String] = [:]
        for error in failure.errors { byField[error.field] = req.t("error.\(error.code)", fallback: error.message) }
        self.byField = byField
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        var dict = byField
        dict["any"] = byField.isEmpty ? nil : "1"
        try container.encode(dict)
    }
}
