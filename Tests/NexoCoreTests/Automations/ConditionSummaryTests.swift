import Foundation
import Testing

@testable import NexoCore

/// `summary(locale:)`: one line per condition for the automation editor and list.
@Suite struct ConditionSummaryTests {
    static let summaries: [(Condition, String, String)] = [
        (.field(.firstName, .equals, value: "Ana"), "Nombre es “Ana”", "First name is “Ana”"),
        (.field(.lastName, .notEquals, value: "Pérez"), "Apellido no es “Pérez”", "Last name is not “Pérez”"),
        (.field(.company, .contains, value: "dental"), "Empresa contiene “dental”", "Company contains “dental”"),
        (.field(.email, .notContains, value: "gmail"), "Email no contiene “gmail”", "Email does not contain “gmail”"),
        (.field(.phone, .startsWith, value: "+54"), "Teléfono empieza por “+54”", "Phone starts with “+54”"),
        (.field(.notes, .isEmpty), "Sin notas", "Notes is empty"),
        (.field(.source, .isNotEmpty), "Con origen", "Source is not empty"),
        (.field(.status, .equals, value: "lead"), "Estado es “lead”", "Status is “lead”"),
        (.field(.metadata("plan"), .equals, value: "gold"), "Campo “plan” es “gold”", "Custom field “plan” is “gold”"),
        (.hasTag("VIP"), "Tiene la etiqueta vip", "Has tag vip"),
        (.lacksTag("vip"), "No tiene la etiqueta vip", "Does not have tag vip"),
        (.statusIn(["lead"]), "Estado es lead", "Status is lead"),
        (.statusIn(["lead", "customer", "lost"]), "Estado es lead, customer o lost", "Status is lead, customer or lost"),
        (.consent(.email, .given), "Dio su consentimiento para email", "Consented to email"),
        (
            .consent(.whatsapp, .notWithdrawn), "No retiró su consentimiento para WhatsApp",
            "Has not withdrawn consent for WhatsApp"
        ),
        (.hasEmail, "Tiene email", "Has an email address"),
        (.hasPhone, "Tiene un teléfono válido", "Has a valid phone number"),
        (.birthdayToday(.contact), "Cumple años hoy", "Birthday is today"),
        (.birthdayToday(.tenant), "Cumple años hoy (zona horaria del negocio)", "Birthday is today (business time zone)"),
        (
            .daysSinceLastInteraction(.atLeast, days: 60), "Sin interacción hace 60 días o más",
            "No interaction for 60 days or more"
        ),
        (.daysSinceLastInteraction(.atLeast, days: 1), "Sin interacción hace 1 día o más", "No interaction for 1 day or more"),
        (
            .daysSinceLastInteraction(.lessThan, days: 30), "Última interacción hace menos de 30 días",
            "Last interaction less than 30 days ago"
        ),
        (.createdWithinDays(7), "Agregado en los últimos 7 días", "Added in the last 7 days"),
        (.createdWithinDays(1), "Agregado en el último día", "Added in the last day"),
        (.score(.atLeast, 50), "Puntuación de 50 o más", "Score is 50 or more"),
        (.score(.lessThan, 10), "Puntuación menor que 10", "Score is less than 10"),
    ]

    @Test(arguments: summaries)
    func everyConditionReadsInSpanishAndEnglish(condition: Condition, spanish: String, english: String) {
        // Given a condition
        // When summarized in each language
        // Then it reads naturally
        #expect(condition.summary(locale: "es") == spanish)
        #expect(condition.summary(locale: "en") == english)
    }

    @Test func theExamplesCoverEveryKind() {
        // Given the examples above
        // Then no kind is missing
        #expect(Set(Self.summaries.map(\.0.kind)) == Set(Condition.Kind.allCases))
    }

    @Test(arguments: [("en-US", "Has tag vip"), ("es_AR", "Tiene la etiqueta vip"), ("fr", "Tiene la etiqueta vip")])
    func localesResolveToASupportedLanguage(locale: String, expected: String) {
        // Given a regional or unsupported locale
        // When summarized
        // Then the language resolves as for the rest of the UI (unsupported → Spanish)
        #expect(Condition.hasTag("vip").summary(locale: locale) == expected)
    }

    @Test func anEmptyGroupReadsAsAllContacts() {
        // Given the empty group
        // When summarized
        // Then it says everyone
        #expect(ConditionGroup.everyone.summary(locale: "es") == "Todos los contactos")
        #expect(ConditionGroup.everyone.summary(locale: "en") == "All contacts")
    }

    @Test(arguments: [
        (ConditionGroup.Match.all, "es", "Tiene la etiqueta vip y cumple años hoy"),
        (.all, "en", "Has tag vip and birthday is today"),
        (.any, "es", "Tiene la etiqueta vip o cumple años hoy"),
        (.any, "en", "Has tag vip or birthday is today"),
    ])
    func aGroupJoinsItsConditionsWithAndOrOr(match: ConditionGroup.Match, locale: String, expected: String) {
        // Given a group of two conditions
        let group = ConditionGroup(match: match, conditions: [.hasTag("vip"), .birthdayToday()])

        // When summarized
        // Then one sentence joins them
        #expect(group.summary(locale: locale) == expected)
    }
}
