import Foundation

/// The conditions of an automation (or segment), combined with all (AND) or any (OR).
/// An empty group matches every contact: an automation without conditions applies to everyone.
public struct ConditionGroup: Sendable, Hashable {
    public enum Match: String, Sendable, Codable, CaseIterable {
        case all
        case any
    }

    public var match: Match
    public var conditions: [Condition]

    public init(match: Match = .all, conditions: [Condition] = []) {
        self.match = match
        self.conditions = conditions
    }

    public static let everyone = ConditionGroup()

    /// Every condition is evaluated (no short-circuit) so the report can explain each one.
    public func evaluate(_ facts: ContactFacts, now: Date, tenantZone: TimeZone) -> ConditionReport {
        let results = conditions.map { $0.evaluate(facts, now: now, tenantZone: tenantZone) }
        return ConditionReport(matches: combine(results.map(\.passed)), results: results)
    }

    /// The yes/no alone, stopping at the first condition that decides it: for scanning many contacts.
    public func matches(_ facts: ContactFacts, now: Date, tenantZone: TimeZone) -> Bool {
        if conditions.isEmpty { return true }
        let passes = { (condition: Condition) in condition.evaluate(facts, now: now, tenantZone: tenantZone).passed }
        switch match {
        case .all: return conditions.allSatisfy(passes)
        case .any: return conditions.contains(where: passes)
        }
    }

    private func combine(_ passed: [Bool]) -> Bool {
        if passed.isEmpty { return true }
        switch match {
        case .all: return passed.allSatisfy { $0 }
        case .any: return passed.contains(true)
        }
    }
}

extension ConditionGroup: Codable {
    private enum Key: String, CodingKey, CaseIterable {
        case match, conditions
    }

    /// Both keys are optional (`{}` is the everyone group); unknown keys are refused so a typo is not ignored.
    public init(from decoder: any Decoder) throws {
        try ConditionJSONKey.rejectUnknownKeys(in: decoder, allowed: Key.allCases.map(\.rawValue), of: "a condition group")
        let container = try decoder.container(keyedBy: Key.self)
        match = try container.decodeConditionTokenIfPresent(Match.self, forKey: .match) ?? .all
        conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(match, forKey: .match)
        try container.encode(conditions, forKey: .conditions)
    }
}
