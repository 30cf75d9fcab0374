/// The default mapping: what a payload's keys say about a contact, decided by the CSV import's headers.
extension WebhookMapping {
    /// Keys that wrap the record in common senders' payloads, tried in this order at each level:
    /// `{"event":"customer.created","data":{"object":{…}}}`, `{"lead":{"fields":{…}}}`.
    static let envelopeKeys = [
        "data", "customer", "contact", "lead", "payload", "object", "record", "attributes", "fields", "body",
    ]
    /// Leaves read from one payload; the rest are ignored.
    static let maxGuessedLeaves = 100
    /// Keys and indexes from the root; deeper values are ignored.
    static let maxGuessDepth = 8
    /// Estimated JSON size of the guessed metadata, under `ContactInput`'s 16 KB limit: leaves past it are
    /// ignored rather than making every payload unusable.
    static let guessedMetadataBudget = 14_000
    /// A nested leaf with one of these keys is named by its parent: `{"first_name":{"value":"Ana"}}`.
    private static let valueKeys: Set<String> = ["value", "values", "answer", "text", "response"]

    /// Guesses a mapping from one payload, for senders whose shape nobody mapped.
    ///
    /// - The record is found by descending through envelope keys (`envelopeKeys`) until an object has a
    ///   key that looks like an e-mail, phone or name.
    /// - Leaves are strings, numbers, booleans and arrays of those, `null` and blank ones skipped; the
    ///   record's come first, shallower before deeper, keys in sorted order, then the rest of the payload.
    /// - Each leaf gets a header from its keys, read by `ColumnMapping(headers:)`: its own key
    ///   (`billing.email` → "email"), its parent's for a generic one (`first_name.value` → "first_name"),
    ///   or both when that is a known header (`company.name` → "company name", `default_address.phone` →
    ///   "default address phone"). A nested `name` without such a meaning (`line_items[0].name`) is not a
    ///   person's name.
    /// - As in a CSV file, a single-valued field goes to its best leaf (a mobile before a landline, then
    ///   the first); first and last names come from one object only (billing, not also shipping).
    /// - Every other leaf goes to metadata under its whole path in snake case (`order.total` →
    ///   `order_total`, `data.object.id` → `data_object_id`).
    public static func guess(for payload: JSONValue) -> [WebhookFieldMapping] {
        guard case .object = payload else { return [] }
        let envelope = envelopePath(in: payload)
        var leaves: [Leaf] = []
        if let record = JSONPath(checkedSegments: envelope).value(in: payload), !envelope.isEmpty {
            collectLeaves(of: record, at: envelope, relativeTo: envelope.count, skipping: nil, into: &leaves)
        }
        collectLeaves(of: payload, at: [], relativeTo: 0, skipping: envelope, into: &leaves)

        var fields = ColumnMapping(headers: leaves.map(\.header)).fields
        keepNamesFromOneObject(&fields, leaves: leaves)
        var keys = MetadataKeys()
        var metadataSize = 0
        for index in fields.indices {
            switch fields[index] {
            case .metadata, .ignore: break
            default: continue
            }
            let key = keys.claim(leaves[index].pathText, fallback: "field_\(index + 1)")
            metadataSize += key.utf8.count + leaves[index].text.utf8.count + 6
            fields[index] = metadataSize <= guessedMetadataBudget ? .metadata(key) : .ignore
        }
        return zip(leaves, fields).map { WebhookFieldMapping(path: JSONPath(checkedSegments: $0.path), field: $1) }
    }

    private struct Leaf {
        var path: [JSONPath.Segment]
        var text: String
        /// Read as a CSV header by `ColumnMapping`.
        var header: String

        /// The path's keys and indexes joined with "_", made into a metadata key when the leaf is metadata.
        var pathText: String {
            path.map { segment in
                switch segment {
                case .key(let key): key
                case .index(let index): String(index)
                }
            }.joined(separator: "_")
        }
    }

