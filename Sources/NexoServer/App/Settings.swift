import Foundation
import Logging
import NexoCore

/// All of Nexo's configuration, read once at start from `NEXO_…` variables (and a `.env` file) and passed down.
public struct Settings: Sendable {
    public enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public enum LogFormat: String, Sendable { case json, text }

    public var database: Database
    public var dataDirectory: String
    public var host: String
    public var port: Int
    public var publicURL: String
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// Base64 of 32 bytes; when absent a key file is created in the data directory.
    public var masterKey: String?
    public var maxBodySize: Int
    /// Largest CSV file an import accepts; uploads stream to disk, so it is not held in memory.
    public var importMaxSize: Int
    public var signInMaxFailures: Int
    public var signInLockSeconds: Int
    public var runWorker: Bool
    /// Lets tenants' webhooks and SMTP servers point at private addresses (a relay inside the operator's network).
    public var allowPrivateNetwork: Bool
    public var workerConcurrency: Int
    public var jobRetentionDays: Int
    /// How long a worker's claim on a job lasts without renewal: a crashed worker's jobs run again after it.
    public var jobLeaseSeconds: Int
    public var databasePoolSize: Int
    public var bcryptCost: Int
    /// Where the external e-mail providers are reached; tests point them at local fakes.
    public var resendBaseURL: String
    public var gmailAPIBaseURL: String
    public var googleOAuthBaseURL: String
    public var googleAuthorizeURL: String
    /// Largest body an inbound webhook (`/hooks/in/…`) accepts; bigger ones get 413 and are logged without the body.
    public var webhookMaxBody: Int
    /// Meta's Graph API (lead retrieval), and the app-level secret and verify token of the Meta app whose webhooks
    /// reach `/hooks/meta/leadgen`; a connected page may carry its own app secret instead.
    public var metaGraphBaseURL: String
    public var metaGraphVersion: String
    public var metaAppSecret: String?
    public var metaVerifyToken: String?

    public var cookiesAreSecure: Bool { publicURL.lowercased().hasPrefix("https://") }

