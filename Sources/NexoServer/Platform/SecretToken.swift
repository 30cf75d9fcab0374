import Crypto
import Foundation

/// Random bearer secrets (API tokens, invitation links) and the hashes stored in their place.
enum SecretToken {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// `prefix` + 40 base62 characters (~238 bits).
    static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<40).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// SHA-256 hex: tokens carry enough entropy that a fast hash is safe, and look-up stays one indexed query.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
