import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where Nexo may connect on a tenant's behalf (a webhook step's URL, a tenant's SMTP server). Tenants must not
/// reach the machine's own network: loopback, private ranges, link-local (cloud metadata at 169.254.169.254),
/// carrier-grade NAT, unique-local IPv6. Operators who relay mail inside their network opt in with
/// `NEXO_ALLOW_PRIVATE_NETWORK=true`.
enum OutboundAddress {
    enum Verdict: Equatable, Sendable {
        case allowed
        case refused(String)
        /// The name does not resolve now: worth trying again later, not a reason to give up.
        case unresolvable(String)
    }

    /// Resolves `host` and refuses it when any of its addresses is not public.
    static func check(_ host: String, allowPrivate: Bool) async -> Verdict {
        if allowPrivate { return .allowed }
        let addresses = await resolve(host)
        guard !addresses.isEmpty else { return .unresolvable("\(host) does not resolve") }
        if let inner = addresses.first(where: { !isPublic($0) }) {
            return .refused("\(host) points inside this server's network (\(inner)); Nexo only connects to public addresses")
        }
        return .allowed
    }

    /// The numeric addresses `host` resolves to (or the host itself when it is an address).
    static func resolve(_ host: String) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var result: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else {
                    continuation.resume(returning: [])
                    return
                }
                defer { freeaddrinfo(first) }
                var addresses: [String] = []
                var cursor: UnsafeMutablePointer<addrinfo>? = first
                while let info = cursor {
                    var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                    if getnameinfo(
                        info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
                        == 0
                    {
                        addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
                    }
                    cursor = info.pointee.ai_next
                }
                continuation.resume(returning: addresses)
            }
        }
    }

    /// Whether a numeric IPv4 or IPv6 address is on the public internet.
    static func isPublic(_ address: String) -> Bool {
        if address.contains(":") { return isPublicIPv6(address) }
        let parts = address.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4 else { return false }
        let (a, b) = (parts[0], parts[1])
        switch a {
        case 0, 10, 127: return false
        case 100 where (64...127).contains(b): return false  // carrier-grade NAT
        case 169 where b == 254: return false  // link-local, cloud metadata
        case 172 where (16...31).contains(b): return false
        case 192 where b == 168: return false
        case 192 where b == 0 && parts[2] == 0: return false
        case 198 where b == 18 || b == 19: return false  // benchmarking
        case 224...255: return false  // multicast, reserved, broadcast
        default: return true
        }
    }

    private static func isPublicIPv6(_ address: String) -> Bool {
        let lower = address.lowercased().split(separator: "%").first.map(String.init) ?? ""
        if lower == "::1" || lower == "::" { return false }
        if lower.hasPrefix("::ffff:") { return isPublic(String(lower.dropFirst("::ffff:".count))) }
        if lower.hasPrefix("fe8") || lower.hasPrefix("fe9") || lower.hasPrefix("fea") || lower.hasPrefix("feb") { return false }
        if lower.hasPrefix("fc") || lower.hasPrefix("fd") { return false }  // unique local
        if lower.hasPrefix("ff") { return false }  // multicast
        return true
    }
}
