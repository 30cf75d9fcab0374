import Foundation

@testable import NexoCore

/// Shared clock, zones and contacts for the condition tests.
enum ConditionFixtures {
    /// 2025-03-10 15:00 UTC, a Monday far from any birthday used below.
    static let now = date("2025-03-10T15:00:00Z")
    static let buenosAires = TimeZone(identifier: "America/Argentina/Buenos_Aires")!
    static let madrid = TimeZone(identifier: "Europe/Madrid")!

    static func date(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    static func daysAgo(_ days: Double, from reference: Date = now) -> Date {
        reference.addingTimeInterval(-days * 86_400)
    }

    static func facts(
        _ values: ContactValues = ContactValues(firstName: "Ana"), createdAt: Date = daysAgo(100),
        lastInteractionAt: Date? = nil, timeZone: TimeZone? = nil
    ) -> ContactFacts {
        ContactFacts(values: values, createdAt: createdAt, lastInteractionAt: lastInteractionAt, timeZone: timeZone)
    }

    static func evaluate(_ condition: Condition, _ facts: ContactFacts, now: Date = now) -> ConditionResult {
        condition.evaluate(facts, now: now, tenantZone: buenosAires)
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }
}
