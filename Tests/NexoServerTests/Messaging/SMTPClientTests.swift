import Foundation
import Testing

@testable import NexoServer

/// End-to-end tests against Tests/support/fake_smtp.py (aiosmtpd): TLS, authentication, rejections, timeouts,
/// and the received message parsed back by Python's e-mail package.
@Suite("SMTP client")
struct SMTPClientTests {
    private static let user = "nexo"
    private static let password = "s3cret-Pässword"

    @Test func sendsOverSTARTTLSWithAuthPlain() async throws {
        let server = try await FakeSMTPServer.start(["--security", "starttls", "--auth-mechanisms", "PLAIN,LOGIN"] + auth)
        defer { server.stop() }
        let client = try SMTPClient(configuration: server.configuration(.startTLS, Self.user, Self.password))
        try await client.send(from: "turnos@clinica.example.com", recipients: ["ana@example.com"], data: message())

        let received = try server.onlyMessage()
        #expect(received.envelope.mailFrom == "turnos@clinica.example.com")
        #expect(received.envelope.rcptTos == ["ana@example.com"])
        #expect(received.envelope.authUser == Self.user)
        #expect(received.envelope.tls)
        let parsed = try received.parsed()
        #expect(parsed.subject == "Recordatorio de turno")
        #expect(parsed.text == "Hola Ana,\nTu turno es mañana a las 10:30. 🦷\n")
        #expect(parsed.defects == 0)
    }

    @Test func sendsOverImplicitTLSWithAuthLogin() async throws {
        let server = try await FakeSMTPServer.start(["--security", "tls", "--auth-mechanisms", "LOGIN"] + auth)
        defer { server.stop() }
        // An IP address: the certificate is checked against the address instead of a host name.
        var configuration = server.configuration(.implicitTLS, Self.user, Self.password)
        configuration.host = "127.0.0.1"
        try await SMTPClient(configuration: configuration).send(
            from: "turnos@clinica.example.com", recipients: ["ana@example.com"], data: message())

        let received = try server.onlyMessage()
        #expect(received.envelope.authUser == Self.user)
        #expect(try received.parsed().subject == "Recordatorio de turno")
    }

    @Test func deliversToEveryRecipient() async throws {
        let server = try await FakeSMTPServer.start(["--security", "starttls"] + auth)
        defer { server.stop() }
        let recipients = ["ana@example.com", "juan@example.org", "sofia@example.net"]
        try await SMTPClient(configuration: server.configuration(.startTLS, Self.user, Self.password))
            .send(from: "turnos@clinica.example.com", recipients: recipients, data: message())
        #expect(try server.onlyMessage().envelope.rcptTos == recipients)
    }

