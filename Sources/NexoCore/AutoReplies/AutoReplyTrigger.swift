/// What makes a rule answer.
///
/// JSON: `{"type":"keyword","words":["turno","cita"],"match":"any","whole_word":true}`,
/// `{"type":"pattern","pattern":"pedido\\s*#?\\d{4,}"}`, `{"type":"greeting"}`, `{"type":"thanks"}`,
/// `{"type":"goodbye"}`.
public enum AutoReplyTrigger: Sendable, Hashable, Codable {
    /// Words or phrases, compared ignoring case, accents and punctuation (`MessageWords`).
    /// `wholeWord`: "turno" matches "¿turno?" but not "turnos"; otherwise it matches inside words too
    /// ("ortodonc" finds "ortodoncia"). A phrase ("obra social") must appear as written, words in a row.
    case keyword(words: [String], match: KeywordMatch, wholeWord: Bool)
    /// A regular expression (`AutoReplyPattern`), checked and timed when saved.
    case pattern(String)
    /// Built-ins: the message is just a greeting, thanks or goodbye (`SocialReading`).
    case greeting
    case thanks
    case goodbye

    public enum KeywordMatch: String, Sendable, Hashable, Codable, CaseIterable {
        /// One of the words is enough.
        case any
        /// Every word must be there, in any order.
        case all
    }

    /// The built-in this trigger is, if any.
    public var socialIntent: SocialIntent? {
        switch self {
        case .greeting: .greeting
        case .thanks: .thanks
        case .goodbye: .goodbye
        case .keyword, .pattern: nil
        }
    }

    public static let types = ["keyword", "pattern", "greeting", "thanks", "goodbye"]

    public var type: String {
        switch self {
        case .keyword: "keyword"
        case .pattern: "pattern"
        case .greeting: "greeting"
        case .thanks: "thanks"
        case .goodbye: "goodbye"
        }
    }

    private enum CodingKeys: String, CodingKey { case type, words, match, wholeWord = "whole_word", pattern }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "keyword":
            self = .keyword(
                words: try container.decode([String].self, forKey: .words),
                match: try container.decodeIfPresent(KeywordMatch.self, forKey: .match) ?? .any,
                wholeWord: try container.decodeIfPresent(Bool.self, forKey: .wholeWord) ?? true)
        case "pattern":
            self = .pattern(try container.decode(String.self, forKey: .pattern))
        case "greeting": self = .greeting
        case "thanks": self = .thanks
        case "goodbye": self = .goodbye
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown trigger type \(other); expected one of \(Self.types.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .keyword(let words, let match, let wholeWord):
            try container.encode(words, forKey: .words)
            try container.encode(match, forKey: .match)
            try container.encode(wholeWord, forKey: .wholeWord)
        case .pattern(let pattern):
            try container.encode(pattern, forKey: .pattern)
        case .greeting, .thanks, .goodbye:
            break
        }
    }
}
