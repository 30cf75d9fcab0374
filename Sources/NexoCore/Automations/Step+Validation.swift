import Foundation

extension Step {
    /// Every problem with the step, fields named `<path>.<key>` (e.g. `steps[0].subject`); template problems say
    /// where in the template they are.
    public func validate(path: String) -> [FieldError] {
        var errors: [FieldError] = []
        func template(_ source: String, _ key: String, required: Bool = true) {
            if required, source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors.append(FieldError(field: "\(path).\(key)", code: "field.required", message: "Must not be empty"))
                return
            }
            errors += MessageTemplate.validate(source).map { $0.fieldError(field: "\(path).\(key)") }
        }
        switch self {
        case .sendEmail(let subject, let text, let html, _):
            template(subject, "subject")
            if subject.contains("\n") || subject.contains("\r") {
                errors.append(
                    FieldError(field: "\(path).subject", code: "email.subject_line", message: "The subject must be one line"))
            }
            template(text, "text")
            if let html { template(html, "html", required: false) }
        case .addTag(let tag), .removeTag(let tag):
            if (Tag.normalize(tag)?.count ?? 0) == 0 || tag.count > Tag.maxLength {
                errors.append(
                    FieldError(field: "\(path).tag", code: "tag.invalid", message: "A tag is 1 to \(Tag.maxLength) characters"))
            }
        case .setField(let field, let value):
            if !(Self.settableFields.contains(field) || Self.isMetadataField(field)) {
                errors.append(
                    FieldError(
                        field: "\(path).field", code: "step.field_not_settable",
                        message: "Automations can set \(Self.settableFields.joined(separator: ", ")) or metadata.<key>"))
            }
            if field == "score", Int(value.trimmingCharacters(in: .whitespaces)) == nil, !value.contains("{{") {
                errors.append(
                    FieldError(field: "\(path).value", code: "step.score_number", message: "The score is a whole number"))
            }
            template(value, "value", required: field == "status" || field == "source")
        case .wait(.duration(let seconds)):
            if !(60...(366 * 86_400)).contains(seconds) {
                errors.append(
                    FieldError(
                        field: "\(path).seconds", code: "step.wait_out_of_range",
                        message: "A wait is between 1 minute and 366 days"))
            }
        case .wait(.until): break
        case .logInteraction(let summary): template(summary, "summary")
        case .callWebhook(let url):
            if let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
                parsed.host?.isEmpty == false
            {
            } else {
                errors.append(
                    FieldError(field: "\(path).url", code: "step.url_invalid", message: "Must be an http:// or https:// URL"))
            }
        case .stop: break
        }
        return errors
    }

    static func isMetadataField(_ field: String) -> Bool {
        guard field.hasPrefix("metadata.") else { return false }
        let key = field.dropFirst("metadata.".count)
        return !key.isEmpty && key.count <= 64 && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// When a wait that starts at `now` ends, in the tenant's zone.
    public func waitEnds(after now: Date, in zone: TimeZone) -> Date? {
        switch self {
        case .wait(.duration(let seconds)): return now.addingTimeInterval(TimeInterval(seconds))
        case .wait(.until(let time, let weekdaysOnly)):
            let schedule: Schedule = weekdaysOnly ? .weekly(weekdays: [1, 2, 3, 4, 5], at: time) : .daily(time)
            return schedule.nextFire(after: now, in: zone)
        default: return nil
        }
    }
}
