import Foundation
import NexoCore
import SQLKit

/// Turns conditions into a SQL predicate on `contacts c`, so a fan-out selects its contacts in one statement.
///
/// The predicate is exact where SQL can be (tags, status, consent, dates, score, presence) and otherwise a
/// superset (text comparisons that ignore accents become TRUE): it never leaves out a contact the conditions
/// accept. Each run checks the conditions exactly again when it starts, so the superset costs a skipped run,
/// never a wrong message.
struct ConditionSQL {
    let now: Date
    let tenantZone: TimeZone

    func predicate(_ group: ConditionGroup) -> SQLQueryString {
        guard !group.conditions.isEmpty else { return "1 = 1" }
        let parts = group.conditions.map { "(\(predicate($0)))" as SQLQueryString }
        let joiner: SQLQueryString = group.match == .all ? " AND " : " OR "
        var combined: SQLQueryString = parts[0]
        for part in parts.dropFirst() { combined = combined + joiner + part }
        return combined
    }

    func predicate(_ condition: Condition) -> SQLQueryString {
        switch condition {
        case .field(let field, let op, _):
            guard let column = Self.columns[field.rawValue] else { return "1 = 1" }
            switch op {
            case .isEmpty: return "c.\(unsafeRaw: column) IS NULL OR c.\(unsafeRaw: column) = ''"
            case .isNotEmpty: return "c.\(unsafeRaw: column) IS NOT NULL AND c.\(unsafeRaw: column) <> ''"
            default: return "1 = 1"
            }
        case .hasTag(let tag):
            guard let tag = Tag.normalize(tag) else { return "1 = 0" }
            return
                "EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.tenant_id = c.tenant_id AND ct.contact_id = c.id AND ct.tag = \(bind: tag))"
        case .lacksTag(let tag):
            guard let tag = Tag.normalize(tag) else { return "1 = 1" }
            return
                "NOT EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.tenant_id = c.tenant_id AND ct.contact_id = c.id AND ct.tag = \(bind: tag))"
        case .statusIn(let statuses):
            let simple = statuses.allSatisfy {
                $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            }
            guard simple, !statuses.isEmpty else { return statuses.isEmpty ? "1 = 0" : "1 = 1" }
            return "lower(c.status) IN (\(SQLList(statuses.map { SQLBind($0.lowercased()) })))"
        case .consent(let channel, let requirement):
            let column = channel == .email ? "email_consent" : "whatsapp_consent"
            return requirement == .given
                ? "c.\(unsafeRaw: column) = 'given'" : "c.\(unsafeRaw: column) <> 'withdrawn'"
        case .hasEmail:
            return "c.email IS NOT NULL AND c.email <> ''"
        case .hasPhone:
            return "c.phone_valid = \(bind: true) AND c.phone IS NOT NULL"
        case .birthdayToday(let zone):
            let today = birthdays(onDaysAround: [0])
            guard zone == .contact else { return today }
            // A contact with its own time zone (metadata.time_zone) may be a day or two ahead or behind the tenant:
            // those get the neighbouring days too (a superset, checked exactly when the run starts).
            return
                "(c.metadata NOT LIKE '%\"time_zone\"%' AND (\(today))) OR (c.metadata LIKE '%\"time_zone\"%' AND (\(birthdays(onDaysAround: [-2, -1, 0, 1, 2]))))"
        case .daysSinceLastInteraction(let comparison, let days):
            let cutoff = now.addingTimeInterval(-TimeInterval(min(max(days, 0), Condition.maxDays)) * 86_400)
            return comparison == .atLeast
                ? "COALESCE(c.last_interaction_at, c.created_at) <= \(bind: cutoff)"
                : "COALESCE(c.last_interaction_at, c.created_at) > \(bind: cutoff)"
        case .createdWithinDays(let days):
            return "c.created_at > \(bind: now.addingTimeInterval(-TimeInterval(min(max(days, 0), Condition.maxDays)) * 86_400))"
        case .score(let comparison, let value):
            return comparison == .atLeast ? "c.score >= \(bind: value)" : "c.score < \(bind: value)"
        }
    }

    /// Contacts whose birthday falls on one of these days (offsets from the tenant's today).
    private func birthdays(onDaysAround offsets: [Int]) -> SQLQueryString {
        var pairs: [(Int, Int)] = []
        for offset in offsets {
            let (year, month, day) = Self.ymd(now.addingTimeInterval(TimeInterval(offset * 86_400)), in: tenantZone)
            pairs.append((month, day))
            // Born on 29 February: celebrated on the 28th when the year has no 29th.
            if month == 2, day == 28, !Self.isLeap(year) { pairs.append((2, 29)) }
        }
        let options = pairs.map { "(c.birthday_month = \(bind: $0.0) AND c.birthday_day = \(bind: $0.1))" as SQLQueryString }
        var combined = options[0]
        for option in options.dropFirst() { combined = combined + " OR " + option }
        return combined
    }

    private static let columns = [
        "first_name": "first_name", "last_name": "last_name", "email": "email", "phone": "phone", "company": "company",
        "source": "source", "status": "status", "notes": "notes",
    ]

    static func ymd(_ date: Date, in zone: TimeZone) -> (Int, Int, Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }
}
