import Testing

@testable import NexoCore

@Suite struct WebhookMappingEvaluateTests {
    private typealias Support = IngestionTestSupport
    private let options = IngestionTestSupport.options

    @Test func makesAContactFromTheGuessedMapping() throws {
        // Given a flat payload and no mapping
        let payload = try Support.payload(
            #"{"nombre":"José Muñoz","correo":"Jose@Example.COM","celular":"11 15 3333-2222","etiquetas":["VIP","web"]}"#
        )

        // When evaluated
        let (row, eventID) = try Support.acceptedRow(WebhookMapping().evaluate(payload, options: options))

        // Then the contact is normalized like an imported row
        let contact = row.newContact(source: "webhook")
        #expect(contact.firstName == "José")
        #expect(contact.lastName == "Muñoz")
        #expect(contact.email == "jose@example.com")
        #expect(contact.phone == "+5491133332222")
        #expect(contact.tags == ["vip", "web"])
        #expect(eventID == nil)
    }

    @Test func returnsTheFieldsItUsed() throws {
        // Given a payload and no mapping
        let payload = try Support.payload(#"{"email":"ana@example.com","plan":"pro"}"#)

        // When evaluated / Then the outcome carries the guessed mapping
        guard case .accepted(_, _, let fields) = WebhookMapping().evaluate(payload, options: options) else {
            Issue.record("not accepted")
            return
        }
        #expect(fields == WebhookMapping.guess(for: payload))
        #expect(fields.map(\.field) == [.email, .metadata("plan")])
    }

    @Test func usesExactlyTheExplicitMapping() throws {
        // Given keys no guess would understand, mapped by hand, and a value left unmapped
        let mapping = try Support.mapping([
            ("persona.mail_principal", .email), ("persona.quien", .fullName), ("extra.sucursal", .metadata("branch")),
        ])
        let payload = try Support.payload(
            #"{"persona":{"mail_principal":"ana@example.com","quien":"Ana Pérez","phone":"11 3333 2222"},"extra":{"sucursal":"Centro"}}"#
        )

        // When evaluated
        let (row, _) = try Support.acceptedRow(mapping.evaluate(payload, options: options))

        // Then only the mapped paths are read, into the chosen fields
        let contact = row.newContact()
        #expect(contact.email == "ana@example.com")
        #expect(contact.firstName == "Ana")
        #expect(contact.lastName == "Pérez")
        #expect(contact.phone == nil)
        #expect(contact.metadata == ["branch": .string("Centro")])
    }

    @Test func readsNumbersWithoutATrailingZeroAndBooleansAsText() throws {
        // Given numbers and a boolean mapped to metadata
        let mapping = try Support.mapping([
            ("email", .email), ("total", .metadata("total")), ("rate", .metadata("rate")), ("vip", .metadata("vip")),
        ])
        let payload = try Support.payload(#"{"email":"a@example.com","total":1500.0,"rate":12.5,"vip":true}"#)

        // When evaluated
        let (row, _) = try Support.acceptedRow(mapping.evaluate(payload, options: options))

        // Then they are stored as their text
        #expect(
            row.newContact().metadata == ["total": .string("1500"), "rate": .string("12.5"), "vip": .string("true")])
    }

    @Test func letsAFallbackPathFillAnEmptyField() throws {
        // Given two paths for the phone, the first missing in this payload
        let mapping = try Support.mapping([("email", .email), ("mobile", .phone), ("landline", .phone)])
        let payload = try Support.payload(#"{"email":"a@example.com","landline":"011 4444-5555"}"#)

        // When evaluated / Then the second path gives the phone
        let (row, _) = try Support.acceptedRow(mapping.evaluate(payload, options: options))
        #expect(row.newContact().phone == "+541144445555")
    }

    @Test func readsANumericEventIDWithoutDecimals() throws {
        // Given an id path to a number
        let mapping = try Support.mapping([], idPath: "id")
        let payload = try Support.payload(#"{"id":123123123123,"email":"a@example.com"}"#)

        // When evaluated / Then the id is its digits
        let (_, eventID) = try Support.acceptedRow(mapping.evaluate(payload, options: options))
        #expect(eventID == "123123123123")
    }

    @Test func readsAStringEventID() throws {
        // Given an id path to a nested string
        let mapping = try Support.mapping([], idPath: "$.meta.delivery_id")
        let payload = try Support.payload(#"{"meta":{"delivery_id":" evt_9f2 "},"email":"a@example.com"}"#)

        // When evaluated / Then the id is the trimmed text
        let (_, eventID) = try Support.acceptedRow(mapping.evaluate(payload, options: options))
        #expect(eventID == "evt_9f2")
    }

    @Test func rejectsAPayloadWithoutItsEventIDNamingThePath() throws {
        // Given an id path the payload lacks
        let mapping = try Support.mapping([], idPath: "meta.delivery_id")
        let payload = try Support.payload(#"{"email":"a@example.com"}"#)

        // When evaluated / Then the payload is unusable, naming the path
        #expect(
            Support.problems(mapping.evaluate(payload, options: options)) == [
                ImportProblem(
                    code: "webhook.id_missing", column: "meta.delivery_id",
                    message: "No event id at meta.delivery_id: the id path must hold a string or a number.")
            ])
    }

    @Test func reportsAMissingIDTogetherWithTheRowsProblems() throws {
        // Given a payload without its id and with a broken e-mail
        let mapping = try Support.mapping([("email", .email)], idPath: "id")
        let payload = try Support.payload(#"{"id":{"nested":true},"email":"ana@"}"#)

        // When evaluated / Then both problems are reported, the id first
        let codes = Support.problems(mapping.evaluate(payload, options: options)).map(\.code)
        #expect(codes == ["webhook.id_missing", "email.invalid"])
    }

    @Test func filtersOutPayloadsThatDoNotMatchBeforeReadingThem() throws {
        // Given a filter on the status, and an id path the payload lacks
        let filter = WebhookFilter(path: try Support.path("status"), comparison: .equals, value: "paid")
        let mapping = try Support.mapping([], idPath: "id", filter: filter)
        let payload = try Support.payload(#"{"status":"pending","email":"a@example.com"}"#)

        // When evaluated / Then it is filtered out, saying which filter, not reported as unusable
        #expect(
            mapping.evaluate(payload, options: options)
                == .filteredOut(reason: #"The payload does not match the filter: status equals "paid"."#))
    }

    @Test func acceptsPayloadsThatMatchTheFilter() throws {
        // Given a filter the payload passes
        let filter = WebhookFilter(path: try Support.path("status"), comparison: .oneOf, value: "paid, completed")
        let payload = try Support.payload(#"{"status":"Completed","email":"a@example.com"}"#)

        // When evaluated / Then a contact is made
        #expect(throws: Never.self) {
            try Support.acceptedRow(WebhookMapping(filter: filter).evaluate(payload, options: options))
        }
    }

    @Test func rejectsAPayloadThatIsNotAnObject() throws {
        // Given an array / When evaluated / Then it is unusable as not an object
        let problems = Support.problems(
            WebhookMapping().evaluate(try Support.payload(#"[{"email":"a@example.com"}]"#), options: options))
        #expect(problems.map(\.code) == ["webhook.not_object"])
        #expect(problems.first?.message == "The payload is an array, not a JSON object: it has no fields to map.")
    }

    @Test func namesThePathsLookedAtWhenNoIdentityIsFound() throws {
        // Given a mapping whose identity paths are all empty in this payload
        let mapping = try Support.mapping([
            ("customer.name", .fullName), ("customer.email", .email), ("order.total", .metadata("total")),
            ("customer.phone", .phone),
        ])
        let payload = try Support.payload(#"{"customer":{"email":"","phone":null},"order":{"total":10}}"#)

        // When evaluated / Then the message names every path looked at
        #expect(
            Support.problems(mapping.evaluate(payload, options: options)) == [
                ImportProblem(
                    code: "contact.identity_required",
                    message: "No e-mail, phone or name found: looked at customer.email, customer.phone, customer.name.")
            ])
    }

    @Test func saysNoKeyLooksLikeAnIdentityWhenGuessing() throws {
        // Given a payload without contact data and no mapping
        let payload = try Support.payload(#"{"event":"ping","hook_id":42}"#)

        // When evaluated / Then the message says the guess found nothing
        #expect(
            Support.problems(WebhookMapping().evaluate(payload, options: options)).map(\.message) == [
                "No e-mail, phone or name found: no key of the payload looks like one; map them in the webhook's settings."
            ])
    }

    @Test func reportsABirthdayErrorWithItsPathAsColumn() throws {
        // Given an impossible birthday in a nested answer
        let payload = try Support.payload(#"{"form":{"email":"a@example.com","cumpleaños":"31/02/1990"}}"#)
        let mapping = try Support.mapping([("form.email", .email), ("form.cumpleaños", .birthday)])

        // When evaluated / Then the problem's column is the JSON path
        let problems = Support.problems(mapping.evaluate(payload, options: options))
        #expect(problems.map(\.code) == ["birthday.impossible"])
        #expect(problems.first?.column == "form.cumpleaños")
        #expect(problems.first?.value == "31/02/1990")
    }

    @Test func reportsAnInvalidEMailWithItsPathAsColumn() throws {
        // Given a guessed mapping and a broken e-mail inside an envelope
        let payload = try Support.payload(#"{"data":{"name":"Ana","email":"ana@"}}"#)

        // When evaluated / Then the problem names the path and the value
        #expect(
            Support.problems(WebhookMapping().evaluate(payload, options: options)) == [
                ImportProblem(
                    code: "email.invalid", column: "data.email", value: "ana@", message: "Not a valid e-mail address.")
            ])
    }

    @Test func usesTheExplicitFieldsForEveryPayloadAndGuessesOnlyWithout() throws {
        // Given a payload and a mapping with one field
        let payload = try Support.payload(#"{"email":"a@example.com","name":"Ana"}"#)
        let mapping = try Support.mapping([("email", .email)])

        // When asked for the fields / Then an explicit mapping is used as is, an empty one guesses
        #expect(mapping.fields(for: payload) == mapping.fields)
        #expect(WebhookMapping().fields(for: payload) == WebhookMapping.guess(for: payload))
    }
}
