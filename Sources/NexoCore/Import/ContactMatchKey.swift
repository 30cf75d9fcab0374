/// What identifies the same person across rows and against stored contacts: the e-mail first, then the phone.
public enum ContactMatchKey: Sendable, Hashable, CustomStringConvertible {
    /// Normalized (lower-cased) address, as stored in `ContactValues.email`.
    case email(String)
    /// `PhoneNumber.matchKey`, as stored in `ContactValues.phoneKey`.
    case phone(String)

    public var description: String {
        switch self {
        case .email(let address): "email:" + address
        case .phone(let key): "phone:" + key
        }
    }
}
