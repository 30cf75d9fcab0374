import Foundation

/// A JSON object from Meta's Graph API, read leniently: a member of another type than expected reads as missing, so
/// one odd field in a batch of a thousand updates costs that field, not the delivery.
struct GraphObject: Sendable, Hashable {
    let members: [String: JSONValue]

    init(_ members: [String: JSONValue]) {
        self.members = members
    }

    /// Nil unless `value` is a JSON object.
    init?(_ value: JSONValue?) {
        guard case .object(let members)? = value else { return nil }
        self.members = members
    }

    var json: JSONValue { .object(members) }

    /// A string exactly as sent; nil when missing, empty or not a string.
    func string(_ key: String) -> String? {
        guard case .string(let text)? = members[key], !text.isEmpty else { return nil }
        return text
    }

    /// An identifier: trimmed text, or a whole number's digits; nil when blank.
    func id(_ key: String) -> String? {
        switch members[key] {
        case .string(let text)?:
            let trimmed = text.trimmedWhitespace
            return trimmed.isEmpty ? nil : trimmed
        case .number(let number)? where number.rounded() == number && abs(number) < 9e15:
            return String(Int64(number))
        default:
            return nil
        }
    }

    /// A whole number, sent as a number or as digits in a string.
    func int(_ key: String) -> Int? {
        switch members[key] {
        case .number(let number)?: Int(exactly: number)
        case .string(let text)?: Int(text.trimmedWhitespace)
        default: nil
        }
    }

    /// A number, sent as a number or in a string.
    func double(_ key: String) -> Double? {
        switch members[key] {
        case .number(let number)?: number
        case .string(let text)?: Double(text.trimmedWhitespace)
        default: nil
        }
    }

    func bool(_ key: String) -> Bool? {
        guard case .bool(let flag)? = members[key] else { return nil }
        return flag
    }

    /// Seconds since 1970, which webhooks send as a string ("1749416383").
    func time(_ key: String) -> Date? {
        guard let seconds = double(key), seconds.isFinite else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    func object(_ key: String) -> GraphObject? {
        GraphObject(members[key])
    }

    /// The elements of an array member; nil when missing or not an array.
    func array(_ key: String) -> [JSONValue]? {
        guard case .array(let items)? = members[key] else { return nil }
        return items
    }

    /// The objects of an array member, other elements left out; empty when missing or not an array.
    func objects(_ key: String) -> [GraphObject] {
        (array(key) ?? []).compactMap(GraphObject.init)
    }
}
