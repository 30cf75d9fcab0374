/// One problem with one input field. `code` is stable and translated in the UI; `message` is English for the API.
public struct FieldError: Sendable, Hashable, Codable, Error {
    public let field: String
    public let code: String
    public let message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// Thrown when input fails validation; carries every problem found, not only the first.
public struct ValidationFailure: Error, Sendable, Equatable {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}
