extension String {
    /// The text without surrounding whitespace and line breaks.
    ///
    /// Used on every cell: Foundation's `trimmingCharacters(in:)` goes through NSString on Linux and
    /// was the largest single cost of mapping a row.
    var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isImportWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isImportWhitespace })
        else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    fileprivate var isImportWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
