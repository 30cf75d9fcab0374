/// Problems the types cannot rule out: weekdays out of range, ranges that cover no time.
extension ActiveHours {
    /// Every problem, named as fields of the rule's JSON (`schedule.ranges[1]`).
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if weekdays.isEmpty {
            errors.append(
                FieldError(field: "schedule.weekdays", code: "field.required", message: "Choose at least one weekday."))
        } else if let bad = weekdays.sorted().first(where: { !(1...7).contains($0) }) {
            errors.append(
                FieldError(
                    field: "schedule.weekdays", code: "schedule.weekdays_out_of_range",
                    message: "Weekday \(bad) is out of range 1–7 (1 = Monday, 7 = Sunday)."))
        }
        for (index, range) in ranges.enumerated() where range.from == range.to {
            errors.append(
                FieldError(
                    field: "schedule.ranges[\(index)]", code: "auto_reply.empty_time_range",
                    message: "The range \(range) starts and ends at the same time; for the whole day leave no ranges."))
        }
        return errors
    }
}
