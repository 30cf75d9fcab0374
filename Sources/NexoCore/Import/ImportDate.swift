import Foundation

/// Reads birthdays written the ways people and exports write them.
///
/// Accepted: `31/12/1990`, `31-12-90`, `31.12.1990`, `31/12` (no year), ISO `1990-12-31` and `19901231`,
/// Google's `--12-31` and `--1231`, month names in Spanish, English and Portuguese, full or abbreviated,
/// with or without accents and dots ("3 de marzo de 1990", "March 3, 1990", "3 mar. 1990", "03-ene-85",
/// "5 de março"), a trailing time ("31/12/1990 0:00"), and spreadsheet serial numbers (5 digits).
///
/// All-numeric dates follow the `DateOrder`, except that a date only one reading makes possible is read
/// that way (13/05/1990 is 13 May even month-first). Dates that do not exist are errors, never shifted.
/// Two-digit years are taken as the latest year not after the current one: in 2025, "25" is 2025 and
/// "26" is 1926.
public enum ImportDate {
    /// Parses a birthday cell; nil when the cell is blank.
    public static func parseBirthday(
        _ text: String, order: DateOrder = .dayFirst, currentYear: Int = currentYear()
    ) throws(ImportDateError) -> Birthday? {
        let trimmed = text.trimmedWhitespace
        if trimmed.isEmpty { return nil }
        if trimmed.hasPrefix("--") { return try yearless(trimmed.dropFirst(2)) }

        let tokens = tokenize(withoutTime(trimmed))
        var month: Int?
        var numbers: [Substring] = []
        for token in tokens {
            switch token {
            case .number(let digits): numbers.append(digits)
            case .word(let word):
                if fillers.contains(word) { continue }
                guard month == nil, let number = monthNumbers[word] else { throw .unreadable }
                month = number
            }
        }

        if let month {
            return try withMonthName(month: month, numbers: numbers, currentYear: currentYear)
        }
        return try numeric(numbers, order: order, currentYear: currentYear)
    }

