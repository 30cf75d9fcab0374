/// One error as Meta reports it inside a webhook: on a `failed` status, on a message it could not pass on
/// (`unsupported`), or for a whole change.
///
/// Titles are not for logic (Meta will deprecate them); `code` is.
public struct WhatsAppErrorReport: Sendable, Hashable {
    public let code: Int
    public let title: String?
    public let message: String?
    /// `error_data.details`: the most specific explanation Meta gives.
    public let details: String?

    public init(code: Int, title: String? = nil, message: String? = nil, details: String? = nil) {
        self.code = code
        self.title = title
        self.message = message
        self.details = details
    }

    /// Whether sending again can help; 131047 on a failed status means the window closed before delivery.
    public var retry: RetryAdvice { RetryAdvice(code: code) }

    /// Nil without a numeric `code`: nothing to act on.
    init?(_ object: GraphObject) {
        guard let code = object.int("code") else { return nil }
        self.init(
            code: code, title: object.string("title"), message: object.string("message"),
            details: object.object("error_data")?.string("details"))
    }
}
