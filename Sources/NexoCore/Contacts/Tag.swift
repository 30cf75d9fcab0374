/// Tags are compared without regard to case or surrounding space: "VIP " and "vip" are one tag.
public enum Tag {
    public static let maxLength = 50
    public static let maxPerContact = 50

    /// Trimmed, inner whitespace collapsed, lower-cased; nil when empty.
    public static func normalize(_ raw: String) -> String? {
        let collapsed = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        return collapsed.isEmpty ? nil : collapsed
    }
}
