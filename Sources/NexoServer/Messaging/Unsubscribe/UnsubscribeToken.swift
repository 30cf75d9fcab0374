import Crypto
import Foundation

/// The token in an unsubscribe link: which tenant and contact, signed so nobody can unsubscribe someone else.
/// It never expires: a link in an old e-mail must still work.
struct UnsubscribeToken: Sendable, Equatable {
    let tenantID: UUID
    let contactID: UUID

    /// `<tenant>.<contact>.<signature>` in URL-safe base64; the signature is HMAC-SHA256 under a key derived from
    /// the master key, truncated to 16 bytes (plenty against forgery, short enough for a link).
    func encoded(with key: SymmetricKey) -> String {
        let body = Self.base64URL(Data(tenantID.bytes)) + "." + Self.base64URL(Data(contactID.bytes))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: key)
        return body + "." + Self.base64URL(Data(mac).prefix(16))
    }

    static func decode(_ token: String, with key: SymmetricKey) -> UnsubscribeToken? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let tenant = data(parts[0]), let contact = data(parts[1]), let signature = data(parts[2]),
            tenant.count == 16, contact.count == 16
        else { return nil }
        let body = parts[0] + "." + parts[1]
        let mac = Data(HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: key)).prefix(16)
        // Constant time: the comparison must not tell an attacker how much of a guess was right.
        guard mac.count == signature.count, zip(mac, signature).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return UnsubscribeToken(tenantID: UUID(bytes: tenant), contactID: UUID(bytes: contact))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func data(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
