import Foundation

/// An e-mail ready to hand to SMTP: `render()` writes it as RFC 5322 text with MIME parts.
///
/// Bodies are UTF-8 in quoted-printable; with an HTML body the message is multipart/alternative with the
/// text part first, as clients show the last part they understand.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    public var textBody: String
    public var htmlBody: String?
    /// Extra headers such as List-Unsubscribe, written after the standard ones in this order.
    public var headers: [MailHeader]
    public var date: Date
    /// With its angle brackets: "<4f1c…@example.com>".
    public var messageID: String

    public init(
        from: MailAddress, to: [MailAddress], replyTo: MailAddress? = nil, subject: String, textBody: String,
        htmlBody: String? = nil, headers: [MailHeader] = [], date: Date = Date(), messageID: String? = nil
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.headers = headers
        self.date = date
        self.messageID = messageID.map { $0.hasPrefix("<") ? $0 : "<\($0)>" } ?? Self.newMessageID(from: from.address)
    }

    /// The envelope recipients (RCPT TO) for this message.
    public var recipientAddresses: [String] { to.map(\.address) }

    /// "<random@domain-of-from>"; the sender's domain keeps IDs unique per domain and looks right to spam filters.
    static func newMessageID(from address: String) -> String {
        let domain = address.split(separator: "@").last.map(String.init) ?? ""
        let usable = !domain.isEmpty && domain.unicodeScalars.allSatisfy { MailAddress.isAtext($0) || $0 == "." }
        let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return "<\(random)@\(usable ? domain : "localhost")>"
    }

    /// Headers the message writes itself; an extra header with one of these names is refused.
    static let reservedHeaders: Set<String> = [
        "date", "from", "to", "reply-to", "message-id", "subject", "mime-version", "content-type",
        "content-transfer-encoding", "cc", "bcc", "sender",
    ]

    /// The message as RFC 5322 text with CRLF line endings.
    /// - Throws: `MailMessageError` for header injection, invalid addresses or header names, no recipients.
    public func render() throws -> String {
        // "=_" cannot occur in quoted-printable text ("=" is always followed by hex digits or a line break),
        // so the boundary never collides with a body.
        let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return try render(boundary: "=_nexo_" + random)
    }

    func render(boundary: String) throws -> String {
        guard !to.isEmpty else { throw MailMessageError.noRecipients }
        var text = ""
        text += try MailHeader.fold(name: "Date", tokens: [MailDate.format(date)])
        text += try addressHeader("From", [from])
        text += try addressHeader("To", to)
        if let replyTo { text += try addressHeader("Reply-To", [replyTo]) }
        if messageID.unicodeScalars.contains(where: { MailHeader.isForbidden($0) || $0 == " " || $0 == "\t" }) {
            throw MailMessageError.headerInjection(field: "Message-ID")
        }
        text += try MailHeader.fold(name: "Message-ID", tokens: [messageID])
        text += try unstructuredHeader("Subject", subject)
        text += "MIME-Version: 1.0\r\n"
        for header in headers {
            guard MailHeader.isValidName(header.name) else { throw MailMessageError.invalidHeaderName(header.name) }
            guard !Self.reservedHeaders.contains(header.name.lowercased()) else {
                throw MailMessageError.reservedHeader(header.name)
            }
            text += try unstructuredHeader(header.name, header.value, verbatimWhenASCII: true)
        }
        guard let htmlBody else { return text + Self.part(type: "text/plain", body: textBody) }
        text += "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n"
        // The CRLF before a boundary belongs to the boundary, so each body gets one more to keep its last line break.
        text += "--\(boundary)\r\n" + Self.part(type: "text/plain", body: textBody)
        text += "\r\n--\(boundary)\r\n" + Self.part(type: "text/html", body: htmlBody)
        return text + "\r\n--\(boundary)--\r\n"
    }

    /// Content headers, blank line and quoted-printable body, ending with CRLF.
    private static func part(type: String, body: String) -> String {
        "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + QuotedPrintable.encode(body)
    }

    private func addressHeader(_ name: String, _ addresses: [MailAddress]) throws -> String {
        var tokens: [String] = []
        for (index, address) in addresses.enumerated() {
            let first = tokens.isEmpty ? MailHeader.firstMaximum(for: name) : EncodedWord.maximumLength
            var mailbox = try address.headerTokens(field: name, firstMaximum: first)
            if index < addresses.count - 1 { mailbox[mailbox.count - 1] += "," }
            tokens += mailbox
        }
        return try MailHeader.fold(name: name, tokens: tokens)
    }

    private func unstructuredHeader(_ name: String, _ value: String, verbatimWhenASCII: Bool = false) throws -> String {
        guard !value.unicodeScalars.contains(where: MailHeader.isForbidden) else {
            throw MailMessageError.headerInjection(field: name)
        }
        let trimmed = value.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if verbatimWhenASCII && trimmed.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return try MailHeader.fold(name: name, tokens: MailHeader.verbatimTokens(trimmed))
        }
        let tokens = MailHeader.unstructuredTokens(
            verbatimWhenASCII ? trimmed : value, firstMaximum: MailHeader.firstMaximum(for: name))
        return try MailHeader.fold(name: name, tokens: tokens)
    }
}
