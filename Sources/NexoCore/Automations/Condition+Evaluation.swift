import Foundation

extension Condition {
    /// Whether the contact passes this condition, and why in words.
    ///
    /// `now` and `tenantZone` come from the caller so the result is reproducible (tests, previews, re-runs of a job).
    public func evaluate(_ facts: ContactFacts, now: Date, tenantZone: TimeZone) -> ConditionResult {
        let (passed, reason) = outcome(facts, now: now, tenantZone: tenantZone)
        return ConditionResult(condition: self, passed: passed, reason: reason)
    }

    private func outcome(_ facts: ContactFacts, now: Date, tenantZone: TimeZone) -> (Bool, ConditionReason) {
        let values = facts.values
        switch self {
        case .field(let field, let op, let value):
            return Self.compare(field, op, value ?? "", in: values)

        case .hasTag(let tag), .lacksTag(let tag):
            let wanted = Tag.normalize(tag)
            let present = wanted.map { wanted in values.tags.contains { Tag.normalize($0) == wanted } } ?? false
            let reason = ConditionReason(present ? .tagPresent : .tagMissing, [wanted ?? tag])
            return (kind == .hasTag ? present : !present, reason)

        case .statusIn(let statuses):
            let status = SearchText.fold(values.status)
            let listed = statuses.contains { SearchText.fold($0) == status }
            let arguments = [values.status, statuses.joined(separator: ", ")]
            return (listed, ConditionReason(listed ? .statusListed : .statusNotListed, arguments))

        case .consent(let channel, let requirement):
            let state = channel == .email ? values.emailConsent.state : values.whatsappConsent.state
            let arguments = [channel.displayName]
            switch state {
            case .given: return (true, ConditionReason(.consentGiven, arguments))
            case .unknown: return (requirement == .notWithdrawn, ConditionReason(.consentUnknown, arguments))
            case .withdrawn: return (false, ConditionReason(.consentWithdrawn, arguments))
            }

        case .hasEmail:
            let present = values.email.map { $0.trimmingCharacters(in: .whitespaces).isEmpty == false } ?? false
            return (present, ConditionReason(present ? .hasEmail : .noEmail))

        case .hasPhone:
            guard let phone = values.phone, phone.trimmingCharacters(in: .whitespaces).isEmpty == false else {
                return (false, ConditionReason(.noPhone))
            }
            // A number that did not parse cannot be messaged, so it does not count as having a phone.
            return values.phoneValid ? (true, ConditionReason(.hasPhone)) : (false, ConditionReason(.phoneInvalid))

        case .birthdayToday(let zone):
            guard let birthday = values.birthday else { return (false, ConditionReason(.noBirthday)) }
            let timeZone = zone == .contact ? (facts.timeZone ?? tenantZone) : tenantZone
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let today = calendar.dateComponents([.year, .month, .day], from: now)
            let (year, month, day) = (today.year ?? 0, today.month ?? 0, today.day ?? 0)
            let todayText = Self.isoDate(year: year, month: month, day: day)
            if birthday.isOn(year: year, month: month, day: day) {
                return (true, ConditionReason(.birthdayToday, [todayText, timeZone.identifier]))
            }
            return (false, ConditionReason(.birthdayNotToday, [birthday.description, todayText, timeZone.identifier]))

        case .daysSinceLastInteraction(let comparison, let days):
            // A contact never contacted counts from when it was added: added 90 days ago and never contacted
            // is as "cold" as last contacted 90 days ago, and reactivation must not skip it forever.
            let reference = facts.lastInteractionAt ?? facts.createdAt
            let elapsed = Self.wholeDays(from: reference, to: now)
            let passed = comparison.holds(elapsed, days)
            let code: ConditionReason.Code
            switch (facts.lastInteractionAt != nil, comparison, passed) {
            case (true, .atLeast, true): code = .interactionOldEnough
            case (true, .atLeast, false): code = .interactionTooRecent
            case (true, .lessThan, true): code = .interactionRecentEnough
            case (true, .lessThan, false): code = .interactionTooOld
            case (false, .atLeast, true): code = .neverContactedOldEnough
            case (false, .atLeast, false): code = .neverContactedTooRecent
            case (false, .lessThan, true): code = .neverContactedRecentEnough
            case (false, .lessThan, false): code = .neverContactedTooOld
            }
            return (passed, ConditionReason(code, [String(elapsed), String(days)]))

        case .createdWithinDays(let days):
            let elapsed = Self.wholeDays(from: facts.createdAt, to: now)
            let passed = elapsed < days
            return (passed, ConditionReason(passed ? .createdRecently : .createdTooLongAgo, [String(elapsed), String(days)]))

        case .score(let comparison, let threshold):
            let passed = comparison.holds(values.score, threshold)
            let code: ConditionReason.Code =
                switch (comparison, passed) {
                case (.atLeast, true): .scoreHighEnough
                case (.atLeast, false): .scoreTooLow
                case (.lessThan, true): .scoreLowEnough
                case (.lessThan, false): .scoreTooHigh
                }
            return (passed, ConditionReason(code, [String(values.score), String(threshold)]))
        }
    }

