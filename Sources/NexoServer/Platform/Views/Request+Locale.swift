import NexoCore
import Vapor

extension Request {
    private struct LocaleKey: StorageKey { typealias Value = String }

    /// The language this request is answered in: the signed-in user's choice, else the visitor's, else Spanish.
    var locale: String {
        get { storage[LocaleKey.self] ?? Translations.defaultLocale }
        set { storage[LocaleKey.self] = newValue }
    }

    func t(_ key: String, _ arguments: String...) -> String {
        nexo.translations.text(key, locale: locale, arguments)
    }

    /// For keys built from data (a source, a status): the data itself when there is no translation.
    func t(_ key: String, fallback: String) -> String {
        let text = nexo.translations.text(key, locale: locale)
        return text == key ? fallback : text
    }
}
