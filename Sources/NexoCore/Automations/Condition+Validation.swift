import Foundation

extension Condition {
    /// Longest text a field condition compares against; longer is never a real filter and bloats stored JSON.
    public static let maxValueLength = 500

    /// Every problem with this condition's content, each named by `path` plus the key (`conditions[2].value`).
    /// Structure (kind, operators, types) is already checked by decoding.
    public func validate(path: String) -> [FieldError] {
        func error(_ key: String, _ code: String, _ message: String) -> FieldError {
            FieldError(field: path + "." + key, code: code, message: message)
        }
        switch self {
        case .field(let field, let op, let value):
            var errors: [FieldError] = []
            if let key = field.metadataKey, field.isKnown == false {
                errors.append(
                    error(
                        "field", "condition.metadata_key_invalid",
                        "Metadata keys have 1 to \(Field.maxMetadataKeyLength) characters, without spaces at either end; "
                            + "got “\(key)”."))
            } else if field.isKnown == false {
                let fields = Field.standard.map(\.rawValue).joined(separator: ", ")
                errors.append(
                    error(
                        "field", "condition.field_unknown", "Unknown field “\(field.rawValue)”; use \(fields) or metadata.<key>.")
                )
            }
            guard op.needsValue else { return errors }
            let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                errors.append(error("value", "condition.value_required", "The \(op.rawValue) operator needs a value."))
            } else if text.count > Self.maxValueLength {
                errors.append(error("value", "condition.value_too_long", "At most \(Self.maxValueLength) characters."))
            } else if field == .phone, text.contains(where: \.isNumber) == false {
                errors.append(error("value", "condition.phone_value_invalid", "Phone numbers are compared by their digits."))
            }
            return errors

        case .hasTag(let tag), .lacksTag(let tag):
            guard let normalized = Tag.normalize(tag) else {
                return [error("tag", "condition.tag_required", "Name the tag.")]
            }
            if normalized.count > Tag.maxLength {
                return [error("tag", "condition.tag_too_long", "Tags have at most \(Tag.maxLength) characters.")]
            }
            return []

        case .statusIn(let statuses):
            if statuses.isEmpty {
                return [error("statuses", "condition.statuses_required", "List at least one status.")]
            }
            // Statuses are each tenant's own keywords, so any non-empty text is accepted.
            return statuses.indices
                .filter { statuses[$0].trimmingCharacters(in: .whitespaces).isEmpty }
                .map { error("statuses[\($0)]", "condition.status_empty", "A status cannot be empty.") }

        case .daysSinceLastInteraction(_, let days):
            if days > Condition.maxDays {
                return [error("days", "condition.days_too_many", "At most \(Condition.maxDays) days.")]
            }
            return days < 0 ? [error("days", "condition.days_negative", "Days cannot be negative.")] : []

        case .createdWithinDays(let days):
            if days < 0 { return [error("days", "condition.days_negative", "Days cannot be negative.")] }
            if days > Condition.maxDays {
                return [error("days", "condition.days_too_many", "At most \(Condition.maxDays) days.")]
            }
            // "Added less than 0 days ago" matches nobody: surely a mistake.
            if days == 0 { return [error("days", "condition.days_zero", "Use at least 1 day.")] }
            return []

        case .score(_, let value):
            let range = ContactInput.scoreRange
            if range.contains(value) { return [] }
            return [
                error(
                    "value", "condition.score_out_of_range",
                    "Scores are between \(range.lowerBound) and \(range.upperBound).")
            ]

        case .consent, .hasEmail, .hasPhone, .birthdayToday:
            return []
        }
    }
}
