import Foundation

extension ConditionGroup {
    /// The whole group in one line for the automation list: "Has tag vip and birthday is today".
    public func summary(locale: String) -> String {
        let es = Translations.resolve(locale) == "es"
        guard let first = conditions.first else { return es ? "Todos los contactos" : "All contacts" }
        let joiner =
            switch match {
            case .all: es ? " y " : " and "
            case .any: es ? " o " : " or "
            }
        let rest = conditions.dropFirst().map { Condition.lowercasedFirst($0.summary(locale: locale)) }
        return ([first.summary(locale: locale)] + rest).joined(separator: joiner)
    }
}