    /// Text comparison ignoring case, accents and repeated spaces; phones compare by digits, so "+54 9 11 …"
    /// finds "+54911…" however either was typed. A missing field reads as empty, so `not_equals` and
    /// `not_contains` pass for it: a contact without a company is not at the excluded company.
    private static func compare(
        _ field: Field, _ op: FieldOperator, _ expected: String, in values: ContactValues
    ) -> (Bool, ConditionReason) {
        guard let actual = field.text(in: values) else {
            return (false, ConditionReason(.fieldUnknown, [field.rawValue]))
        }
        let name = field.rawValue
        let shown = excerpt(actual)
        let wanted = excerpt(expected)
        let isEmpty = SearchText.fold(actual).isEmpty
        let useDigits = field == .phone && digits(expected).isEmpty == false
        let have = useDigits ? digits(actual) : SearchText.fold(actual)
        let want = useDigits ? digits(expected) : SearchText.fold(expected)

        // The fact about the contact, which the operator then reads as a pass or a failure.
        func fact(_ holds: Bool, _ yes: ConditionReason.Code, _ no: ConditionReason.Code) -> ConditionReason {
            if holds { return ConditionReason(yes, [name, shown, wanted]) }
            return isEmpty ? ConditionReason(.fieldEmpty, [name]) : ConditionReason(no, [name, shown, wanted])
        }

        switch op {
        case .isEmpty, .isNotEmpty:
            let reason = isEmpty ? ConditionReason(.fieldEmpty, [name]) : ConditionReason(.fieldNotEmpty, [name, shown])
            return (op == .isEmpty ? isEmpty : !isEmpty, reason)
        case .equals, .notEquals:
            let equal = have == want
            return (op == .equals ? equal : !equal, fact(equal, .fieldEquals, .fieldNotEqual))
        case .contains, .notContains:
            let found = want.isEmpty || have.contains(want)
            return (op == .contains ? found : !found, fact(found, .fieldContains, .fieldNotContaining))
        case .startsWith:
            let starts = have.hasPrefix(want)
            return (starts, fact(starts, .fieldStartsWith, .fieldNotStarting))
        }
    }

    /// Whole 24-hour periods from `start` to `end`; never negative, so a clock a little ahead reads as 0.
    /// Plain elapsed time (not calendar days) so the same rule is one timestamp comparison in SQL.
    static func wholeDays(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) / 86_400).rounded(.down)))
    }

    /// Long values (notes) are cut so a reason stays one readable line.
    private static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }

    private static func digits(_ text: String) -> String {
        String(text.unicodeScalars.filter { ("0"..."9").contains($0) })
    }

    private static func isoDate(year: Int, month: Int, day: Int) -> String {
        func pad(_ number: Int, _ width: Int) -> String {
            let text = String(number)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
}

extension Condition.Channel {
    /// How the channel is written in reasons and summaries, in both languages.
    var displayName: String {
        switch self {
        case .email: "email"
        case .whatsapp: "WhatsApp"
        }
    }
}
