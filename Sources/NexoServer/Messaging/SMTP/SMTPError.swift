import NIOCore
import NIOSSL

/// Why a message could not be handed to the SMTP server. Messages carry the server's reply text but
/// never the credentials.
enum SMTPError: Error, Sendable, Equatable {
    /// The server could not be reached or closed the connection.
    case connectionFailed(String)
    /// The TLS handshake or certificate check failed, or STARTTLS was required but not offered.
    case tlsFailed(String)
    /// The server refused the credentials (code 535), or offered no mechanism we speak (code nil).
    case authenticationFailed(code: Int?, message: String)
    /// A reply of 4xx (try again later) or 5xx (do not retry) to the greeting, MAIL, RCPT or DATA.
    case rejected(code: Int, message: String, permanent: Bool)
    /// Connecting or waiting for a reply took longer than the configured timeout.
    case timeout
    /// The server said something that is not SMTP, or not what the exchange allows.
    case protocolError(String)
    /// The sender or a recipient cannot be written into an SMTP command (line breaks, angle brackets, none at all).
    case invalidEnvelope(String)

    /// Whether retrying the same message can only fail again, so the job should be dead-lettered.
    /// Configuration problems (certificates, credentials, addresses) are permanent; network trouble is not.
    var isPermanent: Bool {
        switch self {
        case .rejected(_, _, let permanent): permanent
        case .authenticationFailed(let code, _): (code ?? 500) >= 500
        case .tlsFailed, .invalidEnvelope: true
        case .connectionFailed, .timeout, .protocolError: false
        }
    }

    /// Any error thrown while talking to the server, as an SMTPError.
    init(_ error: any Error) {
        switch error {
        case let error as SMTPError: self = error
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: self = .tlsFailed(Self.tlsReason(error))
        case ChannelError.connectTimeout: self = .timeout
        default: self = .connectionFailed(String(describing: error))
        }
    }

    /// "CERTIFICATE_VERIFY_FAILED" rather than BoringSSL's whole error stack with source paths.
    private static func tlsReason(_ error: any Error) -> String {
        let text = String(describing: error)
        guard let marker = text.range(of: "OPENSSL_internal:") else { return text }
        let reason = text[marker.upperBound...].prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
        let step = text.hasPrefix("handshakeFailed") ? "handshake failed: " : ""
        return reason.isEmpty ? text : step + reason
    }
}
