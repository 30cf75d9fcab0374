import Foundation

/// A standard five-field cron expression: minute, hour, day of month, month, day of week.
///
/// Supports `*`, lists (`1,5`), ranges (`1-5`), steps (`*/15`, `10-50/10`, and `5/15` meaning `5-59/15`),
/// month names JAN–DEC, weekday names SUN–SAT (case-insensitive), 7 as Sunday, and the macros
/// @hourly @daily @midnight @weekly @monthly @yearly @annually.
///
/// Day matching follows Vixie cron: when both day-of-month and day-of-week are restricted, a day matches if
/// either does. A field counts as unrestricted only when it is `*` (or the equivalent `*/1`); `*/2` restricts.
public struct CronExpression: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The expression as written (surrounding whitespace removed), kept for display and for encoding.
    public let text: String
    let minuteBits: UInt64
    let hourBits: UInt64
    let dayOfMonthBits: UInt64
    let monthBits: UInt64
    /// Bits 0…6, Sunday = 0; a written 7 is folded into 0.
    let dayOfWeekBits: UInt64
    public let restrictsDayOfMonth: Bool
    public let restrictsDayOfWeek: Bool

    /// The five fields, in the order they are written.
    public enum Field: String, Sendable, CaseIterable {
        case minute
        case hour
        case dayOfMonth = "day-of-month"
        case month
        case dayOfWeek = "day-of-week"

        /// Values a user may write; day-of-week accepts 7 as another Sunday.
        public var range: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        /// What `*` stands for; Sunday appears once, as 0.
        var starRange: ClosedRange<Int> { self == .dayOfWeek ? 0...6 : range }

        var names: [String] {
            switch self {
            case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
            default: []
            }
        }

        /// Value of names[0]: months count from 1, weekdays from 0.
        var firstNameValue: Int { self == .month ? 1 : 0 }
    }

    static let macros: [String: String] = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]

    public init(_ text: String) throws(ParseError) {
        let chars = Array(text)
        var fields: [(offset: Int, text: String)] = []
        var index = 0
        while index < chars.count {
            if chars[index].isWhitespace {
                index += 1
                continue
            }
            let start = index
            while index < chars.count, !chars[index].isWhitespace { index += 1 }
            fields.append((start, String(chars[start..<index])))
        }
        guard let first = fields.first else {
            throw ParseError(code: "cron.empty", message: "The cron expression is empty.", field: nil, token: "", offset: 0)
        }
        if first.text.hasPrefix("@") {
            guard fields.count == 1, let expansion = Self.macros[first.text.lowercased()] else {
                let known = Self.macros.keys.sorted().joined(separator: ", ")
                throw ParseError(
                    code: "cron.unknown_macro",
                    message: fields.count == 1
                        ? "\(first.text) is not a known macro; use one of \(known)."
                        : "A macro such as \(first.text) must stand alone.",
                    field: nil, token: first.text, offset: first.offset)
            }
            // Macros expand to valid text, so no error can point inside the expansion.
            fields = expansion.split(separator: " ").map { (first.offset, String($0)) }
        }
        guard fields.count == 5 else {
            let extra = fields.count > 5 ? fields[5] : (chars.count, "")
            throw ParseError(
                code: "cron.field_count",
                message: "Expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count).",
                field: nil, token: extra.1, offset: extra.0)
        }
        var bits: [UInt64] = []
        for (field, written) in zip(Field.allCases, fields) {
            bits.append(try Self.parse(field, written.text, at: written.offset))
        }
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        (minuteBits, hourBits, dayOfMonthBits, monthBits, dayOfWeekBits) = (bits[0], bits[1], bits[2], bits[3], bits[4])
        restrictsDayOfMonth = !["*", "*/1"].contains(fields[2].text)
        restrictsDayOfWeek = !["*", "*/1"].contains(fields[4].text)
    }

    public var description: String { text }

    public var minutes: [Int] { Self.values(minuteBits) }
    public var hours: [Int] { Self.values(hourBits) }
    public var daysOfMonth: [Int] { Self.values(dayOfMonthBits) }
    public var months: [Int] { Self.values(monthBits) }
    /// Sunday = 0 … Saturday = 6.
    public var daysOfWeek: [Int] { Self.values(dayOfWeekBits) }

    /// Whether the expression fires on this calendar day (ignoring the time of day). `weekday`: Sunday = 0.
    public func matchesDay(month: Int, day: Int, weekday: Int) -> Bool {
        guard monthBits.containsBit(month) else { return false }
        let dayOfMonth = dayOfMonthBits.containsBit(day)
        let dayOfWeek = dayOfWeekBits.containsBit(weekday % 7)
        return restrictsDayOfMonth && restrictsDayOfWeek ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek
    }

    public func matchesTime(hour: Int, minute: Int) -> Bool { hourBits.containsBit(hour) && minuteBits.containsBit(minute) }

    static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }

    static func values(_ bits: UInt64) -> [Int] { (0..<64).filter { bits.containsBit($0) } }

    // MARK: Parsing one field

    static func parse(_ field: Field, _ text: String, at offset: Int) throws(ParseError) -> UInt64 {
        var bits: UInt64 = 0
        var itemOffset = offset
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            bits |= try parseItem(field, String(item), whole: text, at: itemOffset)
            itemOffset += item.count + 1
        }
        return bits
    }

    static func parseItem(_ field: Field, _ item: String, whole: String, at offset: Int) throws(ParseError) -> UInt64 {
        guard !item.isEmpty else {
            throw ParseError(
                field, code: "cron.empty_item", message: "the list \(whole) has an empty item", token: whole, offset: offset)
        }
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw ParseError(
                field, code: "cron.invalid_step", message: "\(item) has more than one step", token: item, offset: offset)
        }
        let rangeText = String(parts[0])
        var step = 1
        if parts.count == 2 {
            let stepText = String(parts[1])
            let stepOffset = offset + rangeText.count + 1
            let span = field.starRange.count
            guard !stepText.isEmpty, stepText.count <= 3, stepText.allSatisfy(Self.isDigit), let value = Int(stepText) else {
                throw ParseError(
                    field, code: "cron.invalid_step",
                    message: "step \(stepText.isEmpty ? "(missing)" : stepText) is not a number",
                    token: stepText, offset: stepOffset)
            }
            guard (1...span).contains(value) else {
                throw ParseError(
                    field, code: "cron.invalid_step", message: "step \(stepText) is out of range 1–\(span)", token: stepText,
                    offset: stepOffset)
            }
            step = value
        }

        var low: Int
        var high: Int
        if rangeText == "*" {
            (low, high) = (field.starRange.lowerBound, field.starRange.upperBound)
        } else {
            let ends = rangeText.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else {
                throw ParseError(
                    field, code: "cron.invalid_value", message: "\(rangeText) is not a value or a range", token: rangeText,
                    offset: offset)
            }
            low = try value(field, String(ends[0]), at: offset)
            if ends.count == 2 {
                high = try value(field, String(ends[1]), at: offset + ends[0].count + 1)
                // "FRI-SUN" and "5-0" mean Friday through Sunday: Sunday closes the week at the end of a range.
                if field == .dayOfWeek, high == 0, low > 0 { high = 7 }
                guard low <= high else {
                    throw ParseError(
                        field, code: "cron.reversed_range",
                        message: "range \(rangeText) runs backwards; write the smaller value first", token: rangeText,
                        offset: offset)
                }
            } else {
                // "5/15" means from 5 to the end of the field, as in most cron implementations.
                high = parts.count == 2 ? field.starRange.upperBound : low
            }
        }
        var bits: UInt64 = 0
        for value in stride(from: low, through: high, by: step) {
            bits |= 1 << UInt64(field == .dayOfWeek ? value % 7 : value)
        }
        return bits
    }

    static func value(_ field: Field, _ token: String, at offset: Int) throws(ParseError) -> Int {
        let range = field.range
        if !token.isEmpty, token.allSatisfy(Self.isDigit) {
            guard token.count <= 4, let number = Int(token), range.contains(number) else {
                throw ParseError(
                    field, code: "cron.out_of_range",
                    message: "\(token) is out of range \(range.lowerBound)–\(range.upperBound)", token: token, offset: offset)
            }
            return number
        }
        if let index = field.names.firstIndex(of: token.uppercased()) { return index + field.firstNameValue }
        let expected =
            switch field {
            case .month: "a number or a month name (JAN–DEC)"
            case .dayOfWeek: "a number or a weekday name (SUN–SAT)"
            default: "a number"
            }
        throw ParseError(
            field, code: "cron.invalid_value",
            message: "\(token.isEmpty ? "(missing value)" : token) is not \(expected)", token: token, offset: offset)
    }

    // MARK: Codable, as the expression text

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try CronExpression(try container.decode(String.self))
        } catch let error as ParseError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension UInt64 {
    func containsBit(_ bit: Int) -> Bool { bit >= 0 && bit < 64 && self & (1 << UInt64(bit)) != 0 }

    /// The lowest set bit at or above `bit`.
    func nextBit(atOrAbove bit: Int) -> Int? {
        guard bit < 64 else { return nil }
        let shifted = self >> UInt64(Swift.max(bit, 0))
        return shifted == 0 ? nil : Swift.max(bit, 0) + shifted.trailingZeroBitCount
    }

    /// The highest set bit at or below `bit`.
    func previousBit(atOrBelow bit: Int) -> Int? {
        guard bit >= 0 else { return nil }
        let masked = bit >= 63 ? self : self & ((1 << UInt64(bit + 1)) - 1)
        return masked == 0 ? nil : 63 - masked.leadingZeroBitCount
    }
}
