import Foundation

/// The UI's strings per locale, loaded from Resources/Locales/<locale>.json (flat "key": "text" maps).
/// Missing keys fall back to the default locale, then to the key itself, so a gap shows instead of breaking a page.
public struct Translations: Sendable {
    public static let supportedLocales = ["es", "en"]
    public static let defaultLocale = "es"

    private let tables: [String: [String: String]]

    public init(tables: [String: [String: String]]) { self.tables = tables }

    public init(directory: URL) throws {
        var tables: [String: [String: String]] = [:]
        for locale in Self.supportedLocales {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(locale).json"))
            tables[locale] = try JSONDecoder().decode([String: String].self, from: data)
        }
        self.tables = tables
    }

    public func keys(locale: String) -> Set<String> { Set(tables[locale]?.keys.map { $0 } ?? []) }

    /// `{0}`, `{1}` … in the text are replaced by the arguments.
    public func text(_ key: String, locale: String, _ arguments: [String] = []) -> String {
        var text = tables[locale]?[key] ?? tables[Self.defaultLocale]?[key] ?? key
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }

    /// The supported locale for a requested one ("en-US" → "en"), or the default.
    public static func resolve(_ requested: String?) -> String {
        guard let requested else { return defaultLocale }
        let language = requested.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return supportedLocales.contains(language) ? language : defaultLocale
    }
}
