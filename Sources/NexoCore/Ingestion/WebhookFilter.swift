/// Which webhook payloads make contacts: `{"path":"status","op":"equals","value":"paid"}`.
///
/// Senders post every event to one URL (a shop sends pending and paid orders alike), so a mapping can
/// keep only some. Text is compared ignoring case, accents and extra spaces (`SearchText.fold`);
/// numbers and booleans by their text ("1", "true"). When the path holds an array, the filter
/// matches if any element does (`tags contains "vip"`), and `not_equals` if none equals.
public struct WebhookFilter: Sendable, Hashable, Codable {
    public enum Comparison: String, Sendable, Hashable, Codable, CaseIterable {
        case equals
        /// Also true when the path is missing.
        case notEquals = "not_equals"
        /// The path holds something other than `null`, blank text or an empty array.
        case exists
        case notExists = "not_exists"
        /// `value` is a comma-separated list: "paid, completed".
        case oneOf = "one_of"
        /// The text contains `value`.
        case contains

        /// Whether the comparison reads `value`.
        public var needsValue: Bool {
            switch self {
            case .equals, .notEquals, .oneOf, .contains: true
            case .exists, .notExists: false
            }
        }
    }

    public var path: JSONPath
    public var comparison: Comparison
    /// Unused by `exists` and `not_exists`. Decoded from a JSON string, number or boolean.
    public var value: String

    public init(path: JSONPath, comparison: Comparison, value: String = "") {
        self.path = path
        self.comparison = comparison
        self.value = value
    }

    /// The items of a `one_of` list, trimmed, without empty ones.
    public var listedValues: [String] {
        value.split(separator: ",").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
    }

    public func matches(_ payload: JSONValue) -> Bool {
        let found = path.value(in: payload)
        switch comparison {
        case .exists: return found?.hasContent ?? false
        case .notExists: return !(found?.hasContent ?? false)
        case .equals, .notEquals, .oneOf, .contains: break
        }
        let texts = (found?.scalarTexts ?? []).map(SearchText.fold)
        let wanted = SearchText.fold(value)
        switch comparison {
        case .equals: return texts.contains(wanted)
        case .notEquals: return !texts.contains(wanted)
        case .oneOf: return !Set(listedValues.map(SearchText.fold)).isDisjoint(with: texts)
        case .contains: return texts.contains { wanted.isEmpty || $0.contains(wanted) }
        case .exists, .notExists: return false
        }
    }

    /// For people: `status equals "paid"`, `status is one of "paid", "completed"`.
    public var summary: String {
        switch comparison {
        case .equals: "\(path) equals \"\(value)\""
        case .notEquals: "\(path) does not equal \"\(value)\""
        case .exists: "\(path) exists"
        case .notExists: "\(path) does not exist"
        case .oneOf: "\(path) is one of " + listedValues.map { "\"\($0)\"" }.joined(separator: ", ")
        case .contains: "\(path) contains \"\(value)\""
        }
    }

    private enum CodingKeys: String, CodingKey {
        case path
        case comparison = "op"
        case value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(JSONPath.self, forKey: .path)
        comparison = try container.decode(Comparison.self, forKey: .comparison)
        switch try container.decodeIfPresent(JSONValue.self, forKey: .value) {
        case nil, .null: value = ""
        case .string(let text): value = text
        case .number(let number): value = JSONValue.text(of: number)
        case .bool(let flag): value = flag ? "true" : "false"
        case .array, .object:
            throw DecodingError.dataCorruptedError(
                forKey: .value, in: container, debugDescription: "A filter's value is a string, a number or a boolean.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(comparison, forKey: .comparison)
        if comparison.needsValue || !value.isEmpty { try container.encode(value, forKey: .value) }
    }
}
