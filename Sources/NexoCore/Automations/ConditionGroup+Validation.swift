import Foundation

extension ConditionGroup {
    /// Enough for any real audience; a cap keeps evaluation and the editor bounded.
    public static let maxConditions = 50

    /// Every problem in the group, named like `conditions[2].value`; empty when the group can be saved.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if conditions.count > Self.maxConditions {
            errors.append(
                FieldError(
                    field: "conditions", code: "conditions.too_many",
                    message: "At most \(Self.maxConditions) conditions."))
        }
        for (index, condition) in conditions.enumerated() {
            errors += condition.validate(path: "conditions[\(index)]")
        }
        return errors
    }

    /// Decodes a group from JSON and validates it, turning either kind of failure into field errors, so the API
    /// can answer 422 naming the field (`conditions[1].kind`) instead of a decoder's wording.
    /// Decoding stops at the first structural error; content problems are all reported.
    public static func parse(_ data: Data) throws(ValidationFailure) -> ConditionGroup {
        let group: ConditionGroup
        do {
            group = try JSONDecoder().decode(ConditionGroup.self, from: data)
        } catch let error as DecodingError {
            throw ValidationFailure([fieldError(for: error)])
        } catch {
            throw ValidationFailure([FieldError(field: "", code: "json.invalid", message: "Not valid JSON.")])
        }
        let errors = group.validate()
        if errors.isEmpty == false { throw ValidationFailure(errors) }
        return group
    }

    /// The field path of a decoding error, written as the validation paths are: `conditions[0].operator`.
    static func fieldError(for error: DecodingError) -> FieldError {
        switch error {
        case .keyNotFound(let key, let context):
            return FieldError(field: path(context.codingPath + [key]), code: "field.required", message: "Required.")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return FieldError(field: path(context.codingPath), code: "field.type", message: "Must be \(typeName(type)).")
        case .dataCorrupted(let context):
            // An empty path is the body itself: not JSON at all.
            if context.codingPath.isEmpty {
                return FieldError(field: "", code: "json.invalid", message: "Not valid JSON.")
            }
            return FieldError(field: path(context.codingPath), code: "field.invalid", message: context.debugDescription)
        @unknown default:
            return FieldError(field: "", code: "json.invalid", message: "Not valid JSON.")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is [String].Type: "an array of strings"
        case is [Condition].Type: "an array of conditions"
        default: "an object"
        }
    }
}
