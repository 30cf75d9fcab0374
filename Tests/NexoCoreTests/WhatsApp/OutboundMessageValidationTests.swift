import Foundation
import Testing

@testable import NexoCore

@Suite struct OutboundMessageValidationTests {
    private func problems(_ content: OutboundContent, to recipient: MessageRecipient = .phone("5491155551234"))
        -> [FieldError]
    {
        OutboundMessage(to: recipient, content: content).validate()
    }

    private func fields(_ content: OutboundContent) -> [String] {
        problems(content).map(\.field)
    }

    private func buttons(_ titles: [String], body: String = "¿Confirmás?", footer: String? = nil) -> OutboundContent {
        .buttons(
            ReplyButtonsMessage(
                body: body, buttons: titles.enumerated().map { .init(id: "b\($0.offset)", title: $0.element) },
                footer: footer))
    }

    private func list(_ sections: [ListMessage.Section], buttonLabel: String = "Ver opciones") -> OutboundContent {
        .list(ListMessage(body: "Elegí", buttonLabel: buttonLabel, sections: sections))
    }

    private func rows(_ count: Int, prefix: String = "r") -> [ListMessage.Row] {
        (0..<count).map { .init(id: "\(prefix)\($0)", title: "Opción \($0)") }
    }

    @Test func acceptsMetasExamples() {
        // Given messages shaped like Meta's examples / When checked / Then nothing is wrong
        #expect(problems(.text(body: "Hola", previewURL: true)).isEmpty)
        #expect(problems(.template(TemplateMessage(name: "reservation_confirmation", languageCode: "en_US"))).isEmpty)
        #expect(problems(buttons(["Change", "Cancel"], footer: "Lucky Shrub")).isEmpty)
        #expect(problems(list([.init(title: "I want it ASAP!", rows: rows(1))])).isEmpty)
    }

    @Test func refusesMoreThanThreeReplyButtons() {
        // Given four buttons / When checked / Then the buttons are too many
        let errors = problems(buttons(["A", "B", "C", "D"]))
        #expect(errors == [FieldError(field: "buttons", code: "whatsapp.too_many_buttons", message: "At most 3 reply buttons.")])
    }

    @Test func refusesReplyButtonsWithoutAnyButton() {
        // Given no buttons / When checked / Then one is required
        #expect(problems(buttons([])).map(\.code) == ["whatsapp.buttons_required"])
    }

    @Test func refusesAButtonTitleOverTwentyCharacters() {
        // Given a 21-character title beside a 20-character one / When checked / Then only the long one is refused
        let errors = problems(buttons([String(repeating: "a", count: 20), String(repeating: "b", count: 21)]))
        #expect(errors == [FieldError(field: "buttons[1].title", code: "field.too_long", message: "At most 20 characters.")])
    }

    @Test func countsAccentedLettersAndEmojiAsOneCharacterEach() {
        // Given 20 characters full of accents, and an emoji title / When checked / Then they fit
        #expect(problems(buttons(["¿Mañana o pasadoñá?", "Sí 👍", "Cancelá la reserva"])).isEmpty)
        #expect("¿Mañana o pasadoñá?".unicodeScalars.count <= 20)
    }

    @Test func refusesTwoButtonsWithTheSameID() {
        // Given two buttons sharing an id / When checked / Then the second is refused: a tap must say which
        let content = OutboundContent.buttons(
            ReplyButtonsMessage(body: "¿?", buttons: [.init(id: "x", title: "Sí"), .init(id: "x", title: "No")]))
        #expect(problems(content).map(\.field) == ["buttons[1].id"])
    }

    @Test func refusesTwoButtonsWithTheSameTitle() {
        // Given two buttons with one title / When checked / Then the second is refused
        #expect(fields(buttons(["Sí", "Sí"])) == ["buttons[1].title"])
    }

    @Test func refusesAButtonsBodyOver1024Characters() {
        // Given a body of 1025 characters / When checked / Then the body is too long
        #expect(fields(buttons(["Sí"], body: String(repeating: "x", count: 1025))) == ["body"])
        #expect(fields(buttons(["Sí"], body: String(repeating: "x", count: 1024))).isEmpty)
    }

    @Test func refusesAFooterOverSixtyCharacters() {
        // Given a 61-character footer / When checked / Then the footer is too long
        #expect(fields(buttons(["Sí"], footer: String(repeating: "f", count: 61))) == ["footer"])
    }

    @Test func refusesABlankBody() {
        // Given a body of spaces / When checked / Then the body is required
        #expect(problems(.text(body: "  ")) == [FieldError(field: "body", code: "field.required", message: "Must not be empty.")])
    }

    @Test func refusesATextOver4096Characters() {
        // Given texts of 4096 and 4097 characters / When checked / Then only the longer is refused
        #expect(problems(.text(body: String(repeating: "a", count: 4096))).isEmpty)
        #expect(fields(.text(body: String(repeating: "a", count: 4097))) == ["body"])
    }

