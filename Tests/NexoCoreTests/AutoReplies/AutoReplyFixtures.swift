import Foundation

@testable import NexoCore

/// Rules, clocks and JSON helpers shared by the auto-reply tests.
enum AutoReplyFixtures {
    static let buenosAires = TimeZone(identifier: "America/Argentina/Buenos_Aires")!
    /// Tuesday 2025-03-11, 15:30 in Buenos Aires (UTC−3).
    static let tuesdayAfternoon = Date(timeIntervalSince1970: 1_741_717_800)
    static let created = Date(timeIntervalSince1970: 1_735_689_600)

    /// A moment in Buenos Aires in the week of 2025-03-10 (Monday = 1 … Sunday = 7).
    static func buenosAires(weekday: Int, _ time: String) -> Date {
        let minutes = ActiveHours.TimeRange.minutes(time)!
        // Monday 2025-03-10 00:00 in Buenos Aires is 03:00 UTC.
        let monday = 1_741_575_600.0
        return Date(timeIntervalSince1970: monday + Double((weekday - 1) * 86_400 + minutes * 60))
    }

    static func keywords(
        _ words: String..., match: AutoReplyTrigger.KeywordMatch = .any, wholeWord: Bool = true
    ) -> AutoReplyTrigger {
        .keyword(words: words, match: match, wholeWord: wholeWord)
    }

    static func rule(
        _ name: String, _ trigger: AutoReplyTrigger, priority: Int = 0, enabled: Bool = true,
        schedule: ActiveHours? = nil, numberIDs: [String] = [], createdAfter seconds: Double = 0, id: UUID = UUID(),
        reply: AutoReplyContent = .text("¡Hola {{contact.first_name}}!")
    ) -> AutoReplyRule {
        AutoReplyRule(
            id: id, name: name, priority: priority, enabled: enabled, trigger: trigger, schedule: schedule,
            numberIDs: numberIDs, reply: reply, createdAt: created.addingTimeInterval(seconds))
    }

    static func hours(_ weekdays: Set<Int>, _ ranges: (String, String)...) -> ActiveHours {
        ActiveHours(weekdays: weekdays, ranges: ranges.map { ActiveHours.TimeRange(from: $0.0, to: $0.1)! })
    }

    /// The name of the rule that answers `text`, matched by the indexed matcher.
    static func answer(
        _ rules: [AutoReplyRule], _ text: String, numberID: String? = "num-1", at date: Date = tuesdayAfternoon
    ) -> String? {
        AutoReplyMatcher(rules: rules).match(text, numberID: numberID, at: date, timeZone: buenosAires)?.rule.name
    }

    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(json.utf8))
    }

    static func codes(_ errors: [FieldError]) -> [String] { errors.map(\.code) }
}
