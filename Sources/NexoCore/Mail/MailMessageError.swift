/// Why a message cannot be rendered. Thrown rather than repaired, so a bad template or field is noticed.
public enum MailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A header value contains CR, LF or another control character that could start a new header line.
    case headerInjection(field: String)
    /// An extra header's name is empty or not printable ASCII without ":".
    case invalidHeaderName(String)
    /// An extra header would replace one the message writes itself (Subject, Content-Type, …).
    case reservedHeader(String)
    /// A header line cannot be folded under the 998-octet limit of RFC 5322.
    case headerTooLong(field: String)
    /// An address is not of the form local@domain without spaces, brackets or control characters.
    case invalidAddress(field: String)
    case noRecipients

    public var description: String {
        switch self {
        case .headerInjection(let field): "the \(field) header contains a line break or control character"
        case .invalidHeaderName(let name): "\"\(name)\" is not a valid header name"
        case .reservedHeader(let name): "the \(name) header is written by the message itself"
        case .headerTooLong(let field): "the \(field) header has a part longer than 998 characters"
        case .invalidAddress(let field): "the \(field) header contains an invalid address"
        case .noRecipients: "the message has no recipients"
        }
    }
}
