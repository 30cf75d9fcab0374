import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends a rendered message to one SMTP server: EHLO (or HELO), STARTTLS, AUTH PLAIN or LOGIN, MAIL FROM,
/// RCPT TO for each recipient, DATA, QUIT. One connection per message; every step has a timeout.
///
/// All recipients must be accepted or nothing is sent, so a retry never delivers twice to the ones that were.
struct SMTPClient: Sendable {
    let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    private let tls: NIOSSLContext?

    /// - Throws: `SMTPError.tlsFailed` when the trust roots are not valid PEM.
    init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.configuration = configuration
        self.group = group
        if configuration.security == .none {
            tls = nil
            return
        }
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if !configuration.verifyCertificate { tlsConfiguration.certificateVerification = .none }
        do {
            if let pem = configuration.trustRootsPEM {
                tlsConfiguration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
            }
            tls = try NIOSSLContext(configuration: tlsConfiguration)
        } catch {
            throw SMTPError.tlsFailed("invalid TLS configuration: \(error)")
        }
    }

    /// Hands `data` (a rendered RFC 5322 message) to the server for `recipients`.
    /// - Throws: `SMTPError`, whose `isPermanent` tells whether retrying can help, or `CancellationError`.
    func send(from sender: String, recipients: [String], data: String) async throws {
        try Self.validateEnvelope(sender: sender, recipients: recipients)
        let connection = try await SMTPConnection.connect(
            host: configuration.host, port: configuration.port,
            tls: configuration.security == .implicitTLS ? tls : nil, timeout: configuration.timeoutAmount, group: group)
        do {
            try await transaction(on: connection, sender: sender, recipients: recipients, data: data)
        } catch let error as SMTPError {
            switch error {
            case .rejected, .authenticationFailed:
                // After a refusal the server is still listening; say goodbye so it does not log a dropped client.
                _ = try? await connection.command("QUIT")
            default:
                break
            }
            await connection.close()
            throw error
        } catch {
            // Cancellation stays a CancellationError, so a worker shutting down is not counted as a failed send.
            await connection.close()
            throw error is CancellationError ? error : SMTPError(error)
        }
        await connection.close()
    }

    private func transaction(on connection: SMTPConnection, sender: String, recipients: [String], data: String)
        async throws
    {
        try expect(await connection.readReply(), [220], "greeting")
        var capabilities = try await hello(on: connection, allowHELO: true)
        if configuration.security == .startTLS, let tls {
            guard capabilities.supports("STARTTLS") else {
                throw SMTPError.tlsFailed("the server does not offer STARTTLS")
            }
            try expect(await connection.command("STARTTLS"), [220], "STARTTLS")
            try await connection.startTLS(context: tls, host: configuration.host)
            // What the server offered before TLS may have been forged: ask again (RFC 3207 §4.2).
            capabilities = try await hello(on: connection, allowHELO: false)
        }
        if let username = configuration.username {
            try await authenticate(on: connection, capabilities: capabilities, username: username)
        }
        // Rendered messages are 7-bit; raw UTF-8 (addresses in headers) needs the server's 8BITMIME.
        let eightBit = !data.utf8.allSatisfy { $0 < 0x80 } && capabilities.supports("8BITMIME")
        try expect(await connection.command("MAIL FROM:<\(sender)>" + (eightBit ? " BODY=8BITMIME" : "")), [250], "MAIL FROM")
        for recipient in recipients {
            try expect(await connection.command("RCPT TO:<\(recipient)>"), [250, 251], "RCPT TO")
        }
        try expect(await connection.command("DATA"), [354], "DATA")
        try expect(await connection.send(ByteBuffer(bytes: SMTPMessageData.encode(data))), [250], "message")
        // The message is accepted; a failed QUIT changes nothing.
        _ = try? await connection.command("QUIT")
    }

    /// EHLO, or HELO for servers that refuse EHLO with a 5xx (RFC 5321 §3.2).
    private func hello(on connection: SMTPConnection, allowHELO: Bool) async throws -> SMTPCapabilities {
        let reply = try await connection.command("EHLO \(configuration.heloName)")
        if reply.code == 250 { return SMTPCapabilities(ehlo: reply) }
        guard allowHELO && reply.isPermanentFailure else { throw rejection(reply, "EHLO") }
        try expect(await connection.command("HELO \(configuration.heloName)"), [250], "HELO")
        return SMTPCapabilities()
    }

    /// AUTH PLAIN when offered, else AUTH LOGIN. Only over TLS, unless the configuration asked for none.
    private func authenticate(on connection: SMTPConnection, capabilities: SMTPCapabilities, username: String)
        async throws
    {
        let password = configuration.password ?? ""
        let mechanisms = capabilities.authMechanisms
        let reply: SMTPReply
        if mechanisms.contains("PLAIN") {
            let token = Self.base64("\0\(username)\0\(password)")
            var answer = try await connection.command("AUTH PLAIN \(token)")
            // Servers that ignore the initial response ask for it with an empty 334.
            if answer.code == 334 { answer = try await connection.command(token) }
            reply = answer
        } else if mechanisms.contains("LOGIN") {
            try expectChallenge(await connection.command("AUTH LOGIN"))
            try expectChallenge(await connection.command(Self.base64(username)))
            reply = try await connection.command(Self.base64(password))
        } else {
            let offered = mechanisms.isEmpty ? "none" : mechanisms.sorted().joined(separator: " ")
            throw SMTPError.authenticationFailed(code: nil, message: "no supported mechanism (server offers: \(offered))")
        }
        guard reply.code == 235 else {
            throw SMTPError.authenticationFailed(code: reply.code, message: redacted(reply.text, username: username))
        }
    }

    private func expectChallenge(_ reply: SMTPReply) throws {
        guard reply.code == 334 else {
            throw SMTPError.authenticationFailed(code: reply.code, message: redacted(reply.text, username: nil))
        }
    }

    /// Server text may echo what it was sent; credentials never reach an error message.
    private func redacted(_ text: String, username: String?) -> String {
        var text = text
        var secrets = [configuration.password, username.map(Self.base64), configuration.password.map(Self.base64)]
        if let username { secrets.append(Self.base64("\0\(username)\0\(configuration.password ?? "")")) }
        for case let secret? in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "***")
        }
        return text
    }

    private func expect(_ reply: SMTPReply, _ codes: Set<Int>, _ step: String) throws {
        guard !codes.contains(reply.code) else { return }
        throw rejection(reply, step)
    }

    /// 4xx and 5xx are the server's decision (temporary or permanent); any other unexpected code is confusion.
    private func rejection(_ reply: SMTPReply, _ step: String) -> SMTPError {
        guard reply.isTransientFailure || reply.isPermanentFailure else {
            return SMTPError.protocolError("unexpected reply \(reply.code) to \(step)")
        }
        return SMTPError.rejected(
            code: reply.code, message: "\(step): \(reply.text)", permanent: reply.isPermanentFailure)
    }

    /// Addresses go into command lines verbatim, so anything that could end or bend the line is refused.
    static func validateEnvelope(sender: String, recipients: [String]) throws {
        guard !recipients.isEmpty else { throw SMTPError.invalidEnvelope("no recipients") }
        func isValid(_ address: String) -> Bool {
            address.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && $0 != "<" && $0 != ">" }
        }
        // An empty sender is the null reverse-path of bounces and is allowed.
        guard isValid(sender) else { throw SMTPError.invalidEnvelope("the sender contains spaces, brackets or line breaks") }
        for (index, recipient) in recipients.enumerated() where recipient.isEmpty || !isValid(recipient) {
            throw SMTPError.invalidEnvelope("recipient \(index + 1) is empty or contains spaces, brackets or line breaks")
        }
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
