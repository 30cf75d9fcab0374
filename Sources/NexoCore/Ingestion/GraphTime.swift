import Foundation

/// A Meta timestamp: seconds since 1970 in webhooks (`1440120384`), `2015-02-28T08:49:14+0000` in the
/// Graph API.
struct GraphTime: Decodable, Sendable, Hashable {
    let date: Date

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Double.self) {
            date = Date(timeIntervalSince1970: seconds)
            return
        }
        let text = try container.decode(String.self)
        guard let date = Self.date(from: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a Graph API time: \(text)")
        }
        self.date = date
    }

    /// `yyyy-MM-ddTHH:mm:ss` with an optional fraction, then `Z`, `±HHMM` or `±HH:MM`; or whole seconds.
    ///
    /// Read by hand: `ISO8601DateFormatter` does not read a zone without a colon the same way everywhere.
    static func date(from text: String) -> Date? {
        let text = text.trimmedWhitespace
        if !text.isEmpty, text.allSatisfy(JSONPath.isDigit), let seconds = Double(text) {
            return Date(timeIntervalSince1970: seconds)
        }
        let characters = Array(text)
        guard characters.count >= 20, characters[10] == "T" || characters[10] == " " else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let digits = characters[range]
            return digits.allSatisfy(JSONPath.isDigit) ? Int(String(digits)) : nil
        }
        guard characters[4] == "-", characters[7] == "-", characters[13] == ":", characters[16] == ":",
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }

        var index = 19
        var fraction = 0.0
        if characters[index] == "." {
            let start = index
            index += 1
            while index < characters.count, JSONPath.isDigit(characters[index]) { index += 1 }
            fraction = Double("0" + String(characters[start..<index])) ?? 0
        }
        guard index < characters.count else { return nil }
        let zone = characters[index...]
        var offset = 0
        if zone == ["Z"] {
            offset = 0
        } else if let sign = zone.first, sign == "+" || sign == "-" {
            let digits = zone.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, digits.allSatisfy(JSONPath.isDigit),
                let hours = Int(String(digits.prefix(2))), let minutes = Int(String(digits.suffix(2)))
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        } else {
            return nil
        }

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let local = calendar.date(from: components) else { return nil }
        return local.addingTimeInterval(fraction - Double(offset))
    }
}
