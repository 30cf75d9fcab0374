import Foundation
import NexoCore

/// Dates and times as people read them, in the tenant's time zone and the reader's language.
enum PageFormat {
    static func date(_ date: Date, timeZone: TimeZone, locale: String) -> String {
        date.formatted(style(.abbreviated, .omitted, timeZone: timeZone, locale: locale))
    }

    static func dateTime(_ date: Date, timeZone: TimeZone, locale: String) -> String {
        date.formatted(style(.abbreviated, .shortened, timeZone: timeZone, locale: locale))
    }

    private static func style(
        _ date: Date.FormatStyle.DateStyle, _ time: Date.FormatStyle.TimeStyle, timeZone: TimeZone, locale: String
    ) -> Date.FormatStyle {
        var style = Date.FormatStyle(date: date, time: time)
        style.timeZone = timeZone
        style.locale = Locale(identifier: locale == "en" ? "en_US" : "es_AR")
        return style
    }

    /// "17 de mayo de 1990" / "May 17, 1990"; the month's name comes from the locale files.
    static func birthday(_ birthday: Birthday, monthName: String, locale: String) -> String {
        let base = locale == "en" ? "\(monthName) \(birthday.day)" : "\(birthday.day) de \(monthName)"
        guard let year = birthday.year else { return base }
        return locale == "en" ? "\(base), \(year)" : "\(base) de \(year)"
    }
}
