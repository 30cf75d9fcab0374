/// Checks a rule before it is saved: its own fields, then its trigger, active hours and reply.
extension AutoReplyRule {
    /// In characters.
    public static let maximumNameLength = 100

    /// Every problem, each naming its place in the rule's JSON; empty when the rule can be saved.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if name.trimmedWhitespace.isEmpty {
            errors.append(FieldError(field: "name", code: "field.required", message: "Give the rule a name."))
        } else if name.count > Self.maximumNameLength {
            errors.append(
                FieldError(
                    field: "name", code: "auto_reply.name_too_long",
                    message: "Names have at most \(Self.maximumNameLength) characters."))
        }
        errors += trigger.validate()
        errors += schedule?.validate() ?? []
        for (index, numberID) in numberIDs.enumerated() where numberID.trimmedWhitespace.isEmpty {
            errors.append(
                FieldError(field: "number_ids[\(index)]", code: "field.required", message: "A number id is blank."))
        }
        errors += reply.validate()
        return errors
    }
}