    /// The current year in UTC, for the two-digit-year pivot and the future-date check.
    public static func currentYear(now: Date = Date()) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.component(.year, from: now)
    }

    // MARK: - Forms

    /// `MM-DD` or `MMDD`, after Google's `--`.
    private static func yearless(_ text: Substring) throws(ImportDateError) -> Birthday {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit), text.count == 4 || text.count == 5,
            text.count == 4 || text[text.index(text.startIndex, offsetBy: 2)] == "-"
        else { throw .unreadable }
        return try make(year: nil, month: Int(digits.prefix(2)) ?? 0, day: Int(digits.suffix(2)) ?? 0)
    }

    private static func withMonthName(month: Int, numbers: [Substring], currentYear: Int) throws(ImportDateError)
        -> Birthday
    {
        switch numbers.count {
        case 1 where numbers[0].count <= 2:
            return try make(year: nil, month: month, day: Int(numbers[0]) ?? 0)
        case 2:
            // "March 3, 1990", "1990 March 3", "03-ene-85": a four-digit number is the year, else the second.
            let (dayText, yearText) = numbers[0].count == 4 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1])
            guard dayText.count <= 2, yearText.count == 2 || yearText.count == 4 else { throw .unreadable }
            let year = fullYear(yearText, currentYear: currentYear)
            return try make(year: year, month: month, day: Int(dayText) ?? 0, currentYear: currentYear)
        default:
            throw .unreadable
        }
    }

    private static func numeric(_ numbers: [Substring], order: DateOrder, currentYear: Int) throws(ImportDateError)
        -> Birthday
    {
        let lengths = numbers.map(\.count)
        let isShort = { (length: Int) in (1...2).contains(length) }
        if lengths == [8] {
            let digits = numbers[0]
            guard let year = Int(digits.prefix(4)), (1800...2199).contains(year) else { throw .unreadable }
            let month = Int(digits.dropFirst(4).prefix(2)) ?? 0
            return try make(year: year, month: month, day: Int(digits.suffix(2)) ?? 0, currentYear: currentYear)
        }
        if lengths == [5] {
            return try spreadsheetSerial(Int(numbers[0]) ?? 0, currentYear: currentYear)
        }
        if lengths.count == 3 && lengths[0] == 4 && isShort(lengths[1]) && isShort(lengths[2]) {
            let values = numbers.map { Int($0) ?? 0 }
            return try make(year: values[0], month: values[1], day: values[2], currentYear: currentYear)
        }
        if lengths.count == 3 && isShort(lengths[0]) && isShort(lengths[1]) && (lengths[2] == 2 || lengths[2] == 4) {
            let (month, day) = monthAndDay(numbers[0], numbers[1], order: order)
            let year = fullYear(numbers[2], currentYear: currentYear)
            return try make(year: year, month: month, day: day, currentYear: currentYear)
        }
        if lengths.count == 2 && isShort(lengths[0]) && isShort(lengths[1]) {
            let (month, day) = monthAndDay(numbers[0], numbers[1], order: order)
            return try make(year: nil, month: month, day: day)
        }
        throw .unreadable
    }

    /// Reads the two numbers in the given order unless only the other order gives a month.
    private static func monthAndDay(_ first: Substring, _ second: Substring, order: DateOrder) -> (Int, Int) {
        let (a, b) = (Int(first) ?? 0, Int(second) ?? 0)
        let (month, day) = order == .dayFirst ? (b, a) : (a, b)
        if month > 12 && (1...12).contains(day) { return (day, month) }
        return (month, day)
    }

    /// Days since 1899-12-30, the day Excel and Google Sheets count from (serials past February 1900).
    private static func spreadsheetSerial(_ serial: Int, currentYear: Int) throws(ImportDateError) -> Birthday {
        let (year, month, day) = civilDate(daysSince1970: serial - 25_569)
        return try make(year: year, month: month, day: day, currentYear: currentYear)
    }

    private static func make(year: Int?, month: Int, day: Int, currentYear: Int = .max) throws(ImportDateError)
        -> Birthday
    {
        guard let birthday = Birthday(year: year, month: month, day: day) else { throw .impossible }
        if let year, year > currentYear { throw .future }
        return birthday
    }

    private static func fullYear(_ digits: Substring, currentYear: Int) -> Int {
        let value = Int(digits) ?? 0
        guard digits.count == 2 else { return value }
        let century = currentYear / 100 * 100
        return century + value <= currentYear ? century + value : century - 100 + value
    }

    /// Proleptic Gregorian date of a day count (H. Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // MARK: - Tokens

    private enum Token {
        case number(Substring)
        /// Folded letters: "Març." → "marc".
        case word(String)
    }

    /// Drops a time after the date: "1990-03-15T00:00:00Z", "15/03/1990 0:00", "3/15/1990 12:00 AM".
    private static func withoutTime(_ text: String) -> Substring {
        var text = Substring(text)
        if text.count > 10, text.prefix(4).allSatisfy(\.isASCIIDigit),
            text[text.index(text.startIndex, offsetBy: 10)] == "T"
        {
            text = text.prefix(10)
        }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard let timeIndex = words.firstIndex(where: { $0.contains(":") }), timeIndex > 0 else { return text }
        return text[..<words[timeIndex].startIndex]
    }

    private static func tokenize(_ text: Substring) -> [Token] {
        var tokens: [Token] = []
        var start = text.startIndex
        var index = text.startIndex
        func flush() {
            guard start < index else { return }
            let run = text[start..<index]
            tokens.append(run.first?.isASCIIDigit == true ? .number(run) : .word(SearchText.fold(String(run))))
        }
        while index < text.endIndex {
            let character = text[index]
            let isDigit = character.isASCIIDigit
            let kindChanged = start < index && text[start].isASCIIDigit != isDigit
            if !(isDigit || character.isLetter) || kindChanged {
                flush()
                start = isDigit || character.isLetter ? index : text.index(after: index)
            }
            index = text.index(after: index)
        }
        flush()
        return tokens
    }

    /// Words that may stand around a date without changing it: "de", ordinals, weekdays.
    private static let fillers: Set<String> = [
        "de", "del", "of", "the", "st", "nd", "rd", "th", "o", "º", "ª", "er", "ro", "do", "da", "el",
        "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "segunda", "terca", "quarta", "quinta", "sexta", "feira",
    ]

    /// Month names and abbreviations in Spanish, English and Portuguese, folded.
    private static let monthNumbers: [String: Int] = {
        let names: [[String]] = [
            ["enero", "ene", "january", "jan", "janeiro"],
            ["febrero", "feb", "february", "fevereiro", "fev"],
            ["marzo", "mar", "march", "marco"],
            ["abril", "abr", "april", "apr"],
            ["mayo", "may", "maio", "mai"],
            ["junio", "jun", "june", "junho"],
            ["julio", "jul", "july", "julho"],
            ["agosto", "ago", "august", "aug"],
            ["septiembre", "setiembre", "sep", "sept", "set", "september", "setembro"],
            ["octubre", "oct", "october", "outubro", "out"],
            ["noviembre", "nov", "november", "novembro"],
            ["diciembre", "dic", "december", "dec", "dezembro", "dez"],
        ]
        var table: [String: Int] = [:]
        for (index, words) in names.enumerated() {
            for word in words { table[word] = index + 1 }
        }
        return table
    }()
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
