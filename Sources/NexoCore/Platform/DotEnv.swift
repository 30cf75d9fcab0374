import Foundation

/// Parses a `.env` file: `KEY=value` lines, `#` comments, optional `export `, single or double quotes.
public enum DotEnv {
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if let unquoted = unquote(value) {
                value = unquoted
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            if !key.isEmpty { values[key] = value }
        }
        return values
    }

    /// The text inside a quoted value, which may be followed by an inline comment (`KEY="a b" # note`);
    /// nil when the value is not quoted. `\n` in double quotes is a newline.
    private static func unquote(_ value: String) -> String? {
        guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        let start = value.index(after: value.startIndex)
        var searchFrom = start
        while let close = value[searchFrom...].firstIndex(of: quote) {
            let rest = value[value.index(after: close)...]
            let afterSpace = rest.drop(while: { $0 == " " || $0 == "\t" })
            if afterSpace.isEmpty || (afterSpace.first == "#" && afterSpace.count < rest.count) {
                let inner = String(value[start..<close])
                return quote == "\"" ? inner.replacingOccurrences(of: "\\n", with: "\n") : inner
            }
            searchFrom = value.index(after: close)
        }
        return nil
    }
}
