/// The metadata keys given out while mapping one payload, so two values never share a key.
///
/// Keys are made like `ColumnMapping`'s for headers: snake-case ASCII (`ColumnMapping.metadataKey`), and
/// `_2`, `_3`, … after a key already taken, within the 64-character limit.
struct MetadataKeys {
    private(set) var used: Set<String>

    init(reserving keys: some Sequence<String> = []) {
        used = Set(keys)
    }

    /// A free key made from `text`, or from `fallback` when `text` has no letters or digits ("🎉").
    mutating func claim(_ text: String, fallback: String) -> String {
        let folded = ColumnMapping.metadataKey(for: text)
        let base = folded.isEmpty ? fallback : folded
        var key = base
        var suffix = 2
        while used.contains(key) {
            let ending = "_\(suffix)"
            key = String(base.prefix(ColumnMapping.maxMetadataKeyLength - ending.count)) + ending
            suffix += 1
        }
        used.insert(key)
        return key
    }
}
