import Foundation

/// A phone number normalised to E.164, with a key that identifies the same line
/// across the different ways people (and WhatsApp) write it.
public struct PhoneNumber: Sendable, Hashable, Codable {
    /// Canonical E.164 form, e.g. "+5491133332222".
    public let e164: String
    /// Identity for de-duplication. Equal to `e164` except where a country has
    /// several dialable forms of one line (Argentina's mobile `9`).
    public let matchKey: String
    /// ISO 3166 alpha-2 of the number's country when known ("AR"), else "".
    public let countryCode: String
}

/// Outcome of parsing user-typed phone text.
public enum PhoneParseResult: Sendable, Equatable {
    case valid(PhoneNumber)
    /// Kept as typed (surrounding whitespace trimmed) so the user can fix it later.
    case invalid(raw: String, reason: PhoneParseFailure)
    /// Blank input, or only separators such as an empty input mask "(  )  -".
    case empty
}

/// Why a phone text could not be normalised.
public enum PhoneParseFailure: String, Sendable, Equatable, Codable {
    case containsLetters = "contains_letters"
    case tooShort = "too_short"
    case tooLong = "too_long"
    case unknownFormat = "unknown_format"
}

extension PhoneNumber {
    /// E.164 allows at most 15 digits; below 6 nothing is dialable anywhere.
    static let minimumDigits = 6
    static let maximumDigits = 15
    /// Countries without rules are accepted from 8 digits (shortest real international numbers).
    static let minimumGenericDigits = 8

    /// Parses phone text as typed by a person.
    ///
    /// - Parameter defaultCountry: ISO 3166 alpha-2 of the tenant ("AR"); used when the
    ///   input has no international prefix (`+` or `00`).
    public static func parse(_ input: String, defaultCountry: String) -> PhoneParseResult {
        let raw = input.trimmingCharacters(in: .whitespacesAndNewlines)
        var kept = ""
        var hasForeignSymbol = false

        // Scalars, not Characters: a joiner (U+200D) copied from chat apps would otherwise
        // fuse with the preceding digit into a single non-digit grapheme.
        for scalar in raw.unicodeScalars {
            if isLetter(scalar) {
                return .invalid(raw: raw, reason: .containsLetters)
            } else if isNoise(scalar) {
                continue
            } else if scalar == "+" || ("0"..."9").contains(scalar) {
                kept.unicodeScalars.append(scalar)
            } else {
                hasForeignSymbol = true
            }
        }

        if !hasForeignSymbol && (kept.isEmpty || kept == "+") { return .empty }
        let fail = { (reason: PhoneParseFailure) in PhoneParseResult.invalid(raw: raw, reason: reason) }
        if hasForeignSymbol { return fail(.unknownFormat) }

        var digits = Substring(kept)
        let isInternational: Bool
        if digits.hasPrefix("+") {
            digits = digits.dropFirst()
            isInternational = true
        } else if digits.hasPrefix("00") {
            digits = digits.dropFirst(2)
            isInternational = true
        } else {
            isInternational = false
        }
        if digits.contains("+") { return fail(.unknownFormat) }
        if digits.count < minimumDigits { return fail(.tooShort) }
        if digits.count > maximumDigits { return fail(.tooLong) }

        if isInternational {
            return parseInternational(String(digits), fail: fail)
        }
        let iso = defaultCountry.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard let plan = NumberingPlan(isoCode: iso),
            let national = plan.national(domestic: String(digits))
        else { return fail(.unknownFormat) }
        return .valid(PhoneNumber(plan: plan, national: national))
    }

    private static func parseInternational(
        _ digits: String,
        fail: (PhoneParseFailure) -> PhoneParseResult
    ) -> PhoneParseResult {
        // Calling codes are prefix-free, so the first match at any length is the only one.
        for length in 1...3 {
            guard let plan = NumberingPlan(callingCode: String(digits.prefix(length))) else { continue }
            guard let national = plan.national(international: String(digits.dropFirst(length))) else {
                return fail(.unknownFormat)
            }
            return .valid(PhoneNumber(plan: plan, national: national))
        }
        guard digits.first != "0" else { return fail(.unknownFormat) }
        guard digits.count >= minimumGenericDigits else { return fail(.tooShort) }
        let e164 = "+" + digits
        return .valid(PhoneNumber(e164: e164, matchKey: e164, countryCode: genericCountryCode(digits)))
    }

    private init(plan: NumberingPlan, national: NationalNumber) {
        e164 = "+" + plan.callingCode + national.dialable
        matchKey = "+" + plan.callingCode + national.identity
        countryCode = plan.countryCode(forNational: national.dialable)
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }

    /// Separators people and input masks put in numbers, plus invisible format
    /// characters (bidi marks, zero-width spaces) that copy-paste drags along.
    private static func isNoise(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar {
        case ".", "-", "(", ")", "/",
            "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}":
            return true
        default:
            return scalar.properties.generalCategory == .format
        }
    }
}
