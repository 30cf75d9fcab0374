/// A Meta Graph API id, which webhooks send as a JSON number and the Graph API as a string.
///
/// Decoded from the number's digits, not through a `Double`, so 17-digit ids keep every digit. Numbers
/// up to 18446744073709551615 (`UInt64.max`, 20 digits) are read; longer ones must come as strings.
struct GraphID: Decodable, Sendable, Hashable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text.trimmedWhitespace
        } else {
            self.text = String(try container.decode(UInt64.self))
        }
    }

    /// Nil for blank text: an id that is not there.
    var nonBlank: String? { text.isEmpty ? nil : text }
}