    @Test func refusesMoreThanTenRowsAcrossSections() {
        // Given 6 + 5 rows in two titled sections / When checked / Then the total is too many
        let errors = problems(
            list([.init(title: "A", rows: rows(6, prefix: "a")), .init(title: "B", rows: rows(5, prefix: "b"))]))
        #expect(errors.map(\.code) == ["whatsapp.too_many_rows"])
    }

    @Test func refusesLongRowTitlesAndDescriptions() {
        // Given a 25-character row title and a 73-character description / When checked / Then both are refused
        let row = ListMessage.Row(
            id: "r", title: String(repeating: "t", count: 25), description: String(repeating: "d", count: 73))
        #expect(fields(list([.init(rows: [row])])) == ["sections[0].rows[0].title", "sections[0].rows[0].description"])
    }

    @Test func requiresSectionTitlesWhenThereAreSeveral() {
        // Given two sections, the second untitled / When checked / Then it needs a title
        #expect(
            fields(list([.init(title: "A", rows: rows(1, prefix: "a")), .init(rows: rows(1, prefix: "b"))])) == [
                "sections[1].title"
            ])
    }

    @Test func refusesAListButtonLabelOverTwentyCharacters() {
        // Given a 21-character label / When checked / Then the label is too long
        #expect(fields(list([.init(rows: rows(1))], buttonLabel: String(repeating: "l", count: 21))) == ["button"])
    }

    @Test func refusesTheSameRowIDTwiceInAList() {
        // Given two sections each with a row "r0" / When checked / Then the second is refused
        #expect(
            fields(list([.init(title: "A", rows: rows(1)), .init(title: "B", rows: rows(1))])) == [
                "sections[1].rows[0].id"
            ])
    }

    @Test func refusesAListWithoutRows() {
        // Given no sections / When checked / Then a section is required
        #expect(problems(list([])).map(\.code) == ["whatsapp.sections_required"])
    }

    @Test func refusesACaptionOnAudio() {
        // Given audio with a caption / When checked / Then the caption is refused
        let content = OutboundContent.media(OutboundMedia(.audio, .id("1"), caption: "escuchá"))
        #expect(problems(content).map(\.code) == ["whatsapp.caption_not_allowed"])
    }

    @Test func refusesAFileNameOnAnythingButADocument() {
        // Given an image with a file name / When checked / Then the file name is refused
        #expect(fields(.media(OutboundMedia(.image, .id("1"), filename: "a.jpg"))) == ["filename"])
    }

    @Test func refusesAMediaLinkThatIsNotAWebAddress() {
        // Given a file path as link / When checked / Then the link is refused
        #expect(problems(.media(OutboundMedia(.image, .link("/tmp/a.jpg")))).map(\.code) == ["url.invalid"])
    }

    @Test func refusesAnAudioHeader() {
        // Given buttons under an audio header / When checked / Then the header is refused
        let content = OutboundContent.buttons(
            ReplyButtonsMessage(body: "b", buttons: [.init(id: "y", title: "Sí")], header: .media(.audio, .id("1"))))
        #expect(problems(content).map(\.code) == ["whatsapp.header_media"])
    }

    @Test func refusesATemplateWithoutNameOrLanguageOrWithABlankParameter() {
        // Given a template missing its name and language, with an empty parameter / When checked / Then all are named
        let template = TemplateMessage(name: "", languageCode: " ", components: [.body([.text("Ana"), .text("")])])
        #expect(fields(.template(template)) == ["name", "language", "components[0].parameters[1]"])
    }

    @Test func refusesARecipientThatIsNotANumber() {
        // Given a name where the number goes / When checked / Then the recipient is refused
        #expect(problems(.text(body: "Hola"), to: .phone("Ana")).map(\.field) == ["to"])
        #expect(problems(.text(body: "Hola"), to: .phone("+5491155551234")).isEmpty)
    }

    @Test func reportsEveryProblemAtOnce() {
        // Given a list with several mistakes / When checked / Then each is reported
        let message = ListMessage(
            body: "", buttonLabel: "", sections: [.init(rows: [.init(id: "", title: "")])],
            footer: String(repeating: "f", count: 61))
        #expect(
            fields(.list(message)) == ["body", "footer", "button", "sections[0].rows[0].id", "sections[0].rows[0].title"])
    }

    @Test func requestBodyRefusesAMessageWithProblems() {
        // Given four buttons / When the body is asked for / Then it throws the problems instead
        let message = OutboundMessage(to: .phone("1234567"), content: buttons(["A", "B", "C", "D"]))
        #expect(throws: ValidationFailure(message.validate())) {
            try message.requestBody()
        }
    }
}
