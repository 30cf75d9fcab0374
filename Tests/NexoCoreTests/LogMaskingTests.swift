import Testing

@testable import NexoCore

@Suite struct LogMaskingTests {
    @Test(arguments: [
        ("invited juana.perez@example.com", "invited j***@example.com"),
        ("from=Luis_99+crm@mail.example.com.ar;", "from=L***@mail.example.com.ar;"),
    ])
    func emailsKeepOnlyTheirFirstLetterAndDomain(text: String, masked: String) {
        // Given a log line with an e-mail address

        // When masked
        let result = LogMasking.mask(text)

        // Then the local part is hidden
        #expect(result == masked)
    }

    @Test(arguments: [
        ("call +54 9 11 3333-2222 now", "call +54*********22 now"),
        ("tel 011 15 3333-2222.", "tel 01*********22."),
        ("wa 5491133332222", "wa 54*********22"),
        ("phone=+5491133332222", "phone=+54*********22"),
        ("\"+5491133332222\"", "\"+54*********22\""),
        ("llamar al (011) 4444-5555", "llamar al (01*******55"),
    ])
    func phoneNumbersKeepOnlyTheirFirstAndLastTwoDigits(text: String, masked: String) {
        // Given a log line with a phone number written some way

        // When masked
        let result = LogMasking.mask(text)

        // Then only the first two and last two digits are left
        #expect(result == masked)
    }

    @Test func everyPhoneAndEmailInALineIsMasked() {
        // Given a line with two phones and an e-mail
        let text = "merged +5491133332222 and 011 15 4444-5555 for ana@example.com"

        // When masked
        let result = LogMasking.mask(text)

        // Then all three are masked
        #expect(result == "merged +54*********22 and 01*********55 for a***@example.com")
    }

    @Test(arguments: [
        "contact 3f2a9c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b updated",
        "tenant 6F1C0000-0000-4000-8000-000000000001",
        "request 9f1c2d3e-4b5a-4c6d-9e8f-123456789012",
        "nil 00000000-0000-0000-0000-000000000000",
        "x 11111111-2222-3333-4444-555555555555",
    ])
    func uuidsStayReadable(text: String) {
        // Given a line with a UUID, even one made mostly or only of digits

        // When masked
        let result = LogMasking.mask(text)

        // Then it is unchanged
        #expect(result == text)
    }

    @Test(arguments: [
        "at 2026-11-23T09:52:55Z",
        "at 2026-11-23T09:52:55.123+00:00",
        "[2026-11-23 09:52:55 +0000] started",
        "due 2026-11-23",
        "2026-11-23T09:52:55Z GET /contacts 200",
        "at 09:52:55.123456",
    ])
    func isoTimestampsAndDatesStayReadable(text: String) {
        // Given a line with a date or timestamp

        // When masked
        let result = LogMasking.mask(text)

        // Then it is unchanged
        #expect(result == text)
    }

    @Test(arguments: [
        "GET /contacts 200 in 1234 ms",
        "listening on port 8080",
        "imported 250 of 10000 contacts",
        "status 404",
        "version 1.22.3",
        "took 12.345678s",
    ])
    func shortNumbersStayReadable(text: String) {
        // Given a line with status codes, ports, counts or versions

        // When masked
        let result = LogMasking.mask(text)

        // Then it is unchanged
        #expect(result == text)
    }

    @Test(arguments: [
        "from 192.168.100.200",
        "from 192.168.100.200:54321",
        "client 10.0.0.1, proxy 172.16.254.1.",
        "listening on 0.0.0.0:8080",
        "ipv6 2001:db8::1",
    ])
    func ipAddressesStayReadable(text: String) {
        // Given a line with IP addresses

        // When masked
        let result = LogMasking.mask(text)

        // Then it is unchanged
        #expect(result == text)
    }

    @Test func aPhoneNextToADateIsStillMasked() {
        // Given a date followed by a phone number
        let text = "2026-11-23 11 3333 2222"

        // When masked
        let result = LogMasking.mask(text)

        // Then the date stays and the phone is masked
        #expect(result == "2026-11-23 11******22")
    }

    @Test func aLineWithoutDigitsOrAtSignsIsUnchanged() {
        // Given plain words
        let text = "contact saved (no changes)"

        // When masked
        let result = LogMasking.mask(text)

        // Then nothing changes
        #expect(result == text)
    }
}
