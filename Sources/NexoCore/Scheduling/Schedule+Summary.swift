/// One-line descriptions for lists and confirmations, in the tenant's language.
extension Schedule {
    /// "Todos los días a las 08:00" / "Every day at 08:00"; locales other than es and en fall back as `Translations` does.
    public func summary(locale: String) -> String {
        let spanish = Translations.resolve(locale) == "es"
        switch self {
        case .daily(let time):
            return spanish ? "Todos los días \(Self.spanishAt(time))" : "Every day at \(time)"
        case .weekly(let weekdays, let time):
            let days = Array(Set(weekdays.filter { (1...7).contains($0) })).sorted()
            if days.count == 7 { return Schedule.daily(time).summary(locale: locale) }
            if days == [1, 2, 3, 4, 5] {
                return spanish ? "De lunes a viernes \(Self.spanishAt(time))" : "Monday to Friday at \(time)"
            }
            if spanish {
                let names = days.map { Self.spanishWeekdays[$0 - 1] }
                let list = Self.list(names, and: "y")
                return list.prefix(1).uppercased() + list.dropFirst() + " " + Self.spanishAt(time)
            }
            return "Every \(Self.list(days.map { Self.englishWeekdays[$0 - 1] }, and: "and")) at \(time)"
        case .monthly(let day, let time):
            // Days 29–31 do not exist in every month; say what happens then.
            if spanish {
                let note = day > 28 ? " (el último día en los meses más cortos)" : ""
                return "El día \(day) de cada mes \(Self.spanishAt(time))\(note)"
            }
            let note = day > 28 ? " (the last day in shorter months)" : ""
            return "On day \(day) of every month at \(time)\(note)"
        case .cron(let expression):
            return "Cron: \(expression.text)"
        }
    }

    static let spanishWeekdays = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
    static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Spanish says "a la 01:00" (one o'clock is singular) but "a las 08:00".
    static func spanishAt(_ time: TimeOfDay) -> String { (time.hour == 1 ? "a la " : "a las ") + time.description }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String], and conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }
}
