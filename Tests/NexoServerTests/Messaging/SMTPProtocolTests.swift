import Testing

@testable import NexoServer

/// The SMTP client's pure parts: reply lines, EHLO capabilities, DATA encoding, envelope checks, redaction.
@Suite struct SMTPProtocolTests {
    @Test func finalReplyLineIsParsed() throws {
        #expect(try SMTPReply.parseLine("250 2.0.0 OK") == SMTPReply.Line(code: 250, continues: false, text: "2.0.0 OK"))
    }

    @Test func continuationReplyLineIsParsed() throws {
        #expect(try SMTPReply.parseLine("250-SIZE 1000") == SMTPReply.Line(code: 250, continues: true, text: "SIZE 1000"))
    }

    @Test func codeWithoutTextIsAReply() throws {
        #expect(try SMTPReply.parseLine("354") == SMTPReply.Line(code: 354, continues: false, text: ""))
    }

    @Test(arguments: ["", "25", "ok 250", "250x", "150 hello", "650 nope", "2a0 x", "٢٥٠ arabic digits"])
    func malformedReplyLineIsAProtocolError(line: String) {
        #expect(throws: SMTPError.self) { try SMTPReply.parseLine(line) }
    }

    @Test func replyClassesFollowTheFirstDigit() {
        #expect(SMTPReply(code: 250, lines: []).isPositive)
        #expect(SMTPReply(code: 451, lines: []).isTransientFailure)
        #expect(SMTPReply(code: 550, lines: []).isPermanentFailure)
    }

    @Test func capabilitiesComeFromEHLOLinesAfterTheGreeting() {
        let reply = SMTPReply(
            code: 250, lines: ["mail.example.com hola", "SIZE 35882577", "starttls", "AUTH PLAIN login XOAUTH2"])
        let capabilities = SMTPCapabilities(ehlo: reply)
        #expect(capabilities.supports("STARTTLS"))
        #expect(capabilities.supports("size"))
        #expect(!capabilities.supports("mail.example.com"))
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN", "XOAUTH2"])
    }

    @Test func oldStyleAuthEqualsLineIsUnderstood() {
        let capabilities = SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["mx", "AUTH=LOGIN PLAIN"]))
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN"])
    }

    @Test func dataIsTerminatedWithALoneDot() {
        #expect(
            String(decoding: SMTPMessageData.encode("Subject: x\r\n\r\nhola\r\n"), as: UTF8.self)
                == "Subject: x\r\n\r\nhola\r\n.\r\n")
    }

    @Test func dataWithoutFinalLineBreakGetsOne() {
        #expect(String(decoding: SMTPMessageData.encode("hola"), as: UTF8.self) == "hola\r\n.\r\n")
    }

    @Test func leadingDotsAreDoubled() {
        #expect(String(decoding: SMTPMessageData.encode(".\n..x\na.b\n.y"), as: UTF8.self) == "..\r\n...x\r\na.b\r\n..y\r\n.\r\n")
    }

    @Test func bareLineFeedsAndCarriageReturnsBecomeCRLF() {
        #expect(String(decoding: SMTPMessageData.encode("a\nb\rc\r\n\nd"), as: UTF8.self) == "a\r\nb\r\nc\r\n\r\nd\r\n.\r\n")
    }

    @Test func dotAfterBareCarriageReturnIsStuffed() {
        #expect(String(decoding: SMTPMessageData.encode("a\r.\r\n"), as: UTF8.self) == "a\r\n..\r\n.\r\n")
    }

    @Test(arguments: ["a@example.com\r\nRCPT TO:<x@evil.com>", "a b@example.com", "<a@example.com>", "a@example.com\0"])
    func recipientThatCouldBendTheCommandIsRefused(recipient: String) {
        #expect(throws: SMTPError.invalidEnvelope("recipient 1 is empty or contains spaces, brackets or line breaks")) {
            try SMTPClient.validateEnvelope(sender: "a@example.com", recipients: [recipient])
        }
    }

    @Test func senderWithLineBreakIsRefused() {
        #expect(throws: SMTPError.self) {
            try SMTPClient.validateEnvelope(sender: "a@example.com\r\nDATA", recipients: ["b@example.com"])
        }
    }

    @Test func nullSenderIsAllowedForBounces() throws {
        try SMTPClient.validateEnvelope(sender: "", recipients: ["b@example.com"])
    }

    @Test func noRecipientsIsRefused() {
        #expect(throws: SMTPError.invalidEnvelope("no recipients")) {
            try SMTPClient.validateEnvelope(sender: "a@example.com", recipients: [])
        }
    }

    @Test func configurationNeverShowsThePassword() {
        let configuration = SMTPConfiguration(host: "smtp.example.com", username: "nexo", password: "hunter2")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in ["\(configuration)", String(reflecting: configuration), dumped] {
            #expect(!text.contains("hunter2"))
            #expect(text.contains("smtp.example.com:587"))
        }
    }

    @Test func defaultPortFollowsSecurity() {
        #expect(SMTPConfiguration(host: "h", security: .startTLS).port == 587)
        #expect(SMTPConfiguration(host: "h", security: .implicitTLS).port == 465)
        #expect(SMTPConfiguration(host: "h", security: .none).port == 25)
    }

    @Test func onlyServerRefusalsAndConfigurationErrorsArePermanent() {
        #expect(SMTPError.rejected(code: 550, message: "", permanent: true).isPermanent)
        #expect(!SMTPError.rejected(code: 451, message: "", permanent: false).isPermanent)
        #expect(SMTPError.authenticationFailed(code: 535, message: "").isPermanent)
        #expect(!SMTPError.authenticationFailed(code: 454, message: "").isPermanent)
        #expect(!SMTPError.timeout.isPermanent)
        #expect(!SMTPError.connectionFailed("reset").isPermanent)
    }

    @Test func invalidTrustRootsAreRefusedUpFront() {
        let configuration = SMTPConfiguration(
            host: "h", trustRootsPEM: "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")
        #expect(throws: SMTPError.self) { try SMTPClient(configuration: configuration) }
    }
}
