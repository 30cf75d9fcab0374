import Foundation

/// What an automation does, as the editor and the API submit it: trigger, conditions, steps, re-entry.
public struct AutomationDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var trigger: AutomationTrigger
    public var conditions: ConditionGroup
    public var steps: [Step]
    public var reentry: Reentry

    public static let maxSteps = 30

    public init(name: String, trigger: AutomationTrigger, conditions: ConditionGroup, steps: [Step], reentry: Reentry) {
        self.name = name
        self.trigger = trigger
        self.conditions = conditions
        self.steps = steps
        self.reentry = reentry
    }

    /// Every problem, with the field it belongs to.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 120 {
            errors.append(FieldError(field: "name", code: "field.length", message: "A name is 1 to 120 characters"))
        }
        errors += trigger.validate()
        errors += conditions.validate()
        if steps.isEmpty {
            errors.append(FieldError(field: "steps", code: "steps.empty", message: "Add at least one step"))
        }
        if steps.count > Self.maxSteps {
            errors.append(FieldError(field: "steps", code: "steps.too_many", message: "At most \(Self.maxSteps) steps"))
        }
        for (index, step) in steps.enumerated() { errors += step.validate(path: "steps[\(index)]") }
        errors += reentry.validate()
        return errors
    }
}
