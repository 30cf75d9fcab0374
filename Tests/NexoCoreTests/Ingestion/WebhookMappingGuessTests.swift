import Testing

@testable import NexoCore

@Suite struct WebhookMappingGuessTests {
    private typealias Support = IngestionTestSupport

    @Test func mapsAFlatObject() throws {
        // Given a flat payload from a site form
        let json = #"{"name":"Ana Pérez","email":"ana@example.com","phone":"11 3333 2222","tags":["vip","web"]}"#

        // When the mapping is guessed
        let fields = try Support.guessedFields(json)

        // Then each key goes to its field
        #expect(fields == ["email": .email, "name": .fullName, "phone": .phone, "tags": .tags])
    }

    @Test func findsTheRecordInsideNestedEnvelopes() throws {
        // Given a Stripe-like event wrapping the customer in data.object
        let json = """
            {"id":"evt_1","event":"customer.created","data":{"object":{"id":"cus_9","email":"ana@example.com",
            "name":"Ana Pérez","phone":"+5491133332222","address":{"city":"Rosario"}}}}
            """

        // When the mapping is guessed
        let fields = try Support.guessedFields(json)

        // Then the record's values are chosen, and the rest is metadata under the whole path
        #expect(fields["data.object.email"] == .email)
        #expect(fields["data.object.name"] == .fullName)
        #expect(fields["data.object.phone"] == .phone)
        #expect(fields["data.object.address.city"] == .metadata("data_object_address_city"))
        #expect(fields["data.object.id"] == .metadata("data_object_id"))
        #expect(fields["event"] == .metadata("event"))
        #expect(fields["id"] == .metadata("id"))
    }

    @Test(arguments: ["customer", "contact", "lead", "payload", "record", "attributes", "fields", "body"])
    func findsTheRecordInsideEachEnvelopeKey(envelope: String) throws {
        // Given the record wrapped in an envelope key, beside an e-mail of the sender's account
        let json = #"{"account":{"email":"owner@shop.com"},"\#(envelope)":{"email":"ana@example.com"}}"#

        // When the mapping is guessed / Then the record's e-mail is the contact's
        #expect(try Support.paths(to: .email, in: json) == ["\(envelope).email"])
    }

    @Test func mapsAShopifyCustomerWithoutARootPhone() throws {
        // Given a Shopify customer whose phone is only in its default address
        let json = """
            {"id":706405506930370000,"email":"bob@example.com","first_name":"Bob","last_name":"Norman","phone":null,
            "tags":"vip, newsletter","orders_count":3,"default_address":{"id":1,"first_name":"Bob","last_name":"Norman",
            "phone":"555-625-1199","city":"Ottawa","company":"Acme"}}
            """

        // When the mapping is guessed
        let fields = try Support.guessedFields(json)

        // Then the address's phone is the phone, and its copy of the name does not double the name
        #expect(fields["email"] == .email)
        #expect(fields["first_name"] == .firstName)
        #expect(fields["last_name"] == .lastName)
        #expect(fields["tags"] == .tags)
        #expect(fields["default_address.phone"] == .phone)
        #expect(fields["default_address.first_name"] == .metadata("default_address_first_name"))
        #expect(fields["default_address.company"] == .company)
        #expect(fields["id"] == .metadata("id"))
        #expect(fields["phone"] == nil)
    }

    @Test func prefersTheRootPhoneOfAShopifyCustomer() throws {
        // Given a Shopify customer with a phone and an address phone
        let json = #"{"email":"bob@example.com","phone":"+16135551111","default_address":{"phone":"555-625-1199"}}"#

        // When the mapping is guessed / Then the customer's own phone wins and the address's is kept as metadata
        #expect(try Support.paths(to: .phone, in: json) == ["phone"])
        #expect(try Support.guessedFields(json)["default_address.phone"] == .metadata("default_address_phone"))
    }

    @Test func mapsAWooCommerceOrderFromItsBillingDetails() throws {
        // Given a WooCommerce order with billing and shipping people and line items
        let json = """
            {"id":727,"status":"processing","total":"29.35","customer_note":"Tocar timbre",
            "billing":{"first_name":"John","last_name":"Doe","company":"Doe SA","email":"john.doe@example.com",
            "phone":"(555) 555-5555"},
            "shipping":{"first_name":"Jane","last_name":"Doe","phone":"(555) 111-2222"},
            "line_items":[{"name":"Woo Single","sku":"W1","quantity":2}]}
            """

        // When the mapping is guessed
        let fields = try Support.guessedFields(json)

        // Then the billing person is the contact; shipping and items are metadata
        #expect(fields["billing.email"] == .email)
        #expect(fields["billing.phone"] == .phone)
        #expect(fields["billing.first_name"] == .firstName)
        #expect(fields["billing.last_name"] == .lastName)
        #expect(fields["billing.company"] == .company)
        #expect(fields["shipping.first_name"] == .metadata("shipping_first_name"))
        #expect(fields["shipping.phone"] == .metadata("shipping_phone"))
        #expect(fields["line_items[0].name"] == .metadata("line_items_0_name"))
        #expect(fields["total"] == .metadata("total"))
    }

