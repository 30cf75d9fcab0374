import Foundation

/// The Graph API's refusal of a request (`{"error":{"code":130429,"message":"(#130429) Rate limit hit",…}}`), or a
/// stand-in when the answer could not be read.
public struct WhatsAppAPIError: Error, Sendable, Hashable {
    /// The HTTP status of the answer, when known.
    public let httpStatus: Int?
    /// Meta's error code; nil when the body held no Graph error (an HTML error page from a proxy, an empty body).
    public let code: Int?
    public let subcode: Int?
    /// `OAuthException`, `GraphMethodException`, …
    public let type: String?
    /// `error_user_title`, else the message without its "(#code) " prefix: the code's title.
    public let title: String?
    public let message: String
    /// `error_data.details`: the most specific explanation Meta gives.
    public let details: String?
    /// Quote it to Meta's support.
    public let fbtraceID: String?

    public init(
        httpStatus: Int?, code: Int?, subcode: Int? = nil, type: String? = nil, title: String? = nil, message: String,
        details: String? = nil, fbtraceID: String? = nil
    ) {
        self.httpStatus = httpStatus
        self.code = code
        self.subcode = subcode
        self.type = type
        self.title = title
        self.message = message
        self.details = details
        self.fbtraceID = fbtraceID
    }

    /// Whether and how to send again.
    public var retry: RetryAdvice { RetryAdvice(code: code, httpStatus: httpStatus) }

    /// The `error` of a Graph API answer; nil when the body has none.
    public static func parse(_ body: Data, httpStatus: Int?) -> WhatsAppAPIError? {
        guard let root = GraphObject(try? JSONDecoder().decode(JSONValue.self, from: body)),
            let error = root.object("error")
        else { return nil }
        let code = error.int("code")
        let message = error.string("message") ?? error.string("error_user_msg") ?? "Error without a message"
        return WhatsAppAPIError(
            httpStatus: httpStatus, code: code, subcode: error.int("error_subcode"), type: error.string("type"),
            title: error.string("error_user_title") ?? Self.title(fromMessage: message, code: code),
            message: message, details: error.object("error_data")?.string("details"),
            fbtraceID: error.string("fbtrace_id"))
    }

    /// "(#130429) Rate limit hit" → "Rate limit hit"; nil when the message does not start with its code.
    private static func title(fromMessage message: String, code: Int?) -> String? {
        guard let code else { return nil }
        let prefix = "(#\(code)) "
        guard message.hasPrefix(prefix) else { return nil }
        let title = String(message.dropFirst(prefix.count)).trimmedWhitespace
        return title.isEmpty ? nil : title
    }
}

extension WhatsAppAPIError: CustomStringConvertible {
    public var description: String {
        let status = httpStatus.map { "HTTP \($0)" } ?? "no HTTP status"
        let codeText = code.map { "code \($0)" } ?? "no code"
        return "WhatsApp API error (\(status), \(codeText)): \(details ?? message)"
    }
}
