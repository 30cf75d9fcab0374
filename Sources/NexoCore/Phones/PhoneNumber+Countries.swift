import Foundation

// Per-country rules. Each plan turns the digits after the calling code (international)
// or the digits as dialled at home (domestic) into the national significant number, and
// returns nil for anything whose shape it does not know: we never guess.

extension PhoneNumber {
    /// National significant number as it goes into `e164` (`dialable`) and `matchKey` (`identity`).
    struct NationalNumber: Equatable {
        let dialable: String
        let identity: String

        init(_ digits: String) {
            dialable = digits
            identity = digits
        }

        init(dialable: String, identity: String) {
            self.dialable = dialable
            self.identity = identity
        }
    }

    enum NumberingPlan: String, CaseIterable, Sendable {
        case argentina = "AR"
        case mexico = "MX"
        case brazil = "BR"
        case chile = "CL"
        case colombia = "CO"
        case peru = "PE"
        case uruguay = "UY"
        case spain = "ES"
        case unitedStates = "US"

        init?(isoCode: String) {
            self.init(rawValue: isoCode)
        }

        init?(callingCode: String) {
            guard let plan = Self.allCases.first(where: { $0.callingCode == callingCode }) else { return nil }
            self = plan
        }

        var callingCode: String {
            switch self {
            case .argentina: "54"
            case .mexico: "52"
            case .brazil: "55"
            case .chile: "56"
            case .colombia: "57"
            case .peru: "51"
            case .uruguay: "598"
            case .spain: "34"
            case .unitedStates: "1"
            }
        }

        /// +1 is shared by the whole North American plan; name the Latin American members
        /// we can tell by area code and call the rest "US" (best effort, no full table).
        func countryCode(forNational national: String) -> String {
            guard self == .unitedStates else { return rawValue }
            switch national.prefix(3) {
            case "809", "829", "849": return "DO"
            case "787", "939": return "PR"
            default: return rawValue
            }
        }

        /// Digits after the calling code.
        func national(international d: String) -> NationalNumber? {
            switch self {
            case .argentina: Argentina.international(d)
            case .mexico: Mexico.national(d.count == 11 && d.hasPrefix("1") ? String(d.dropFirst()) : d)
            case .brazil: Brazil.national(d)
            case .chile: Chile.national(d)
            case .colombia: Colombia.national(d)
            case .peru: Peru.national(d)
            case .uruguay: Uruguay.national(d)
            case .spain: Spain.national(d)
            case .unitedStates: NorthAmerica.national(d)
            }
        }

        /// Digits as dialled inside the country, trunk and legacy prefixes included.
        func national(domestic d: String) -> NationalNumber? {
            switch self {
            case .argentina: Argentina.domestic(d)
            case .mexico: Mexico.domestic(d)
            case .brazil: Brazil.domestic(d)
            case .chile: Chile.national(d.count == 10 && d.hasPrefix("0") ? String(d.dropFirst()) : d)
            case .colombia: Colombia.national(d)
            case .peru: Peru.domestic(d)
            case .uruguay: Uruguay.national(d.count == 9 && d.hasPrefix("0") ? String(d.dropFirst()) : d)
            case .spain: Spain.national(d)
            case .unitedStates: NorthAmerica.national(d.count == 11 && d.hasPrefix("1") ? String(d.dropFirst()) : d)
            }
        }
    }

    /// Best-effort country for calling codes we have no rules for. Shared codes
    /// (+7 Russia/Kazakhstan) are left out rather than mislabelled.
    static func genericCountryCode(_ digits: String) -> String {
        for length in 1...3 {
            if let iso = genericCallingCodes[String(digits.prefix(length))] { return iso }
        }
        return ""
    }

