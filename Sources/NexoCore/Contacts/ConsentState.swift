/// Whether a contact agreed to hear from the business on a channel. Unknown is not consent.
public enum ConsentState: String, Sendable, Codable, CaseIterable {
    case unknown, given, withdrawn
}