    @Test func wrongPasswordIsAuthenticationFailed() async throws {
        let server = try await FakeSMTPServer.start(["--security", "starttls"] + auth)
        defer { server.stop() }
        let client = try SMTPClient(configuration: server.configuration(.startTLS, Self.user, "wrong-password"))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(from: "a@example.com", recipients: ["b@example.com"], data: message())
        }
        guard case .authenticationFailed(let code, let text) = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(code == 535)
        #expect(!text.contains("wrong-password"))
        #expect(error?.isPermanent == true)
        #expect(try server.messages().isEmpty)
    }

    @Test func rejectedRecipientWith5xxIsPermanent() async throws {
        let server = try await FakeSMTPServer.start(["--security", "starttls", "--reject", "nadie@example.com=550"] + auth)
        defer { server.stop() }
        let client = try SMTPClient(configuration: server.configuration(.startTLS, Self.user, Self.password))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(from: "a@example.com", recipients: ["nadie@example.com"], data: message())
        }
        #expect(error == .rejected(code: 550, message: "RCPT TO: 5.1.1 No such user here", permanent: true))
        #expect(error?.isPermanent == true)
    }

    @Test func rejectedRecipientWith4xxIsTemporary() async throws {
        let server = try await FakeSMTPServer.start(["--security", "starttls", "--reject", "luego@example.com=451"] + auth)
        defer { server.stop() }
        let client = try SMTPClient(configuration: server.configuration(.startTLS, Self.user, Self.password))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(from: "a@example.com", recipients: ["ana@example.com", "luego@example.com"], data: message())
        }
        guard case .rejected(451, _, false) = error else {
            Issue.record("expected a temporary 451 rejection, got \(String(describing: error))")
            return
        }
        #expect(error?.isPermanent == false)
        // All or nothing: the accepted recipient does not get the message either.
        #expect(try server.messages().isEmpty)
    }

    @Test func linesStartingWithDotsArriveIntact() async throws {
        let server = try await FakeSMTPServer.start(["--security", "none"])
        defer { server.stop() }
        let body = ".\n.una línea con punto\n..dos puntos\n. \nFrom Rosario\nfin"
        try await SMTPClient(configuration: server.configuration(.none, nil, nil))
            .send(from: "a@example.com", recipients: ["b@example.com"], data: message(body: body))
        #expect(try server.onlyMessage().parsed().text == body + "\n")
    }

    @Test func bareLineFeedsAreSentAsCRLF() async throws {
        let server = try await FakeSMTPServer.start(["--security", "none"])
        defer { server.stop() }
        let data = message().replacingOccurrences(of: "\r\n", with: "\n")
        try await SMTPClient(configuration: server.configuration(.none, nil, nil))
            .send(from: "a@example.com", recipients: ["b@example.com"], data: data)
        let raw = try server.onlyMessage().raw
        #expect(raw.replacingOccurrences(of: "\r\n", with: "").contains("\n") == false)
        #expect(try server.onlyMessage().parsed().subject == "Recordatorio de turno")
    }

    @Test func untrustedCertificateIsTLSFailure() async throws {
        let server = try await FakeSMTPServer.start(["--security", "starttls"] + auth)
        defer { server.stop() }
        var configuration = server.configuration(.startTLS, Self.user, Self.password)
        configuration.trustRootsPEM = nil
        let client = try SMTPClient(configuration: configuration)
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(from: "a@example.com", recipients: ["b@example.com"], data: message())
        }
        guard case .tlsFailed = error else {
            Issue.record("expected tlsFailed, got \(String(describing: error))")
            return
        }
    }

    @Test func missingSTARTTLSIsNotADowngrade() async throws {
        let server = try await FakeSMTPServer.start(["--security", "none"])
        defer { server.stop() }
        let client = try SMTPClient(configuration: server.configuration(.startTLS, Self.user, Self.password))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(from: "a@example.com", recipients: ["b@example.com"], data: message())
        }
        #expect(error == .tlsFailed("the server does not offer STARTTLS"))
        #expect(try server.messages().isEmpty)
    }

    @Test func fallsBackToHELOWhenEHLOIsRefused() async throws {
        let server = try await FakeSMTPServer.start(["--security", "none", "--no-ehlo"])
        defer { server.stop() }
        try await SMTPClient(configuration: server.configuration(.none, nil, nil))
            .send(from: "a@example.com", recipients: ["b@example.com"], data: message())
        #expect(try server.onlyMessage().parsed().subject == "Recordatorio de turno")
    }

    @Test func silentServerTimesOut() async throws {
        let server = try await FakeSMTPServer.start(["--security", "none", "--silent"])
        defer { server.stop() }
        var configuration = server.configuration(.none, nil, nil)
        configuration.timeout = .milliseconds(300)
        let client = try SMTPClient(configuration: configuration)
        let start = ContinuousClock.now
        await #expect(throws: SMTPError.timeout) {
            try await client.send(from: "a@example.com", recipients: ["b@example.com"], data: message())
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func cancellingTheTaskClosesTheConnectionAtOnce() async throws {
        let server = try await FakeSMTPServer.start(["--security", "none", "--silent"])
        defer { server.stop() }
        let client = try SMTPClient(configuration: server.configuration(.none, nil, nil))
        let start = ContinuousClock.now
        let sending = Task {
            try await client.send(from: "a@example.com", recipients: ["b@example.com"], data: message())
        }
        try await Task.sleep(for: .milliseconds(300))
        sending.cancel()
        await #expect(throws: CancellationError.self) { try await sending.value }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func closedPortIsConnectionFailure() async throws {
        // Port 1 (tcpmux) is not served anywhere we run.
        let client = try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: 1, security: .none))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(from: "a@example.com", recipients: ["b@example.com"], data: message())
        }
        guard case .connectionFailed = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(error?.isPermanent == false)
    }

    private var auth: [String] { ["--user", Self.user, "--password", Self.password] }

    private func message(body: String = "Hola Ana,\r\nTu turno es mañana a las 10:30. 🦷\r\n") -> String {
        """
        From: Turnos <turnos@clinica.example.com>\r
        To: ana@example.com\r
        Subject: Recordatorio de turno\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: 8bit\r
        \r
        \(body)
        """
    }
}