    private static let genericCallingCodes: [String: String] = [
        // Rest of Latin America and the Caribbean outside +1.
        "501": "BZ", "502": "GT", "503": "SV", "504": "HN", "505": "NI", "506": "CR", "507": "PA",
        "509": "HT", "53": "CU", "58": "VE", "591": "BO", "592": "GY", "593": "EC", "595": "PY",
        "597": "SR",
        // Where Latin American customers most often live or come from.
        "30": "GR", "31": "NL", "32": "BE", "33": "FR", "36": "HU", "39": "IT", "40": "RO", "41": "CH",
        "43": "AT", "44": "GB", "45": "DK", "46": "SE", "47": "NO", "48": "PL", "49": "DE",
        "351": "PT", "353": "IE", "358": "FI", "420": "CZ",
        "20": "EG", "27": "ZA", "61": "AU", "64": "NZ", "81": "JP", "82": "KR", "86": "CN",
        "90": "TR", "91": "IN", "972": "IL", "971": "AE",
    ]
}

private func isDigit(_ c: Character?, in range: ClosedRange<Character>) -> Bool {
    guard let c else { return false }
    return range.contains(c)
}

/// Argentina (+54): 10-digit national number, area code of 2–4 digits (only "11" has 2).
/// Mobiles are dialled internationally as +54 9 <area> <subscriber> and domestically as
/// 0 <area> 15 <subscriber>. The match key drops the 9 because WhatsApp sends the 9 form
/// while people type both, and both reach the same phone.
private enum Argentina {
    static func international(_ d: String) -> PhoneNumber.NationalNumber? {
        if d.hasPrefix("9") {
            let rest = String(d.dropFirst())
            if rest.count == 10 { return mobile(rest) }
            // "+54 9 11 15 …": the domestic 15 is often kept by mistake.
            if rest.count == 12, let nsn = removingMobilePrefix(rest) { return mobile(nsn) }
            return nil
        }
        return nonPrefixed(d)
    }

    static func domestic(_ d: String) -> PhoneNumber.NationalNumber? {
        nonPrefixed(d.hasPrefix("0") ? String(d.dropFirst()) : d)
    }

    /// Without the international 9 we only know a number is mobile when it carries a 15.
    private static func nonPrefixed(_ d: String) -> PhoneNumber.NationalNumber? {
        if d.count == 10 { return landline(d) }
        if d.count == 12, let nsn = removingMobilePrefix(d) { return mobile(nsn) }
        return nil
    }

    /// Area codes are not marked off, so find the 15 heuristically: after "11" (the only
    /// 2-digit area, and no longer area starts with 11), else after 3 digits, else after 4.
    /// A 4-digit area can't be misread as 3 digits + 15: that needs its 5th digit, the
    /// "1" of its own 15, to be "5". So no area code table is needed.
    static func removingMobilePrefix(_ d: String) -> String? {
        for areaLength in d.hasPrefix("11") ? [2] : [3, 4] {
            let area = d.prefix(areaLength)
            let rest = d.dropFirst(areaLength)
            if rest.hasPrefix("15") { return String(area + rest.dropFirst(2)) }
        }
        return nil
    }

    /// Area codes are 11 or start with 2 or 3. This keeps the international 9 unambiguous
    /// and rejects a local "15 3333-2222" typed without its area code.
    private static func isNational(_ d: String) -> Bool {
        d.count == 10 && (d.hasPrefix("11") || isDigit(d.first, in: "2"..."3"))
    }

    private static func landline(_ d: String) -> PhoneNumber.NationalNumber? {
        isNational(d) ? .init(d) : nil
    }

    private static func mobile(_ d: String) -> PhoneNumber.NationalNumber? {
        isNational(d) ? .init(dialable: "9" + d, identity: d) : nil
    }
}

/// Mexico (+52): 10 digits since 2019; the old international mobile "1" and the domestic
/// 044/045 (mobile) and 01 (long distance) prefixes still appear in address books.
private enum Mexico {
    static func domestic(_ d: String) -> PhoneNumber.NationalNumber? {
        if d.count == 13 && (d.hasPrefix("044") || d.hasPrefix("045")) { return national(String(d.dropFirst(3))) }
        if d.count == 12 && d.hasPrefix("01") { return national(String(d.dropFirst(2))) }
        return national(d)
    }

