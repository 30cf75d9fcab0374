/// The variables a tenant may write in a message template, for the validator and the editor's picker.
public enum TemplateVariables {
    /// One variable of the catalogue; `descriptionKey` is the translation key the editor shows next to it.
    public struct Variable: Sendable, Hashable {
        public let name: String
        public let descriptionKey: String

        init(_ name: String) {
            self.name = name
            self.descriptionKey = "templates.variables." + name
        }
    }

    /// Prefix of the open family `contact.metadata.<key>`: any key the tenant stores in metadata.
    public static let metadataPrefix = "contact.metadata."

    /// Fixed variables, in the order the editor lists them.
    public static let fixed: [Variable] = [
        "contact.first_name", "contact.last_name", "contact.full_name", "contact.email", "contact.phone",
        "contact.company", "contact.birthday", "contact.status", "contact.source",
        "business.name", "business.email", "business.country",
        "unsubscribe_url", "today",
    ].map(Variable.init)

    /// What the editor shows for the metadata family; `key` stands for the tenant's own key.
    public static let metadata = Variable("contact.metadata.key")

    /// Every entry the editor lists: the fixed variables, then the metadata family.
    public static var all: [Variable] { fixed + [metadata] }

    private static let fixedNames = Set(fixed.map(\.name))

    /// Whether `name` may be used in `{{name}}`, `{{#name}}` and `{{^name}}`.
    public static func isKnown(_ name: String) -> Bool {
        fixedNames.contains(name) || metadataKey(of: name) != nil
    }

    /// The metadata key in `contact.metadata.<key>`, or nil when `name` is not such a variable.
    public static func metadataKey(of name: String) -> String? {
        guard name.hasPrefix(metadataPrefix) else { return nil }
        let key = String(name.dropFirst(metadataPrefix.count))
        return isMetadataKey(key) ? key : nil
    }

    /// Metadata keys usable in a template: ASCII letters, digits and `_` (what Mustache tag names can hold safely).
    public static func isMetadataKey(_ key: String) -> Bool {
        !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
            }
    }

    /// The known variable closest to a misspelt `name`, when it is close enough to be what the author meant.
    public static func suggestion(for name: String) -> String? {
        // A misspelt "contact.metadata" keeps the tenant's own key, case included: contact.metdata.Plan -> contact.metadata.Plan.
        let parts = name.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, isMetadataKey(String(parts[2])),
            editDistance((parts[0] + "." + parts[1]).lowercased(), "contact.metadata") <= 2
        {
            return metadataPrefix + parts[2]
        }
        let lowered = name.lowercased()
        if fixedNames.contains(lowered) { return lowered }
        // A missing scope is the most common slip: {{first_name}} for {{contact.first_name}}.
        for scope in ["contact.", "business."] where fixedNames.contains(scope + lowered) {
            return scope + lowered
        }
        var best: (name: String, distance: Int)?
        for candidate in fixedNames.sorted() {
            let distance = editDistance(lowered, candidate)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= maximumDistance(for: best.name) else { return nil }
        return best.name
    }

    /// Short names tolerate fewer slips, or "today" would be suggested for any five-letter word.
    private static func maximumDistance(for name: String) -> Int {
        switch name.count {
        case ..<6: 1
        case ..<12: 2
        default: 3
        }
    }

    /// Optimal string alignment distance: Levenshtein plus swaps of neighbours ("frist" -> "first" is one edit).
    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
