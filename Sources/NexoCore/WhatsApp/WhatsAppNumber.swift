/// A customer's WhatsApp id (`wa_id`, the phone number's digits without "+") as a NexoCore `PhoneNumber`, so an
/// incoming message finds the contact whose number was typed another way.
///
/// WhatsApp writes some numbers differently from people: Argentine mobiles with the international 9 ("549 11…"),
/// Mexican mobiles with the old 1 ("521 55…"), Brazilian mobiles with or without the ninth digit. `matchKey` is the
/// same for every spelling of one line, so compare contacts by it, never by `waID` or `e164`.
public struct WhatsAppNumber: Sendable, Hashable {
    /// Digits only, as WhatsApp sends and accepts them.
    public let waID: String
    public let phone: PhoneNumber
    /// Whether NexoCore's numbering rules know the number's shape. When they do not (a country without rules, or a
    /// shape the rules refuse), `phone` is "+" and the digits for both `e164` and `matchKey`: WhatsApp only sends real
    /// numbers, so it is kept rather than dropped, but only the exact same digits will match it.
    public let isRecognized: Bool

    /// Nil unless `waID` is 6 to 15 digits (a "+" in front and surrounding whitespace are tolerated).
    public init?(waID: String) {
        var digits = waID.trimmedWhitespace
        if digits.hasPrefix("+") { digits.removeFirst() }
        guard (PhoneNumber.minimumDigits...PhoneNumber.maximumDigits).contains(digits.count),
            digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        self.waID = digits
        if case .valid(let phone) = PhoneNumber.parse("+" + digits, defaultCountry: "") {
            self.phone = phone
            isRecognized = true
        } else {
            let e164 = "+" + digits
            phone = PhoneNumber(e164: e164, matchKey: e164, countryCode: PhoneNumber.genericCountryCode(digits))
            isRecognized = false
        }
    }

    /// The WhatsApp id to send to for a stored phone number.
    public init(phone: PhoneNumber) {
        waID = String(phone.e164.drop(while: { $0 == "+" }))
        self.phone = phone
        isRecognized = true
    }

    public var e164: String { phone.e164 }
    /// Equal for every spelling of the same line: the key to find the contact by.
    public var matchKey: String { phone.matchKey }
}
