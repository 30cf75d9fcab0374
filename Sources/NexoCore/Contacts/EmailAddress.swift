import Foundation

/// Plausibility check for e-mail addresses typed into contact forms or imported.
///
/// Deliberately narrower than RFC 5322: quoted local parts, comments and IP-literal
/// domains are legal but in practice only appear as typos or abuse.
public enum EmailAddress {
    static let maximumLength = 254
    static let maximumLocalLength = 64
    static let maximumDomainLength = 253
    static let maximumLabelLength = 63

    private static let localSymbols = Set("!#$%&'*+/=?^_`{|}~.-".unicodeScalars)

    /// Trimmed and lower-cased address, or nil when it is not a plausible address.
    public static func normalize(_ input: String) -> String? {
        // NFC first so a decomposed "ñ" in a domain counts as one letter.
        let address =
            input
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCanonicalMapping
            .lowercased()
        guard address.count <= maximumLength else { return nil }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, isValidLocal(parts[0]), isValidDomain(parts[1]) else { return nil }
        return address
    }

    private static func isValidLocal(_ local: Substring) -> Bool {
        guard (1...maximumLocalLength).contains(local.count),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return false }
        // Local parts stay ASCII: many mail servers still reject SMTPUTF8.
        return local.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || localSymbols.contains($0) }
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        guard domain.count <= maximumDomainLength else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy(isValidLabel), let tld = labels.last else { return false }
        // Punycode TLDs ("xn--p1ai") are the ASCII spelling of letter-only TLDs.
        return tld.count >= 2 && (tld.allSatisfy(\.isLetter) || tld.hasPrefix("xn--"))
    }

    private static func isValidLabel(_ label: Substring) -> Bool {
        guard (1...maximumLabelLength).contains(label.count),
            !label.hasPrefix("-"), !label.hasSuffix("-")
        else { return false }
        return label.allSatisfy { character in
            character == "-" || character.isLetter || ("0"..."9").contains(character)
        }
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
