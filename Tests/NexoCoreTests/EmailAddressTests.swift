import Testing

@testable import NexoCore

@Suite struct EmailAddressTests {
    private static let local64 = String(repeating: "a", count: 64)
    private static let label63 = String(repeating: "b", count: 63)
    /// 64 + 1 + 189 = 254 characters, the maximum.
    private static let longest = local64 + "@" + label63 + "." + label63 + "." + String(repeating: "c", count: 57) + ".com"

    @Test(arguments: [
        ("Ana@Example.com", "ana@example.com"),
        ("  juan.perez@empresa.com.ar \n", "juan.perez@empresa.com.ar"),
        ("o'brien+ventas@mail.co", "o'brien+ventas@mail.co"),
        ("user_name-1@sub-domain.example.org", "user_name-1@sub-domain.example.org"),
        ("a@b.co", "a@b.co"),
        ("1234@123.example.com", "1234@123.example.com"),
        ("!#$%&'*+/=?^_`{|}~-@example.com", "!#$%&'*+/=?^_`{|}~-@example.com"),
        ("info@panadería.com.ar", "info@panadería.com.ar"),
        ("INFO@PANADERÍA.COM", "info@panadería.com"),
        ("info@panaderi\u{301}a.com", "info@panadería.com"),
        ("contacto@пример.рф", "contacto@пример.рф"),
        ("x@xn--80ak6aa92e.com", "x@xn--80ak6aa92e.com"),
        ("x@example.xn--p1ai", "x@example.xn--p1ai"),
        (local64 + "@example.com", local64 + "@example.com"),
        ("a@" + label63 + ".com", "a@" + label63 + ".com"),
        (longest, longest),
    ])
    func valid(input: String, expected: String) {
        #expect(EmailAddress.normalize(input) == expected)
    }

    @Test(arguments: [
        "", "   ", "plainaddress", "@example.com", "user@", "user@@example.com", "a@b@c.com",
        "user@example", "user@example.c", "user@example.123", "user@example.c0m",
        ".user@example.com", "user.@example.com", "us..er@example.com",
        "user@-example.com", "user@example-.com", "user@exa_mple.com", "user@example..com",
        "user@.example.com", "user@example.com.", "us er@example.com", "user@exam ple.com",
        "josé@example.com", "user(comment)@example.com", "\"quoted\"@example.com",
        "user@[192.168.0.1]", "user@example.com\u{0}",
        "a" + local64 + "@example.com",
        "a@" + label63 + "b.com",
        "a" + longest,
    ])
    func invalid(input: String) {
        #expect(EmailAddress.normalize(input) == nil)
    }
}
