import Foundation
import NexoCore

/// Dates and times as people read them, in the tenant's time zone and the reader's language.
enum PageFormat {
    static func date(_ date: Date, timeZone: TimeZone, locale: String) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .omitted)
        style.timeZone = timeZone
        style.locale = Locale(identifier: locale == "en" ? "en_US" : "es_AR")
        return date.formatted(style)
    }

    static func dateTime(_ date: Date, timeZone: TimeZone, locale: String) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
        style.timeZone = timeZone
        style.locale = Locale(identifier: locale == "en" ? "en_US" : "es_AR")
        return date.formatted(style)
    }

    static func birthday(_ birthday: Birthday, locale: String) -> String {
        let months =
            locale == "en"
            ? [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
                "December",
            ]
            : [
                "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
                "diciembre",
            ]
        let month = months[birthday.month - 1]
        let base = locale == "en" ? "\(month) \(birthday.day)" : "\(birthday.day) de \(month)"
        guard let year = birthday.year else { return base }
        return locale == "en" ? "\(base), \(year)" : "\(base) de \(year)"
    }
}