/// Runs fake_smtp.py on a free port with its own certificate and mail directory, for one test.
final class FakeSMTPServer {
    let port: Int
    let directory: URL
    private let process: Process
    private let input: Pipe

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("support/fake_smtp.py")

    static let isAvailable: Bool = (try? run(["-c", "import aiosmtpd"]).status) == 0

    private init(port: Int, directory: URL, process: Process, input: Pipe) {
        self.port = port
        self.directory = directory
        self.process = process
        self.input = input
    }

    /// Starts the server and waits (at most 20 s) for the port it prints.
    static func start(_ arguments: [String]) async throws -> FakeSMTPServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fake-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("stdout")
        let errors = directory.appendingPathComponent("stderr")
        for file in [output, errors] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", script.path, "--port", "0", "--exit-on-eof", "--cert-out",
                directory.appendingPathComponent("cert.pem").path,
                "--maildir", directory.appendingPathComponent("mail").path,
            ] + arguments
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        // Polling a file keeps the test's thread free while Python starts and makes its certificate.
        for _ in 0..<400 {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, let port = Int(line) {
                return FakeSMTPServer(port: port, directory: directory, process: process, input: input)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        throw FakeSMTPError(message: "fake_smtp.py did not start: \(log)")
    }

    func configuration(_ security: SMTPConfiguration.Security, _ username: String?, _ password: String?) -> SMTPConfiguration {
        let pem = try? String(contentsOf: directory.appendingPathComponent("cert.pem"), encoding: .utf8)
        return SMTPConfiguration(
            host: "localhost", port: port, security: security, username: username, password: password,
            heloName: "nexo.test", timeout: .seconds(10), trustRootsPEM: pem)
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    struct Received {
        struct Envelope: Decodable {
            var mailFrom: String
            var rcptTos: [String]
            var authUser: String?
            var tls: Bool
        }

        /// What Python's e-mail parser (policy.default) makes of the message; line endings as \n.
        struct Parsed: Decodable {
            var subject: String?
            var text: String?
            var defects: Int
        }

        var file: URL
        var raw: String
        var envelope: Envelope

        func parsed() throws -> Parsed {
            let script = """
                import email, email.policy, json, sys
                m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
                body = m.get_body(('plain',))
                text = body.get_content().replace('\\r\\n', '\\n') if body is not None else None
                print(json.dumps({'subject': m['subject'], 'text': text, 'defects': len(m.defects)}))
                """
            let result = try FakeSMTPServer.run(["-c", script, file.path])
            return try JSONDecoder().decode(Parsed.self, from: result.output)
        }
    }

    func messages() throws -> [Received] {
        let mail = directory.appendingPathComponent("mail")
        let names = try FileManager.default.contentsOfDirectory(atPath: mail.path).filter { $0.hasSuffix(".eml") }.sorted()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try names.map { name in
            let file = mail.appendingPathComponent(name)
            let envelope = mail.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".json"))
            return Received(
                file: file, raw: try String(contentsOf: file, encoding: .utf8),
                envelope: try decoder.decode(Received.Envelope.self, from: Data(contentsOf: envelope)))
        }
    }

    func onlyMessage() throws -> Received {
        let messages = try messages()
        guard messages.count == 1 else { throw FakeSMTPError(message: "expected one message, got \(messages.count)") }
        return messages[0]
    }

    /// Runs python3 with `arguments` and returns its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}

struct FakeSMTPError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
