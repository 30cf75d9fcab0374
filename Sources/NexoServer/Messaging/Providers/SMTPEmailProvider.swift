import Foundation
import NIOCore
import NIOPosix

/// Sends through the tenant's own SMTP server (their mail host, a relay, a transactional service's SMTP).
/// One connection per message; the Message-ID is the delivery's, so a resend after a crash can be recognised.
struct SMTPEmailProvider: EmailProvider {
    let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    /// Whether the tenant's server may be on a private address (`NEXO_ALLOW_PRIVATE_NETWORK`).
    private let allowPrivateNetwork: Bool

    var name: String { "smtp" }

    init(
        configuration: SMTPConfiguration, allowPrivateNetwork: Bool = false,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.allowPrivateNetwork = allowPrivateNetwork
        self.group = group
    }

    func send(_ message: OutgoingMessage, from identity: EmailIdentity) async throws(EmailFailure) -> String? {
        if case .refused(let reason) = await OutboundAddress.check(configuration.host, allowPrivate: allowPrivateNetwork) {
            throw .permanent("SMTP server refused: \(reason)")
        }
        let data = try message.mime(from: identity)
        do {
            let client = try SMTPClient(configuration: configuration, group: group)
            try await client.send(from: identity.address, recipients: [message.toAddress], data: data)
        } catch let error as SMTPError {
            throw failure(error)
        } catch {
            // Cancellation: the worker is stopping; the job runs again and resends with the same Message-ID.
            throw .temporary("sending through \(server) was interrupted")
        }
        // SMTP servers give no id that can be looked up later.
        return nil
    }

    private var server: String { "the SMTP server \(configuration.host):\(configuration.port)" }

    /// What the SMTP client's error means for the message. The password never appears: the client redacts
    /// what the server echoes, and only the user name is named here.
    func failure(_ error: SMTPError) -> EmailFailure {
        let reason: String
        switch error {
        case .authenticationFailed(let code?, let text) where code >= 500:
            let user = configuration.username.map { " for \"\($0)\"" } ?? ""
            reason = "\(server) refused the username/password\(user) (\(code) \(text)); check them in Settings → E-mail"
        case .authenticationFailed(let code?, let text):
            reason = "\(server) could not check the username/password right now (\(code) \(text))"
        case .authenticationFailed(nil, let text):
            reason = "\(server) offers no sign-in method Nexo supports: \(text)"
        case .rejected(let code, let text, let permanent):
            reason = "\(server) \(permanent ? "rejected" : "deferred") the message: \(code) \(text)"
        case .tlsFailed(let text):
            reason = "TLS with \(server) failed (\(text)); check the host name, port and security setting"
        case .invalidEnvelope(let text):
            reason = "the address cannot be used with SMTP: \(text)"
        case .connectionFailed(let text):
            reason = "\(server) could not be reached: \(text)"
        case .timeout:
            reason = "\(server) did not answer in time"
        case .protocolError(let text):
            reason = "\(server) answered in a way Nexo does not understand: \(text)"
        }
        return error.isPermanent ? .permanent(reason) : .temporary(reason)
    }
}