    /// The path to the record inside envelope keys; empty when the root is the record.
    static func envelopePath(in payload: JSONValue) -> [JSONPath.Segment] {
        var path: [JSONPath.Segment] = []
        var current = payload
        while path.count < maxGuessDepth - 1, case .object(let members) = current, !looksLikeContact(members) {
            let envelope = envelopeKeys.lazy.compactMap { name in
                members.first { $0.key.lowercased() == name && $0.value.isNonEmptyObject }
            }.first
            guard let envelope else { break }
            path.append(.key(envelope.key))
            current = envelope.value
        }
        return path
    }

    /// Whether an object's own values include an e-mail, a phone or a name, by their keys.
    private static func looksLikeContact(_ members: [String: JSONValue]) -> Bool {
        let keys = members.filter { $0.value.hasContent && $0.value.cellText != nil }.map(\.key)
        return ColumnMapping(headers: keys).fields.contains(where: isIdentity)
    }

    private static func isIdentity(_ field: ContactField) -> Bool {
        switch field {
        case .email, .phone, .fullName, .firstName, .lastName: true
        default: false
        }
    }

    /// Breadth first, so shallower leaves come first and win ties for a field, as leftmost columns do.
    private static func collectLeaves(
        of root: JSONValue, at rootPath: [JSONPath.Segment], relativeTo base: Int,
        skipping skipped: [JSONPath.Segment]?,
        into leaves: inout [Leaf]
    ) {
        var queue: [(path: [JSONPath.Segment], value: JSONValue)] = [(rootPath, root)]
        var next = 0
        while next < queue.count {
            let (path, value) = queue[next]
            next += 1
            let children: [(JSONPath.Segment, JSONValue)]
            switch value {
            case .object(let members):
                children = members.keys.sorted().map { (.key($0), members[$0] ?? .null) }
            case .array(let items):
                children = items.enumerated().map { (.index($0.offset), $0.element) }
            default:
                children = []
            }
            for (segment, child) in children {
                let childPath = path + [segment]
                guard childPath.count <= maxGuessDepth, childPath != skipped else { continue }
                if let text = child.cellText {
                    guard child.hasContent, !text.trimmedWhitespace.isEmpty else { continue }
                    let header = header(for: Array(childPath.dropFirst(base)))
                    leaves.append(Leaf(path: childPath, text: text, header: header))
                    if leaves.count == maxGuessedLeaves { return }
                } else if child.hasContent {
                    queue.append((childPath, child))
                }
            }
        }
    }

    /// A CSV-like header for a leaf, from its path below the record.
    private static func header(for path: [JSONPath.Segment]) -> String {
        let keys = path.compactMap { segment -> String? in
            if case .key(let key) = segment { key } else { nil }
        }
        guard let last = keys.last else { return "" }
        guard keys.count > 1 else { return last }
        let parent = keys[keys.count - 2]
        let normalized = ColumnMapping.normalizedHeader(last)
        if valueKeys.contains(normalized) { return parent }
        let combined = parent + " " + last
        if isKnownHeader(combined) || normalized == "name" { return combined }
        return last
    }

    private static func isKnownHeader(_ header: String) -> Bool {
        switch ColumnMapping(headers: [header]).fields.first {
        case nil, .metadata, .ignore: false
        default: true
        }
    }

    /// First and last names are joined across columns; in a payload, keep those beside the first one found
    /// so a billing and a shipping first name do not make "Ana Ana".
    private static func keepNamesFromOneObject(_ fields: inout [ContactField], leaves: [Leaf]) {
        for name in [ContactField.firstName, .lastName] {
            guard let first = fields.firstIndex(of: name) else { continue }
            let owner = leaves[first].path.dropLast()
            for index in fields.indices where fields[index] == name && leaves[index].path.dropLast() != owner {
                fields[index] = .ignore
            }
        }
    }
}

extension JSONValue {
    fileprivate var isNonEmptyObject: Bool {
        if case .object(let members) = self { !members.isEmpty } else { false }
    }
}
