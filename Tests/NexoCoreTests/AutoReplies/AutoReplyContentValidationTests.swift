import Testing

@testable import NexoCore

/// `AutoReplyContent.validate()`: WhatsApp's limits for buttons and lists, and template checks on bodies.
@Suite struct AutoReplyContentValidationTests {
    typealias Button = AutoReplyContent.Button
    typealias Row = AutoReplyContent.ListRow

    @Test func threeShortButtonsAreFine() {
        // Given three buttons with short titles / Then no problems
        let reply = AutoReplyContent.buttons(
            body: "¿Confirmás el turno, {{contact.first_name}}?",
            buttons: [Button(id: "yes", title: "Sí"), Button(id: "no", title: "No"), Button(id: "later", title: "Más tarde")])
        #expect(reply.validate().isEmpty)
    }

    @Test func moreThanThreeButtonsAreRefused() {
        // Given four buttons / Then the count is reported
        let buttons = (1...4).map { Button(id: "b\($0)", title: "Opción \($0)") }
        let errors = AutoReplyContent.buttons(body: "Elegí", buttons: buttons).validate()
        #expect(errors.map(\.code) == ["auto_reply.button_count"])
    }

    @Test func buttonTitlesOverTwentyCharactersAreRefused() {
        // Given a 21-character title / Then that title is reported
        let errors = AutoReplyContent.buttons(
            body: "Elegí", buttons: [Button(id: "a", title: "Quiero un turno ya!!!")]
        ).validate()
        #expect(errors.map(\.field) == ["reply.buttons[0].title"])
        #expect(errors.map(\.code) == ["auto_reply.title_too_long"])
    }

    @Test func duplicateButtonsAreRefused() {
        // Given two buttons with the same id and titles differing only by accent
        let errors = AutoReplyContent.buttons(
            body: "Elegí", buttons: [Button(id: "a", title: "Sí"), Button(id: "a", title: "si")]
        ).validate()

        // Then both duplicates are reported on the second button
        #expect(errors.map(\.code) == ["auto_reply.duplicate_id", "auto_reply.duplicate_title"])
        #expect(errors.allSatisfy { $0.field.hasPrefix("reply.buttons[1]") })
    }

    @Test func aListNeedsSectionTitlesAndAtMostTenRows() {
        // Given two untitled sections, then eleven rows
        let rows = (1...6).map { Row(id: "r\($0)", title: "Servicio \($0)") }
        let untitled = AutoReplyContent.list(
            body: "Servicios", buttonLabel: "Ver", sections: [.init(rows: [rows[0]]), .init(rows: [rows[1]])])
        let crowded = AutoReplyContent.list(
            body: "Servicios", buttonLabel: "Ver",
            sections: [
                .init(title: "A", rows: rows), .init(title: "B", rows: rows.map { Row(id: $0.id + "b", title: $0.title) }),
            ])

        // Then titles are required, and the size is refused
        #expect(untitled.validate().map(\.field) == ["reply.sections[0].title", "reply.sections[1].title"])
        #expect(crowded.validate().map(\.code) == ["auto_reply.list_size"])
    }

    @Test func listLabelsAndRowsHaveWhatsAppLimits() {
        // Given a long button label, a long row title and a long description
        let reply = AutoReplyContent.list(
            body: "Elegí un servicio", buttonLabel: "Ver todos los servicios",
            sections: [
                .init(rows: [
                    Row(id: "x", title: "Limpieza dental completa con flúor", description: String(repeating: "a", count: 73))
                ])
            ])

        // Then each is reported at its place
        #expect(
            reply.validate().map(\.field) == [
                "reply.button_label", "reply.sections[0].rows[0].title", "reply.sections[0].rows[0].description",
            ])
    }

    @Test func aBodyMustNotBeBlankOrABrokenTemplate() {
        // Given a blank text and a body with an unclosed section
        let blank = AutoReplyContent.text("  ")
        let broken = AutoReplyContent.buttons(body: "{{#contact.first_name}}Hola", buttons: [Button(id: "a", title: "Ok")])

        // Then both are reported on their field
        #expect(blank.validate().map(\.code) == ["field.required"])
        #expect(broken.validate().map(\.code) == [TemplateProblem.Code.unclosedSection])
        #expect(broken.validate().map(\.field) == ["reply.body"])
    }
}
