import NIOCore

/// How to reach one SMTP server. The password never appears in `description`, so a configuration can be logged.
struct SMTPConfiguration: Sendable {
    enum Security: String, Sendable {
        /// Plain connection upgraded with STARTTLS before anything else is sent (submission, port 587).
        /// The upgrade is required: a server that does not offer it fails the send instead of downgrading.
        case startTLS
        /// TLS from the first byte (port 465).
        case implicitTLS
        /// No encryption at all; only for local test servers.
        case none

        var defaultPort: Int {
            switch self {
            case .startTLS: 587
            case .implicitTLS: 465
            case .none: 25
            }
        }
    }

    var host: String
    var port: Int
    var security: Security
    var username: String?
    var password: String?
    /// Name announced in EHLO; servers may check that it is this machine's domain name.
    var heloName: String
    /// Limit for connecting and for each exchange (a command and its reply, a TLS handshake, the message body).
    var timeout: Duration
    /// PEM certificates to trust instead of the system's roots, e.g. a test server's self-signed certificate.
    var trustRootsPEM: String?
    /// Off only for test servers: without verification anyone on the path can read the password.
    var verifyCertificate: Bool

    init(
        host: String, port: Int? = nil, security: Security = .startTLS, username: String? = nil,
        password: String? = nil, heloName: String = "localhost", timeout: Duration = .seconds(30),
        trustRootsPEM: String? = nil, verifyCertificate: Bool = true
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeout = timeout
        self.trustRootsPEM = trustRootsPEM
        self.verifyCertificate = verifyCertificate
    }

    var timeoutAmount: TimeAmount { TimeAmount(timeout) }
}

extension SMTPConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String {
        let user = username.map { " user \($0)" } ?? ""
        return "smtp \(host):\(port) \(security.rawValue)\(user)\(password == nil ? "" : " password ***")"
    }

    var debugDescription: String { description }

    /// dump() and debug printing show the description only, never the stored password.
    var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
