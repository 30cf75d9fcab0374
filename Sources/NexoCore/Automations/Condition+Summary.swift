import Foundation

extension Condition {
    /// A one-line description for the automation editor and list, in Spanish or English
    /// ("Tiene la etiqueta vip" / "Has tag vip"). Other locales resolve as `Translations.resolve` does.
    ///
    /// Written here rather than in the locale files because the phrasing depends on the values
    /// (singular and plural days, lists of statuses, field names).
    public func summary(locale: String) -> String {
        let es = Translations.resolve(locale) == "es"
        switch self {
        case .field(let field, let op, let value):
            return Self.fieldSummary(field, op, value ?? "", es: es)
        case .hasTag(let tag):
            let name = Tag.normalize(tag) ?? tag
            return es ? "Tiene la etiqueta \(name)" : "Has tag \(name)"
        case .lacksTag(let tag):
            let name = Tag.normalize(tag) ?? tag
            return es ? "No tiene la etiqueta \(name)" : "Does not have tag \(name)"
        case .statusIn(let statuses):
            let list = Self.list(statuses, es: es)
            return es ? "Estado es \(list)" : "Status is \(list)"
        case .consent(let channel, .given):
            return es ? "Dio su consentimiento para \(channel.displayName)" : "Consented to \(channel.displayName)"
        case .consent(let channel, .notWithdrawn):
            let name = channel.displayName
            return es ? "No retiró su consentimiento para \(name)" : "Has not withdrawn consent for \(name)"
        case .hasEmail:
            return es ? "Tiene email" : "Has an email address"
        case .hasPhone:
            return es ? "Tiene un teléfono válido" : "Has a valid phone number"
        case .birthdayToday(.contact):
            return es ? "Cumple años hoy" : "Birthday is today"
        case .birthdayToday(.tenant):
            return es ? "Cumple años hoy (zona horaria del negocio)" : "Birthday is today (business time zone)"
        case .daysSinceLastInteraction(.atLeast, let days):
            let span = Self.days(days, es: es)
            return es ? "Sin interacción hace \(span) o más" : "No interaction for \(span) or more"
        case .daysSinceLastInteraction(.lessThan, let days):
            let span = Self.days(days, es: es)
            return es ? "Última interacción hace menos de \(span)" : "Last interaction less than \(span) ago"
        case .createdWithinDays(let days):
            if days == 1 { return es ? "Agregado en el último día" : "Added in the last day" }
            return es ? "Agregado en los últimos \(days) días" : "Added in the last \(days) days"
        case .score(.atLeast, let value):
            return es ? "Puntuación de \(value) o más" : "Score is \(value) or more"
        case .score(.lessThan, let value):
            return es ? "Puntuación menor que \(value)" : "Score is less than \(value)"
        }
    }

    private static func fieldSummary(_ field: Field, _ op: FieldOperator, _ value: String, es: Bool) -> String {
        let label = fieldLabel(field, es: es)
        let quoted = "“" + value + "”"
        switch op {
        case .equals: return es ? "\(label) es \(quoted)" : "\(label) is \(quoted)"
        case .notEquals: return es ? "\(label) no es \(quoted)" : "\(label) is not \(quoted)"
        case .contains: return es ? "\(label) contiene \(quoted)" : "\(label) contains \(quoted)"
        case .notContains: return es ? "\(label) no contiene \(quoted)" : "\(label) does not contain \(quoted)"
        case .startsWith: return es ? "\(label) empieza por \(quoted)" : "\(label) starts with \(quoted)"
        // "Sin …" / "Con …" read right in Spanish whatever the field's gender and number ("Sin notas", "Sin empresa").
        case .isEmpty: return es ? "Sin \(lowercasedFirst(label))" : "\(label) is empty"
        case .isNotEmpty: return es ? "Con \(lowercasedFirst(label))" : "\(label) is not empty"
        }
    }

    private static func fieldLabel(_ field: Field, es: Bool) -> String {
        switch field {
        case .firstName: return es ? "Nombre" : "First name"
        case .lastName: return es ? "Apellido" : "Last name"
        case .email: return "Email"
        case .phone: return es ? "Teléfono" : "Phone"
        case .company: return es ? "Empresa" : "Company"
        case .source: return es ? "Origen" : "Source"
        case .status: return es ? "Estado" : "Status"
        case .notes: return es ? "Notas" : "Notes"
        default:
            guard let key = field.metadataKey else { return field.rawValue }
            return es ? "Campo “\(key)”" : "Custom field “\(key)”"
        }
    }

    private static func days(_ count: Int, es: Bool) -> String {
        if count == 1 { return es ? "1 día" : "1 day" }
        return es ? "\(count) días" : "\(count) days"
    }

    /// "a", "a or b", "a, b or c" ("o" in Spanish); a dash for an empty list, which validation refuses anyway.
    static func list(_ items: [String], es: Bool) -> String {
        guard let last = items.last else { return "—" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + (es ? " o " : " or ") + last
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