    @Test func mapsSpanishFormAnswers() throws {
        // Given a form's answers with Spanish keys
        let json = """
            {"nombre":"José Muñoz","correo":"jose@example.com","telefono":"011 4444-5555","celular":"11 15 3333-2222",
            "whatsapp":"+5491144445555","empresa":"Ferretería Sur","cumpleaños":"15/03/1990",
            "etiquetas":"mayorista, zona norte","notas":"Llamar a la tarde"}
            """

        // When the mapping is guessed
        let fields = try Support.guessedFields(json)

        // Then a mobile wins the phone over the landline, and each answer finds its field
        #expect(
            fields == [
                "nombre": .fullName, "correo": .email, "celular": .phone, "telefono": .metadata("telefono"),
                "whatsapp": .metadata("whatsapp"), "empresa": .company, "cumpleaños": .birthday, "etiquetas": .tags,
                "notas": .notes,
            ])
    }

    @Test func mapsPortugueseAndEnglishFormAnswers() throws {
        // Given answers keyed the way Google Forms and Typeform exports write them
        let portuguese =
            #"{"Nome completo":"João Pedro dos Santos","E-mail":"joao@example.com","Telefone":"11 98765-4321"}"#
        let english = #"{"First name":"Ann","Last name":"Lee","Email address":"ann@example.com","Phone number":"555"}"#

        // When the mappings are guessed / Then both find the name, e-mail and phone
        #expect(
            try Support.guessedFields(portuguese) == [
                #"["Nome completo"]"#: .fullName, "E-mail": .email, "Telefone": .phone,
            ])
        #expect(
            try Support.guessedFields(english) == [
                #"["First name"]"#: .firstName, #"["Last name"]"#: .lastName, #"["Email address"]"#: .email,
                #"["Phone number"]"#: .phone,
            ])
    }

    @Test func namesAGenericLeafByItsParent() throws {
        // Given answers wrapped in {"value": …}
        let json = #"{"first_name":{"value":"Ana"},"email":{"value":"ana@example.com"}}"#

        // When the mapping is guessed / Then the parent key says what the value is
        #expect(try Support.guessedFields(json) == ["first_name.value": .firstName, "email.value": .email])
    }

    @Test func readsANestedNameWithItsParent() throws {
        // Given a company's name, a person's name and a product's name
        let json = #"{"email":"a@example.com","company":{"name":"Acme"},"items":[{"name":"Mate"}]}"#

        // When the mapping is guessed
        let fields = try Support.guessedFields(json)

        // Then the company's name is the company, and the product's is not a person's
        #expect(fields["company.name"] == .company)
        #expect(fields["items[0].name"] == .metadata("items_0_name"))
        #expect(try Support.paths(to: .fullName, in: json).isEmpty)
    }

    @Test func skipsNullAndBlankValues() throws {
        // Given unanswered questions
        let json = #"{"email":"ana@example.com","phone":"","company":null,"tags":[],"notes":"   "}"#

        // When the mapping is guessed / Then only the answered one is mapped
        #expect(try Support.guessedFields(json) == ["email": .email])
    }

    @Test func keepsAtMost100Leaves() throws {
        // Given a payload with 150 values
        let members = (0..<150).map { #""key\#($0)":"v""# }.joined(separator: ",")

        // When the mapping is guessed / Then 100 are read
        #expect(WebhookMapping.guess(for: try Support.payload("{\(members)}")).count == 100)
    }

    @Test func ignoresValuesDeeperThan8Levels() throws {
        // Given a value 9 keys deep next to one 8 keys deep
        let json = #"{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":"8","i":{"j":"9"}}}}}}}}}"#

        // When the mapping is guessed / Then only the shallower one is read
        #expect(try Support.guessedFields(json).keys.sorted() == ["a.b.c.d.e.f.g.h"])
    }

    @Test func ignoresMetadataPastTheSizeContactsAllow() throws {
        // Given an e-mail and twenty long texts, together past the 16 KB metadata limit
        let long = String(repeating: "x", count: 1000)
        let members = (10..<30).map { #""text\#($0)":"\#(long)""# }.joined(separator: ",")
        let payload = try Support.payload(#"{"email":"a@example.com",\#(members)}"#)

        // When guessed and evaluated
        let fields = WebhookMapping.guess(for: payload)

        // Then the texts past the budget are ignored, so the contact can still be stored
        #expect(fields.filter { $0.field == .ignore }.count == 7)
        #expect(throws: Never.self) {
            try Support.acceptedRow(WebhookMapping().evaluate(payload, options: Support.options))
        }
    }

    @Test func guessesNothingForAPayloadThatIsNotAnObject() throws {
        // Given an array payload / When guessed / Then there is nothing to map
        #expect(WebhookMapping.guess(for: try Support.payload(#"[{"email":"a@example.com"}]"#)).isEmpty)
    }
}
