import Foundation
import NIOCore
import Vapor

/// Sends through Resend's HTTP API: `POST {base}/emails` with the tenant's API key.
///
/// The `Idempotency-Key` is the message's Message-ID, which a delivery keeps across retries, so a retry after a
/// timeout (Resend took the message but the answer was lost) gets the first e-mail's id instead of a second e-mail.
struct ResendEmailProvider: EmailProvider {
    let client: any Client
    let apiKey: String
    /// Without a trailing slash, e.g. https://api.resend.com.
    let baseURL: String
    var timeout: TimeAmount = ProviderHTTP.timeout

    var name: String { "resend" }

    /// The JSON body of POST /emails.
    struct Request: Encodable, Sendable {
        var from: String
        var to: [String]
        var subject: String
        var text: String
        var html: String?
        var replyTo: String?
        var headers: [String: String]?

        enum CodingKeys: String, CodingKey {
            case from, to, subject, text, html, headers
            case replyTo = "reply_to"
        }
    }

    /// `{"id": "…"}`
    struct Accepted: Decodable { var id: String }

    /// `{"statusCode": 422, "message": "…", "name": "validation_error"}`
    struct Failure: Decodable {
        var statusCode: Int?
        var message: String?
        var name: String?
    }

    func send(_ message: OutgoingMessage, from identity: EmailIdentity) async throws(EmailFailure) -> String? {
        let body: ByteBuffer
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            body = ByteBuffer(data: try encoder.encode(Self.request(message, from: identity)))
        } catch {
            throw .permanent("the e-mail cannot be written as JSON: \(error)")
        }
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: apiKey)
        headers.contentType = .json
        headers.add(name: .accept, value: "application/json")
        headers.add(name: "Idempotency-Key", value: Self.idempotencyKey(message.messageID))
        let response = try await ProviderHTTP.post(
            client, baseURL + "/emails", headers: headers, body: body, service: "Resend", timeout: timeout)
        guard (200..<300).contains(response.status.code) else { throw Self.failure(response) }
        guard let accepted = ProviderHTTP.decode(Accepted.self, from: response) else {
            // Taken (2xx) but not the expected answer: the e-mail is on its way, only its id is unknown.
            return nil
        }
        return accepted.id
    }

    static func request(_ message: OutgoingMessage, from identity: EmailIdentity) -> Request {
        var extra: [String: String] = [:]
        for header in message.headers { extra[header.name] = header.value }
        return Request(
            from: mailbox(identity.address, name: identity.name), to: [message.toAddress], subject: message.subject,
            text: message.text, html: message.html, replyTo: identity.replyTo, headers: extra.isEmpty ? nil : extra)
    }

    /// "Name <address>", the name quoted when it holds characters that mean something in an address.
    static func mailbox(_ address: String, name: String?) -> String {
        let name = (name ?? "").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return address }
        let special = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        guard name.unicodeScalars.contains(where: special.contains) else { return "\(name) <\(address)>" }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\" <\(address)>"
    }

    /// The Message-ID without its angle brackets; Resend allows 1 to 256 characters.
    static func idempotencyKey(_ messageID: String) -> String {
        var key = Substring(messageID)
        if key.hasPrefix("<") { key = key.dropFirst() }
        if key.hasSuffix(">") { key = key.dropLast() }
        return String(key.prefix(256))
    }

    /// Resend's refusal as a failure: what the caller got wrong is permanent, limits and Resend's trouble are not.
    static func failure(_ response: ClientResponse) -> EmailFailure {
        let status = response.status.code
        let error = ProviderHTTP.decode(Failure.self, from: response)
        let detail = error?.message ?? ProviderHTTP.excerpt(response)
        let reason = "Resend answered \(status)\(error?.name.map { " \($0)" } ?? ""): \(detail)"
        switch status {
        case 409 where error?.name == "concurrent_idempotent_requests":
            // The first attempt with this key is still being processed: its outcome will be known shortly.
            return .temporary(reason, retryAfter: .seconds(5))
        case _ where ProviderHTTP.isTemporary(response.status):
            return .temporary(reason, retryAfter: ProviderHTTP.retryAfter(response))
        case 401, 403:
            return .permanent(reason + " (check the Resend API key and the sending domain in Settings → E-mail)")
        default:
            return .permanent(reason)
        }
    }
}
