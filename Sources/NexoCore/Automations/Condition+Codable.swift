import Foundation

/// The stored and API shape: an object with a `"kind"` discriminator and snake_case keys, e.g.
/// `{"kind": "days_since_last_interaction", "operator": "at_least", "days": 60}`.
///
/// Unknown kinds, operators and keys are refused with the path of the offending key, so a typo in a client's
/// JSON is an error rather than a condition that silently means something else.
extension Condition: Codable {
    enum Key: String, CodingKey {
        case kind, field, `operator`, value, tag, statuses, channel, state, zone, days
    }

    /// The keys each kind uses besides `kind`.
    static func keys(of kind: Kind) -> [Key] {
        switch kind {
        case .field: [.field, .operator, .value]
        case .hasTag, .lacksTag: [.tag]
        case .statusIn: [.statuses]
        case .consent: [.channel, .state]
        case .hasEmail, .hasPhone: []
        case .birthdayToday: [.zone]
        case .daysSinceLastInteraction: [.operator, .days]
        case .createdWithinDays: [.days]
        case .score: [.operator, .value]
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let kind = try container.decodeConditionToken(Kind.self, forKey: .kind)
        let allowed = [Key.kind.rawValue] + Self.keys(of: kind).map(\.rawValue)
        try ConditionJSONKey.rejectUnknownKeys(in: decoder, allowed: allowed, of: "\(kind.rawValue) conditions")
        switch kind {
        case .field:
            self = .field(
                try container.decode(Field.self, forKey: .field),
                try container.decodeConditionToken(FieldOperator.self, forKey: .operator),
                value: try container.decodeIfPresent(String.self, forKey: .value))
        case .hasTag: self = .hasTag(try container.decode(String.self, forKey: .tag))
        case .lacksTag: self = .lacksTag(try container.decode(String.self, forKey: .tag))
        case .statusIn: self = .statusIn(try container.decode([String].self, forKey: .statuses))
        case .consent:
            self = .consent(
                try container.decodeConditionToken(Channel.self, forKey: .channel),
                try container.decodeConditionToken(ConsentRequirement.self, forKey: .state))
        case .hasEmail: self = .hasEmail
        case .hasPhone: self = .hasPhone
        case .birthdayToday:
            // The zone may be left out: the contact's own day is the sensible default for a greeting.
            self = .birthdayToday(try container.decodeConditionTokenIfPresent(BirthdayZone.self, forKey: .zone) ?? .contact)
        case .daysSinceLastInteraction:
            self = .daysSinceLastInteraction(
                try container.decodeConditionToken(Comparison.self, forKey: .operator),
                days: try container.decode(Int.self, forKey: .days))
        case .createdWithinDays: self = .createdWithinDays(try container.decode(Int.self, forKey: .days))
        case .score:
            self = .score(
                try container.decodeConditionToken(Comparison.self, forKey: .operator),
                try container.decode(Int.self, forKey: .value))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .field(let field, let op, let value):
            try container.encode(field, forKey: .field)
            try container.encode(op, forKey: .operator)
            try container.encodeIfPresent(value, forKey: .value)
        case .hasTag(let tag), .lacksTag(let tag): try container.encode(tag, forKey: .tag)
        case .statusIn(let statuses): try container.encode(statuses, forKey: .statuses)
        case .consent(let channel, let requirement):
            try container.encode(channel, forKey: .channel)
            try container.encode(requirement, forKey: .state)
        case .hasEmail, .hasPhone: break
        case .birthdayToday(let zone): try container.encode(zone, forKey: .zone)
        case .daysSinceLastInteraction(let comparison, let days):
            try container.encode(comparison, forKey: .operator)
            try container.encode(days, forKey: .days)
        case .createdWithinDays(let days): try container.encode(days, forKey: .days)
        case .score(let comparison, let value):
            try container.encode(comparison, forKey: .operator)
            try container.encode(value, forKey: .value)
        }
    }
}

/// Any key of a JSON object, to list the keys a decoder was given.
struct ConditionJSONKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    /// Throws for the first key (in sorted order, so the error is stable) that is not allowed.
    static func rejectUnknownKeys(in decoder: any Decoder, allowed: [String], of owner: String) throws {
        let container = try decoder.container(keyedBy: ConditionJSONKey.self)
        let unknown = container.allKeys.filter { !allowed.contains($0.stringValue) }
        if let key = unknown.min(by: { $0.stringValue < $1.stringValue }) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "Not used by \(owner); use \(allowed.joined(separator: ", ")).")
        }
    }
}

extension KeyedDecodingContainer {
    /// A string enum with an error that lists the accepted values, instead of Foundation's generic one.
    func decodeConditionToken<T: RawRepresentable & CaseIterable>(_ type: T.Type, forKey key: Key) throws -> T
    where T.RawValue == String {
        let raw = try decode(String.self, forKey: key)
        guard let value = T(rawValue: raw) else {
            let accepted = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "Unknown value “\(raw)”; use one of: \(accepted).")
        }
        return value
    }

    func decodeConditionTokenIfPresent<T: RawRepresentable & CaseIterable>(_ type: T.Type, forKey key: Key) throws -> T?
    where T.RawValue == String {
        guard contains(key), try decodeNil(forKey: key) == false else { return nil }
        return try decodeConditionToken(type, forKey: key)
    }
}
