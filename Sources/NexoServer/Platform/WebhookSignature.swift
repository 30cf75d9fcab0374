import Crypto
import Foundation

/// HMAC-SHA256 signatures of webhook bodies, both ways.
///
/// Nexo signs what it sends like Stripe: `t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, so a receiver can
/// refuse old replays. What Nexo receives is checked in the forms senders use: hex (optionally `sha256=`-prefixed,
/// as Meta and GitHub send it), base64 (Shopify, WooCommerce), or Nexo's own `t=…,v1=…`. Comparisons are constant-time.
enum WebhookSignature {
    static func hex(secret: String, message: Data) -> String {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// The `v1` part of Nexo's header: HMAC of `"<timestamp>.<body>"`.
    static func nexoV1(secret: String, timestamp: String, body: Data) -> String {
        hex(secret: secret, message: Data((timestamp + ".").utf8) + body)
    }

    /// `t=<timestamp>,v1=<hex>`.
    static func nexoHeader(secret: String, timestamp: String, body: Data) -> String {
        "t=\(timestamp),v1=\(nexoV1(secret: secret, timestamp: timestamp, body: body))"
    }

    /// How far a `t=` timestamp may be from now before the signature counts as a replay.
    static let tolerance: TimeInterval = 300

    /// Whether `header` is a valid signature of `body` under `secret`, in any of the accepted forms. With `now`, a
    /// `t=…,v1=…` signature older (or newer) than `tolerance` is refused, so a captured request cannot be replayed.
    static func verifies(_ header: String, body: Data, secret: String, now: Date? = nil) -> Bool {
        let key = SymmetricKey(data: Data(secret.utf8))
        let value = header.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("t="), value.contains("v1=") {
            let parts = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let timestamp = parts.first(where: { $0.hasPrefix("t=") })?.dropFirst(2) else { return false }
            if let now {
                guard let seconds = TimeInterval(timestamp), abs(now.timeIntervalSince1970 - seconds) <= tolerance else {
                    return false
                }
            }
            let message = Data((timestamp + ".").utf8) + body
            return parts.filter { $0.hasPrefix("v1=") }.contains { part in
                guard let mac = bytes(fromHex: String(part.dropFirst(3))) else { return false }
                return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key)
            }
        }
        var text = value
        if let equals = text.firstIndex(of: "="), text[..<equals].lowercased() == "sha256" {
            text = String(text[text.index(after: equals)...])
        }
        for candidate in [bytes(fromHex: text), Data(base64Encoded: text)] {
            guard let mac = candidate, mac.count == SHA256.byteCount else { continue }
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key) { return true }
        }
        return false
    }

    static func bytes(fromHex text: String) -> Data? {
        let scalars = Array(text.utf8)
        guard scalars.count % 2 == 0, !scalars.isEmpty else { return nil }
        var data = Data(capacity: scalars.count / 2)
        var index = 0
        while index < scalars.count {
            guard let high = nibble(scalars[index]), let low = nibble(scalars[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
