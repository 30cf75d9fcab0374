import Foundation
import NIOCore
import Vapor

/// What the HTTP e-mail providers (Resend, Gmail) share: a POST with a time limit whose network failures are
/// temporary, and the reading of their answers.
enum ProviderHTTP {
    /// Limit for one request, from connecting to the last byte of the answer.
    static let timeout: TimeAmount = .seconds(30)

    /// POSTs `body` to `url`. Not reaching the service, or no answer in time, is a temporary failure: the message
    /// may or may not have been taken, and the retry carries the same idempotency key or Message-ID.
    static func post(
        _ client: any Client, _ url: String, headers: HTTPHeaders, body: ByteBuffer, service: String,
        timeout: TimeAmount = timeout
    ) async throws(EmailFailure) -> ClientResponse {
        do {
            return try await client.post(URI(string: url), headers: headers) { request in
                request.body = body
                request.timeout = timeout
            }
        } catch is CancellationError {
            throw .temporary("sending through \(service) was interrupted")
        } catch {
            throw .temporary("\(service) could not be reached at \(url): \(describe(error, timeout: timeout))")
        }
    }

    /// The answer decoded as `T`, or nil when it is not that JSON.
    static func decode<T: Decodable>(_ type: T.Type, from response: ClientResponse) -> T? {
        guard let body = response.body else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    /// The start of a body that is not the expected JSON, on one line, for an error message.
    static func excerpt(_ response: ClientResponse) -> String {
        guard let body = response.body, body.readableBytes > 0 else { return "an empty body" }
        let text = String(decoding: body.readableBytesView.prefix(200), as: UTF8.self)
        return "\"" + text.split(whereSeparator: \.isNewline).joined(separator: " ") + "\""
    }

    /// `Retry-After` in seconds (the form both Resend and Google use), capped at a day.
    static func retryAfter(_ response: ClientResponse) -> Duration? {
        guard let raw = response.headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces),
            let seconds = Int(raw), seconds >= 0
        else { return nil }
        return .seconds(min(seconds, 86_400))
    }

    /// Whether retrying later can help: rate limits, timeouts and the service's own trouble.
    static func isTemporary(_ status: HTTPResponseStatus) -> Bool {
        [408, 425, 429].contains(status.code) || status.code >= 500
    }

    /// application/x-www-form-urlencoded, every value percent-encoded (RFC 6749 §4.1.3, Appendix B).
    static func formEncoded(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet()
        allowed.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    private static func describe(_ error: any Error, timeout: TimeAmount) -> String {
        if let error = error as? HTTPClientError,
            [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error)
        {
            let milliseconds = timeout.nanoseconds / 1_000_000
            return "no answer within " + (milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms")
        }
        return String(describing: error)
    }
}
