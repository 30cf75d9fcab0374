import Foundation
import Testing

@testable import NexoCore

@Suite struct MailMessageTests {
    private func message(
        subject: String = "Hola", text: String = "Hola Ana", html: String? = nil, headers: [MailHeader] = [],
        from: MailAddress = MailAddress("turnos@clinica.example.com", name: "Clínica Sonrisa"),
        to: [MailAddress] = [MailAddress("ana@example.com", name: "Ana")]
    ) -> MailMessage {
        MailMessage(
            from: from, to: to, subject: subject, textBody: text, htmlBody: html, headers: headers,
            date: Date(timeIntervalSince1970: 1_700_000_000), messageID: "<fixed@clinica.example.com>")
    }

    @Test func textOnlyMessageIsRenderedExactly() throws {
        let rendered = try message().render()
        #expect(
            rendered == """
                Date: Tue, 14 Nov 2023 22:13:20 +0000\r
                From: =?UTF-8?Q?Cl=C3=ADnica?= Sonrisa <turnos@clinica.example.com>\r
                To: Ana <ana@example.com>\r
                Message-ID: <fixed@clinica.example.com>\r
                Subject: Hola\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                Hola Ana\r

                """)
    }

    @Test func everyLineEndsWithCRLF() throws {
        let rendered = try message(text: "a\nb\rc\r\n", html: "<p>\n</p>").render()
        let withoutCRLF = rendered.replacingOccurrences(of: "\r\n", with: "")
        #expect(!withoutCRLF.contains("\n") && !withoutCRLF.contains("\r"))
        #expect(rendered.hasSuffix("\r\n"))
    }

    @Test func htmlBodyMakesMultipartAlternativeWithTextFirst() throws {
        let rendered = try message(text: "Hola", html: "<p>Hola</p>").render(boundary: "=_b")
        #expect(
            rendered.hasSuffix(
                """
                MIME-Version: 1.0\r
                Content-Type: multipart/alternative;\r
                 boundary="=_b"\r
                \r
                --=_b\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                Hola\r
                \r
                --=_b\r
                Content-Type: text/html; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                <p>Hola</p>\r
                \r
                --=_b--\r

                """))
    }

    @Test func boundaryIsRandomAndCannotOccurInQuotedPrintable() throws {
        let first = try message(html: "<p>x</p>").render()
        let second = try message(html: "<p>x</p>").render()
        let boundary = { (text: String) in MailDecoding.headers(text)["content-type"]!.components(separatedBy: "\"")[1] }
        #expect(boundary(first) != boundary(second))
        #expect(boundary(first).hasPrefix("=_"))
    }

    @Test func generatedMessageIDUsesTheSenderDomain() {
        let message = MailMessage(
            from: MailAddress("turnos@clinica.example.com"), to: [MailAddress("a@example.com")], subject: "", textBody: "")
        #expect(message.messageID.hasPrefix("<") && message.messageID.hasSuffix("@clinica.example.com>"))
        let other = MailMessage(from: message.from, to: message.to, subject: "", textBody: "")
        #expect(other.messageID != message.messageID)
    }

    @Test func givenMessageIDGetsAngleBrackets() {
        let message = MailMessage(
            from: MailAddress("a@example.com"), to: [MailAddress("b@example.com")], subject: "", textBody: "",
            messageID: "abc@example.com")
        #expect(message.messageID == "<abc@example.com>")
    }

    @Test func recipientsAreSeparatedByCommasAndFolded() throws {
        let to = (1...6).map { MailAddress("persona\($0)@example.com", name: "Persona Número \($0)") }
        let rendered = try message(to: to).render()
        let header = rendered.components(separatedBy: "\r\nMessage-ID")[0].components(separatedBy: "To: ")[1]
        #expect(header.components(separatedBy: "\r\n").allSatisfy { $0.count <= 77 })
        #expect(header.contains("<persona1@example.com>,"))
        #expect(!header.contains("<persona6@example.com>,"))
        #expect(recipients(of: rendered).count == 6)
    }

    @Test func replyToIsWritten() throws {
        var message = message()
        message.replyTo = MailAddress("respuestas@example.com", name: "Respuestas")
        #expect(MailDecoding.headers(try message.render())["reply-to"] == "Respuestas <respuestas@example.com>")
    }

    @Test func plainSubjectIsFoldedAtSpaces() throws {
        let subject = String(repeating: "Recordatorio de turno ", count: 8).trimmingCharacters(in: .whitespaces)
        let rendered = try message(subject: subject).render()
        let lines = subjectLines(rendered)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(MailDecoding.headers(rendered)["subject"] == subject)
    }

    @Test func accentedSubjectIsEncodedAndFoldedUnder78() throws {
        let subject = "¡Tu turno es mañana! Confirmá tu asistencia con la Dra. Núñez el miércoles 🦷 — traé tu DNI"
        let lines = subjectLines(try message(subject: subject).render())
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 78 })
        let words = lines.map { $0.hasPrefix("Subject: ") ? String($0.dropFirst(9)) : String($0.dropFirst()) }
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?") && $0.count <= 75 })
        #expect(MailDecoding.encodedWords(words) == subject)
    }

    @Test func subjectWithAWordTooLongForALineIsEncoded() throws {
        let subject = "Ver https://nexo.example.com/turnos/confirmar?token=" + String(repeating: "a1b2", count: 20)
        let lines = subjectLines(try message(subject: subject).render())
        #expect(lines.allSatisfy { $0.count <= 78 })
        let words = lines.map { $0.hasPrefix("Subject: ") ? String($0.dropFirst(9)) : String($0.dropFirst()) }
        #expect(MailDecoding.encodedWords(words) == subject)
    }

    @Test(arguments: ["  leading", "double  space", "trailing ", "=?utf-8?q?x?="])
    func subjectThatWouldNotSurviveUnfoldingIsEncoded(subject: String) throws {
        let lines = subjectLines(try message(subject: subject).render())
        #expect(lines[0].hasPrefix("Subject: =?UTF-8?"))
        #expect(MailDecoding.encodedWords([String(lines[0].dropFirst(9))]) == subject)
    }

    @Test func dateIsInRFC5322FormatInUTC() {
        #expect(MailDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailDate.format(Date(timeIntervalSince1970: 1_709_251_199)) == "Thu, 29 Feb 2024 23:59:59 +0000")
    }

    @Test func oneClickUnsubscribeHeadersAreWritten() throws {
        let headers = MailHeader.oneClickUnsubscribe(url: "https://nexo.example.com/u/abc", mailto: "baja@example.com")
        let parsed = MailDecoding.headers(try message(headers: headers).render())
        #expect(parsed["list-unsubscribe"] == "<https://nexo.example.com/u/abc>, <mailto:baja@example.com>")
        #expect(parsed["list-unsubscribe-post"] == "List-Unsubscribe=One-Click")
    }

    @Test func extraHeaderValueIsFoldedAtItsSpaces() throws {
        let value = (1...8).map { "<https://example.com/unsubscribe/\($0)>" }.joined(separator: ", ")
        let rendered = try message(headers: [MailHeader("List-Unsubscribe", value)]).render()
        #expect(MailDecoding.headers(rendered)["list-unsubscribe"] == value)
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
    }

    @Test func unbreakableExtraHeaderOver998IsRefused() {
        let headers = [MailHeader("X-Long", String(repeating: "x", count: 1000))]
        #expect(throws: MailMessageError.headerTooLong(field: "X-Long")) { try message(headers: headers).render() }
    }

    @Test(arguments: ["Hola\r\nBcc: x@evil.com", "Hola\nX: y", "Hola\r", "Hola\u{0}"])
    func subjectWithLineBreakIsInjection(subject: String) {
        #expect(throws: MailMessageError.headerInjection(field: "Subject")) { try message(subject: subject).render() }
    }

    @Test func extraHeaderValueWithLineBreakIsInjection() {
        let headers = [MailHeader("X-Campaign", "1\r\nBcc: x@evil.com")]
        #expect(throws: MailMessageError.headerInjection(field: "X-Campaign")) { try message(headers: headers).render() }
    }

    @Test func fromNameWithLineBreakIsInjection() {
        let from = MailAddress("a@example.com", name: "Ana\r\nBcc: x@evil.com")
        #expect(throws: MailMessageError.headerInjection(field: "From")) { try message(from: from).render() }
    }

    @Test func messageIDWithLineBreakIsInjection() {
        var message = message()
        message.messageID = "<a@b>\r\nBcc: x@evil.com"
        #expect(throws: MailMessageError.headerInjection(field: "Message-ID")) { try message.render() }
    }

    @Test(arguments: ["", "X Bad", "X:Bad", "Ñ", "X-\r\nBcc"])
    func invalidExtraHeaderNameIsRefused(name: String) {
        #expect(throws: MailMessageError.invalidHeaderName(name)) { try message(headers: [MailHeader(name, "v")]).render() }
    }

    @Test(arguments: ["Subject", "content-type", "BCC", "Message-ID"])
    func extraHeaderCannotReplaceAStandardOne(name: String) {
        #expect(throws: MailMessageError.reservedHeader(name)) { try message(headers: [MailHeader(name, "v")]).render() }
    }

    @Test func messageWithoutRecipientsIsRefused() {
        #expect(throws: MailMessageError.noRecipients) { try message(to: []).render() }
    }

    @Test func bodyKeepsDotsAndFromLinesIntact() throws {
        let text = ".\n..dos puntos\nFrom Rosario con cariño\n"
        let rendered = try message(text: text).render()
        let body = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(!body.components(separatedBy: "\r\n").contains { $0.hasPrefix(".") || $0.hasPrefix("From ") })
        #expect(MailDecoding.quotedPrintable(body) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    private func subjectLines(_ rendered: String) -> [String] {
        let lines = rendered.components(separatedBy: "\r\n")
        let start = lines.firstIndex { $0.hasPrefix("Subject: ") }!
        return [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
    }

    private func recipients(of rendered: String) -> [String] {
        MailDecoding.headers(rendered)["to"]!.components(separatedBy: ">, ")
    }
}