    /// Every variable Nexo reads, with its default and meaning; docs/configuration.md lists the same.
    public static let variables: [(name: String, defaultValue: String, meaning: String)] = [
        (
            "NEXO_DATABASE_URL", "(empty: SQLite)",
            "postgres://user:pass@host:5432/db to use PostgreSQL; sqlite:///path/file.sqlite for another SQLite file"
        ),
        ("NEXO_DATA_DIR", "./data", "Directory for the SQLite database, the master key file and stored files"),
        ("NEXO_HOST", "0.0.0.0", "Address the HTTP server listens on"),
        ("NEXO_PORT", "8080", "Port the HTTP server listens on"),
        ("NEXO_PUBLIC_URL", "http://localhost:<port>", "URL users reach Nexo at; used in links and to decide Secure cookies"),
        ("NEXO_LOG_LEVEL", "info", "trace, debug, info, notice, warning, error or critical"),
        ("NEXO_LOG_FORMAT", "json", "json (one object per line) or text"),
        (
            "NEXO_MASTER_KEY", "(key file)",
            "Base64 of 32 random bytes sealing stored secrets; default: data/master.key, created on first run"
        ),
        ("NEXO_MAX_BODY_SIZE", "1mb", "Largest request body accepted (e.g. 512kb, 10mb)"),
        ("NEXO_IMPORT_MAX_SIZE", "500mb", "Largest CSV file a contact import accepts (streamed to the data directory)"),
        ("NEXO_SIGNIN_MAX_FAILURES", "5", "Failed sign-ins per e-mail or IP before a pause"),
        ("NEXO_SIGNIN_LOCK_SECONDS", "900", "Length of that pause, in seconds"),
        ("NEXO_WORKER", "true", "Whether `nexo serve` also runs the background worker and scheduler"),
        (
            "NEXO_ALLOW_PRIVATE_NETWORK", "false",
            "Let businesses' webhook steps and SMTP servers reach private, loopback and link-local addresses"
        ),
        ("NEXO_WORKER_CONCURRENCY", "10", "Jobs one worker process runs at the same time"),
        ("NEXO_JOB_RETENTION_DAYS", "7", "Days completed and cancelled jobs are kept before they are pruned"),
        ("NEXO_JOB_LEASE_SECONDS", "60", "Seconds after which a vanished worker's jobs run again elsewhere"),
        ("NEXO_DATABASE_POOL_SIZE", "8", "Database connections per event loop"),
        ("NEXO_BCRYPT_COST", "12", "Work factor of password hashes (4 to 16; lower only for tests)"),
        ("NEXO_RESEND_BASE_URL", "https://api.resend.com", "Base URL of Resend's e-mail API"),
        ("NEXO_GMAIL_API_BASE_URL", "https://gmail.googleapis.com", "Base URL of the Gmail API"),
        ("NEXO_GOOGLE_OAUTH_BASE_URL", "https://oauth2.googleapis.com", "Base URL of Google's OAuth 2.0 token endpoint"),
        (
            "NEXO_GOOGLE_AUTHORIZE_URL", "https://accounts.google.com/o/oauth2/v2/auth",
            "Google's OAuth 2.0 consent page, where “Connect with Google” sends the user"
        ),
        ("NEXO_WEBHOOK_MAX_BODY", "256kb", "Largest body an inbound webhook accepts (bigger ones are answered 413)"),
        ("NEXO_META_GRAPH_URL", "https://graph.facebook.com", "Base URL of Meta's Graph API (Lead Ads retrieval)"),
        ("NEXO_META_GRAPH_VERSION", "v21.0", "Graph API version used in its URLs"),
        (
            "NEXO_META_APP_SECRET", "(empty)",
            "App secret of the Meta app sending Lead Ads webhooks; checks X-Hub-Signature-256 (a page may carry its own)"
        ),
        (
            "NEXO_META_VERIFY_TOKEN", "(empty)",
            "Verify token for Meta's webhook handshake at /hooks/meta/leadgen (each connected page also has its own)"
        ),
    ]

    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let messages: [String]
        public var description: String {
            "Nexo cannot start, the configuration has problems:\n" + messages.map { "  - " + $0 }.joined(separator: "\n")
        }
    }

    /// Reads the settings from the process environment, with a `.env` file in the working directory underneath it.
    public static func fromEnvironment(workingDirectory: String = FileManager.default.currentDirectoryPath) throws(Problem)
        -> Settings
    {
        var values: [String: String] = [:]
        let dotenvPath = workingDirectory + "/.env"
        if let text = try? String(contentsOfFile: dotenvPath, encoding: .utf8) {
            values = DotEnv.parse(text)
        }
        for (key, value) in ProcessInfo.processInfo.environment where key.hasPrefix("NEXO_") {
            values[key] = value
        }
        return try parse(values)
    }

    /// Checks every value and reports all wrong ones at once, each with what was expected.
    public static func parse(_ env: [String: String]) throws(Problem) -> Settings {
        var problems: [String] = []
        func value(_ key: String) -> String? {
            guard let raw = env[key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func integer(_ key: String, default defaultValue: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = value(key) else { return defaultValue }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(key)=\(raw) is not a whole number between \(range.lowerBound) and \(range.upperBound)")
                return defaultValue
            }
            return number
        }
        func boolean(_ key: String, default defaultValue: Bool) -> Bool {
            guard let raw = value(key)?.lowercased() else { return defaultValue }
            switch raw {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default:
                problems.append("\(key)=\(raw) must be true or false")
                return defaultValue
            }
        }

        let dataDirectory = value("NEXO_DATA_DIR") ?? "./data"
        var database = Database.sqlite(path: dataDirectory + "/nexo.sqlite")
        if let url = value("NEXO_DATABASE_URL") {
            let lower = url.lowercased()
            if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
                if URL(string: url)?.host == nil {
                    problems.append("NEXO_DATABASE_URL has no host; expected postgres://user:password@host:5432/database")
                }
                database = .postgres(url: url)
            } else if lower.hasPrefix("sqlite://") {
                let path = String(url.dropFirst("sqlite://".count))
                if path.isEmpty {
                    problems.append("NEXO_DATABASE_URL=sqlite:// needs a file path, e.g. sqlite:///var/lib/nexo/nexo.sqlite")
                }
                database = .sqlite(path: path)
            } else {
                problems.append(
                    "NEXO_DATABASE_URL must start with postgres://, postgresql:// or sqlite:// (got \(url.prefix(12))…)")
            }
        }

        /// An http(s) URL with a host, without a trailing slash.
        func baseURL(_ key: String, default defaultValue: String) -> String {
            guard let raw = value(key) else { return defaultValue }
            guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                url.host != nil, url.query == nil
            else {
                problems.append("\(key)=\(raw) must be an http:// or https:// URL such as \(defaultValue)")
                return defaultValue
            }
            return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
        }

        let port = integer("NEXO_PORT", default: 8080, range: 1...65535)
        let publicURL = value("NEXO_PUBLIC_URL") ?? "http://localhost:\(port)"
        if let url = URL(string: publicURL), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil
        {
        } else {
            problems.append("NEXO_PUBLIC_URL=\(publicURL) must be an http:// or https:// URL")
        }

        var logLevel = Logger.Level.info
        if let raw = value("NEXO_LOG_LEVEL") {
            if let level = Logger.Level(rawValue: raw.lowercased()) {
                logLevel = level
            } else {
                problems.append("NEXO_LOG_LEVEL=\(raw) must be one of trace, debug, info, notice, warning, error, critical")
            }
        }
        var logFormat = LogFormat.json
        if let raw = value("NEXO_LOG_FORMAT") {
            if let format = LogFormat(rawValue: raw.lowercased()) {
                logFormat = format
            } else {
                problems.append("NEXO_LOG_FORMAT=\(raw) must be json or text")
            }
        }

        let masterKey = value("NEXO_MASTER_KEY")
        if let masterKey, Data(base64Encoded: masterKey)?.count != 32 {
            problems.append("NEXO_MASTER_KEY must be the base64 of exactly 32 bytes (try: openssl rand -base64 32)")
        }

        var maxBodySize = 1 << 20
        if let raw = value("NEXO_MAX_BODY_SIZE") {
            if let bytes = parseByteCount(raw), bytes >= 1024 {
                maxBodySize = bytes
            } else {
                problems.append("NEXO_MAX_BODY_SIZE=\(raw) must be a size like 512kb or 10mb (at least 1kb)")
            }
        }

        var importMaxSize = 500 << 20
        if let raw = value("NEXO_IMPORT_MAX_SIZE") {
            if let bytes = parseByteCount(raw), bytes >= 1024 {
                importMaxSize = bytes
            } else {
                problems.append("NEXO_IMPORT_MAX_SIZE=\(raw) must be a size like 100mb or 2gb (at least 1kb)")
            }
        }

        var webhookMaxBody = 256 << 10
        if let raw = value("NEXO_WEBHOOK_MAX_BODY") {
            if let bytes = parseByteCount(raw), bytes >= 1024 {
                webhookMaxBody = bytes
            } else {
                problems.append("NEXO_WEBHOOK_MAX_BODY=\(raw) must be a size like 256kb or 1mb (at least 1kb)")
            }
        }
        let graphVersion = value("NEXO_META_GRAPH_VERSION") ?? "v21.0"
        if graphVersion.wholeMatch(of: /v[0-9]+\.[0-9]+/) == nil {
            problems.append("NEXO_META_GRAPH_VERSION=\(graphVersion) must look like v21.0")
        }

        let settings = Settings(
            database: database,
            dataDirectory: dataDirectory,
            host: value("NEXO_HOST") ?? "0.0.0.0",
            port: port,
            publicURL: publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL,
            logLevel: logLevel,
            logFormat: logFormat,
            masterKey: masterKey,
            maxBodySize: maxBodySize,
            importMaxSize: importMaxSize,
            signInMaxFailures: integer("NEXO_SIGNIN_MAX_FAILURES", default: 5, range: 1...1000),
            signInLockSeconds: integer("NEXO_SIGNIN_LOCK_SECONDS", default: 900, range: 1...86_400),
            runWorker: boolean("NEXO_WORKER", default: true),
            allowPrivateNetwork: boolean("NEXO_ALLOW_PRIVATE_NETWORK", default: false),
            workerConcurrency: integer("NEXO_WORKER_CONCURRENCY", default: 10, range: 1...500),
            jobRetentionDays: integer("NEXO_JOB_RETENTION_DAYS", default: 7, range: 1...3650),
            jobLeaseSeconds: integer("NEXO_JOB_LEASE_SECONDS", default: 60, range: 5...3600),
            databasePoolSize: integer("NEXO_DATABASE_POOL_SIZE", default: 8, range: 1...100),
            bcryptCost: integer("NEXO_BCRYPT_COST", default: 12, range: 4...16),
            resendBaseURL: baseURL("NEXO_RESEND_BASE_URL", default: "https://api.resend.com"),
            gmailAPIBaseURL: baseURL("NEXO_GMAIL_API_BASE_URL", default: "https://gmail.googleapis.com"),
            googleOAuthBaseURL: baseURL("NEXO_GOOGLE_OAUTH_BASE_URL", default: "https://oauth2.googleapis.com"),
            googleAuthorizeURL: baseURL("NEXO_GOOGLE_AUTHORIZE_URL", default: "https://accounts.google.com/o/oauth2/v2/auth"),
            webhookMaxBody: webhookMaxBody,
            metaGraphBaseURL: baseURL("NEXO_META_GRAPH_URL", default: "https://graph.facebook.com"),
            metaGraphVersion: graphVersion,
            metaAppSecret: value("NEXO_META_APP_SECRET"),
            metaVerifyToken: value("NEXO_META_VERIFY_TOKEN")
        )
        if !problems.isEmpty { throw Problem(messages: problems) }
        return settings
    }

    static func parseByteCount(_ raw: String) -> Int? {
        let lower = raw.lowercased().replacingOccurrences(of: " ", with: "")
        let units: [(String, Int)] = [("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("b", 1)]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            return Int(lower.dropLast(suffix.count)).map { $0 * factor }
        }
        return Int(lower)
    }
}