    /// No national number starts with 0 or 1, which keeps the legacy prefixes unambiguous.
    static func national(_ d: String) -> PhoneNumber.NationalNumber? {
        d.count == 10 && isDigit(d.first, in: "2"..."9") ? .init(d) : nil
    }
}

/// Brazil (+55): 2-digit area (11–99, no zeros) + 9-digit mobile starting 9 or 8-digit
/// landline starting 2–5. Mobiles got a leading 9 in 2012–2016; old 8-digit mobiles
/// (starting 6–9) get it inserted so both spellings of one phone become identical.
private enum Brazil {
    static func domestic(_ d: String) -> PhoneNumber.NationalNumber? {
        guard d.hasPrefix("0") else { return national(d) }
        let rest = d.dropFirst()
        switch rest.count {
        case 10, 11: return national(String(rest))  // 0 + area + number
        case 12, 13: return national(String(rest.dropFirst(2)))  // 0 + carrier + area + number
        default: return nil
        }
    }

    static func national(_ d: String) -> PhoneNumber.NationalNumber? {
        guard d.count == 10 || d.count == 11,
            isDigit(d.first, in: "1"..."9"),
            isDigit(d.dropFirst().first, in: "1"..."9")
        else { return nil }
        let area = d.prefix(2)
        let subscriber = d.dropFirst(2)
        if subscriber.count == 9 {
            return subscriber.hasPrefix("9") ? .init(d) : nil
        }
        switch subscriber.first {
        case "2", "3", "4", "5": return .init(d)
        case "6", "7", "8", "9": return .init(String(area + "9" + subscriber))
        default: return nil
        }
    }
}

/// Chile (+56): 9 digits (mobiles 9…, Santiago 2…, regions 3–7…). Old domestic forms
/// with a trunk 0 ("09 …") are stripped; 8-digit numbers predate the 2016 change and
/// can't be mapped safely.
private enum Chile {
    static func national(_ d: String) -> PhoneNumber.NationalNumber? {
        d.count == 9 && isDigit(d.first, in: "2"..."9") ? .init(d) : nil
    }
}

/// Colombia (+57): 10 digits, mobiles 3…, landlines 60X… since 2021.
private enum Colombia {
    static func national(_ d: String) -> PhoneNumber.NationalNumber? {
        d.count == 10 && (d.hasPrefix("3") || d.hasPrefix("60")) ? .init(d) : nil
    }
}

/// Peru (+51): mobiles 9 digits starting 9; landlines 8 digits (Lima 1 + 7, provinces
/// 2-digit area + 6), dialled at home with a trunk 0.
private enum Peru {
    static func domestic(_ d: String) -> PhoneNumber.NationalNumber? {
        if d.count == 9 && d.hasPrefix("0") {
            let rest = String(d.dropFirst())
            return isDigit(rest.first, in: "1"..."8") ? .init(rest) : nil
        }
        return national(d)
    }

    static func national(_ d: String) -> PhoneNumber.NationalNumber? {
        switch d.count {
        case 9: d.hasPrefix("9") ? .init(d) : nil
        case 8: isDigit(d.first, in: "1"..."8") ? .init(d) : nil
        default: nil
        }
    }
}

/// Uruguay (+598): 8 digits; mobiles 9…, landlines 2… (Montevideo) or 4… (interior).
/// Mobiles are dialled at home with a trunk 0 ("099 …").
private enum Uruguay {
    static func national(_ d: String) -> PhoneNumber.NationalNumber? {
        d.count == 8 && (d.hasPrefix("2") || d.hasPrefix("4") || d.hasPrefix("9")) ? .init(d) : nil
    }
}

/// Spain (+34): 9 digits, no trunk prefix.
private enum Spain {
    static func national(_ d: String) -> PhoneNumber.NationalNumber? {
        d.count == 9 && isDigit(d.first, in: "5"..."9") ? .init(d) : nil
    }
}

/// North American plan (+1): 10 digits, area code starting 2–9.
private enum NorthAmerica {
    static func national(_ d: String) -> PhoneNumber.NationalNumber? {
        d.count == 10 && isDigit(d.first, in: "2"..."9") ? .init(d) : nil
    }
}
