import Foundation

/// Where a value sits in a JSON payload: `customer.email`, `items[0].sku`, `["first.name"]`.
///
/// Webhook mappings name payload values this way. The syntax is the part of JSONPath people type
/// (see `init(parsing:)`), and `description` is one canonical spelling, so `$.customer.email` and
/// `customer.email` store and compare equal.
public struct JSONPath: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array element, from 0.
        case index(Int)
    }

    /// At least one, at most `maxSegments`.
    public let segments: [Segment]

    /// Deeper paths are almost certainly mistakes, and bound the work of a lookup.
    public static let maxSegments = 32

    /// A path from segments already split, with the same limits as a parsed one.
    public init(segments: [Segment]) throws(JSONPathError) {
        let path = JSONPath(checkedSegments: segments)
        guard !segments.isEmpty else { throw .empty }
        guard segments.count <= Self.maxSegments else {
            throw .tooManySegments(path: path.description, count: segments.count)
        }
        for case .index(let index) in segments where index < 0 {
            throw .badIndex(path: path.description, text: String(index), position: 1)
        }
        self = path
    }

    /// For segments known to be valid: made by the parser, or found by walking a payload.
    init(checkedSegments segments: [Segment]) {
        self.segments = segments
    }

    /// The value at this path; nil when a key or index is missing or the payload has another shape there.
    /// A present `null` is returned as `.null`.
    ///
    /// A dotted key made of digits also selects an array element (`items.0.sku` reads `items[0].sku`),
    /// as many no-code tools write it.
    public func value(in root: JSONValue) -> JSONValue? {
        var current = root
        for segment in segments {
            switch (segment, current) {
            case (.key(let key), .object(let members)):
                guard let member = members[key] else { return nil }
                current = member
            case (.index(let index), .array(let items)):
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            case (.key(let key), .array(let items)):
                guard key.allSatisfy(Self.isDigit), let index = Int(key), items.indices.contains(index) else {
                    return nil
                }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The canonical form: dotted keys, `[n]` indexes, and `["…"]` for keys that dotted syntax cannot
    /// hold (dots, spaces, brackets, quotes, empty). No leading `$.`.
    public var description: String {
        var text = ""
        for segment in segments {
            switch segment {
            case .key(let key) where Self.isPlain(key):
                if !text.isEmpty { text += "." }
                text += key
            case .key(let key):
                text +=
                    "[\""
                    + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\"]"
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// Keys written without brackets: what the parser reads as a dotted key.
    static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && key != "$" && !key.contains(where: Self.endsDottedKey)
    }

    /// Characters a dotted key cannot contain.
    static func endsDottedKey(_ character: Character) -> Bool {
        character == "." || character == "[" || character == "]" || character == "\"" || character == "'"
            || character.isWhitespace
    }

    static func isDigit(_ character: Character) -> Bool {
        ("0"..."9").contains(character)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
