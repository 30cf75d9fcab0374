import Foundation
import Testing

@testable import NexoCore

@Suite struct MessageTemplateRenderingTests {
    private let ana = TemplateContext(
        contact: .init(
            firstName: "Ana", lastName: "Pérez", email: "ana@example.com", phone: "+5491122334455", company: "Dental Sur"),
        business: .init(name: "Clínica Norte", email: "hola@clinicanorte.com", country: "AR"),
        unsubscribeURL: "https://nexo.example/u/abc123",
        today: "5 de marzo de 2025")

    private func render(_ source: String, _ context: TemplateContext, _ escaping: MessageTemplate.Escaping = .html) throws
        -> String
    {
        try MessageTemplate(source: source).render(context, escaping: escaping)
    }

    @Test func rendersContactAndBusinessValues() throws {
        let output = try render("Hola {{contact.first_name}} {{contact.last_name}}, te escribe {{business.name}}.", ana)
        #expect(output == "Hola Ana Pérez, te escribe Clínica Norte.")
    }

    @Test func rendersEveryCatalogueVariable() throws {
        let context = TemplateContext(
            contact: .init(
                firstName: "a", lastName: "b", fullName: "c", email: "d", phone: "e", company: "f", birthday: "g", status: "h",
                source: "i"),
            business: .init(name: "j", email: "k", country: "l"), unsubscribeURL: "m", today: "n")
        let source = TemplateVariables.fixed.map { "{{\($0.name)}}" }.joined(separator: ",")
        #expect(try render(source, context) == "a,b,c,d,e,f,g,h,i,j,k,l,m,n")
    }

    @Test func missingValuesRenderAsNothing() throws {
        let output = try render(
            "Hola {{contact.first_name}}! {{business.name}}{{today}}{{contact.metadata.plan}}.", TemplateContext())
        #expect(output == "Hola ! .")
    }

    @Test func sectionShowsOnlyWhenTheValueIsPresent() throws {
        let source = "Hola{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}, ¿cómo estás?"
        #expect(try render(source, ana) == "Hola Ana, ¿cómo estás?")
        #expect(try render(source, TemplateContext()) == "Hola, ¿cómo estás?")
    }

    @Test func blankValueCountsAsMissing() throws {
        let context = TemplateContext(contact: .init(firstName: "  \n"))
        #expect(try render("Hola{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}.", context) == "Hola.")
    }

    @Test func invertedSectionShowsOnlyWhenTheValueIsMissing() throws {
        let source = "{{^contact.company}}Sin empresa{{/contact.company}}"
        #expect(try render(source, ana) == "")
        #expect(try render(source, TemplateContext()) == "Sin empresa")
    }

    @Test func dotInsideSectionIsTheSectionValue() throws {
        #expect(try render("{{#contact.company}}[{{.}}]{{/contact.company}}", ana) == "[Dental Sur]")
    }

    @Test func standaloneSectionLinesLeaveNoBlankLines() throws {
        let source = "Hola\n{{#contact.company}}\nde {{contact.company}}\n{{/contact.company}}\nSaludos"
        #expect(try render(source, ana) == "Hola\nde Dental Sur\nSaludos")
        #expect(try render(source, TemplateContext()) == "Hola\nSaludos")
    }

    @Test func lineBreaksAreKeptAsWritten() throws {
        #expect(try render("Hola\r\n{{contact.first_name}}\r\n", ana, .none) == "Hola\r\nAna\r\n")
    }

    // MARK: escaping

    @Test func htmlEscapingEscapesMarkupInValues() throws {
        let context = TemplateContext(contact: .init(firstName: "<b>Ana</b> & \"Co\" 'x'"))
        #expect(
            try render("<p>{{contact.first_name}}</p>", context)
                == "<p>&lt;b&gt;Ana&lt;/b&gt; &amp; &quot;Co&quot; &#39;x&#39;</p>")
    }

    @Test func textEscapingLeavesMarkupInValuesAsIs() throws {
        let context = TemplateContext(contact: .init(firstName: "<b>Ana</b> & \"Co\""))
        #expect(try render("Hola {{contact.first_name}}", context, .none) == "Hola <b>Ana</b> & \"Co\"")
    }

    @Test func textEscapingAppliesInsideSections() throws {
        let context = TemplateContext(contact: .init(firstName: "<Ana>", company: "A&B"))
        let source = "{{#contact.company}}{{contact.first_name}} de {{.}}{{/contact.company}}"
        #expect(try render(source, context, .none) == "<Ana> de A&B")
        #expect(try render(source, context, .html) == "&lt;Ana&gt; de A&amp;B")
    }

    @Test func tripleMustacheAndAmpersandAreNeverEscaped() throws {
        let context = TemplateContext(contact: .init(firstName: "<i>Ana</i>"))
        #expect(try render("{{{contact.first_name}}} {{& contact.first_name}}", context) == "<i>Ana</i> <i>Ana</i>")
    }

    @Test func templateMarkupItselfIsNotEscaped() throws {
        #expect(
            try render("<a href=\"{{unsubscribe_url}}\">Baja</a> & más", ana)
                == "<a href=\"https://nexo.example/u/abc123\">Baja</a> & más")
    }

    @Test func urlQueryAmpersandsAreEscapedInHTMLAttributes() throws {
        let context = TemplateContext(unsubscribeURL: "https://nexo.example/u?t=1&c=2")
        #expect(try render("<a href=\"{{unsubscribe_url}}\">", context) == "<a href=\"https://nexo.example/u?t=1&amp;c=2\">")
        #expect(try render("{{unsubscribe_url}}", context, .none) == "https://nexo.example/u?t=1&c=2")
    }

    @Test func textRenderingMatchesHTMLRenderingWhenNothingNeedsEscaping() throws {
        // The text variant is compiled with a pragma line in front; it must not change the output.
        let sources = [
            "", "\n", "\nHola", "{{#contact.first_name}}\nHola\n{{/contact.first_name}}\n",
            "  {{#contact.company}}\n  x\n  {{/contact.company}}", "{{! nota }}\nHola", "Hola\n{{contact.first_name}}",
        ]
        for source in sources {
            for context in [ana, TemplateContext()] {
                #expect(try render(source, context, .none) == render(source, context, .html), "\(source.debugDescription)")
            }
        }
    }

    @Test func sourceEndingWithABraceRendersWithoutAddedLineBreak() throws {
        #expect(try render("{{contact.first_name}} {", ana, .html) == "Ana {")
        #expect(try render("{{contact.first_name}} {", ana, .none) == "Ana {")
        #expect(try render("{", ana, .none) == "{")
    }

    @Test func valuesAreNeverReadAsTemplates() throws {
        let context = TemplateContext(contact: .init(firstName: "{{business.name}}"), business: .init(name: "Clínica"))
        #expect(try render("{{contact.first_name}}", context, .none) == "{{business.name}}")
    }

    // MARK: text

    @Test func accentsAndEmojiRenderUnchanged() throws {
        let context = TemplateContext(contact: .init(firstName: "José Ñúñez 👩🏽‍⚕️"), business: .init(name: "Óptica Ñandú"))
        let source = "¡Feliz cumpleaños, {{contact.first_name}}! 🎂 — {{business.name}}"
        let expected = "¡Feliz cumpleaños, José Ñúñez 👩🏽‍⚕️! 🎂 — Óptica Ñandú"
        #expect(try render(source, context, .html) == expected)
        #expect(try render(source, context, .none) == expected)
    }

    // MARK: full name

    @Test func fullNameJoinsFirstAndLastName() throws {
        #expect(try render("{{contact.full_name}}", ana) == "Ana Pérez")
    }

    @Test func fullNameWithOnlyOnePartHasNoStraySpace() throws {
        #expect(try render("[{{contact.full_name}}]", TemplateContext(contact: .init(lastName: " Pérez "))) == "[Pérez]")
    }

    @Test func givenFullNameWins() throws {
        let context = TemplateContext(contact: .init(firstName: "Ana", lastName: "Pérez", fullName: "Dra. Ana Pérez"))
        #expect(try render("{{contact.full_name}}", context) == "Dra. Ana Pérez")
    }

    @Test func fullNameSectionIsSkippedWithoutAnyName() throws {
        #expect(try render("{{#contact.full_name}}x{{/contact.full_name}}", TemplateContext()) == "")
    }

    // MARK: metadata

    private func metadata(_ values: [String: JSONValue]) -> TemplateContext {
        TemplateContext(contact: .init(metadata: values))
    }

    @Test func metadataStringRendersAsIs() throws {
        #expect(try render("{{contact.metadata.plan}}", metadata(["plan": .string("Oro <1>")]), .none) == "Oro <1>")
    }

    @Test func metadataWholeNumberRendersWithoutDecimals() throws {
        #expect(try render("{{contact.metadata.visits}}", metadata(["visits": .number(12)])) == "12")
    }

    @Test func metadataFractionRendersWithItsDecimals() throws {
        #expect(try render("{{contact.metadata.balance}}", metadata(["balance": .number(1520.75)])) == "1520.75")
    }

    @Test func metadataNegativeNumberRenders() throws {
        #expect(try render("{{contact.metadata.delta}}", metadata(["delta": .number(-3)])) == "-3")
    }

    @Test func metadataBooleanRendersAsWord() throws {
        #expect(
            try render(
                "{{contact.metadata.vip}}/{{contact.metadata.debt}}", metadata(["vip": .bool(true), "debt": .bool(false)]))
                == "true/false")
    }

    @Test func metadataBooleanDrivesSections() throws {
        let source =
            "{{#contact.metadata.vip}}VIP{{/contact.metadata.vip}}{{^contact.metadata.vip}}normal{{/contact.metadata.vip}}"
        #expect(try render(source, metadata(["vip": .bool(true)])) == "VIP")
        #expect(try render(source, metadata(["vip": .bool(false)])) == "normal")
        #expect(try render(source, metadata([:])) == "normal")
    }

    @Test func metadataNullIsMissing() throws {
        let source = "[{{contact.metadata.plan}}]{{^contact.metadata.plan}}sin plan{{/contact.metadata.plan}}"
        #expect(try render(source, metadata(["plan": .null])) == "[]sin plan")
    }

    @Test func metadataArrayRendersAsCompactJSONOnce() throws {
        let source = "{{#contact.metadata.tags}}<{{.}}>{{/contact.metadata.tags}}"
        #expect(try render(source, metadata(["tags": .array([.string("a"), .number(1)])]), .none) == "<[\"a\",1]>")
    }

    @Test func metadataObjectRendersAsCompactJSONWithSortedKeys() throws {
        let value = JSONValue.object(["b": .bool(true), "a": .string("x")])
        #expect(try render("{{contact.metadata.extra}}", metadata(["extra": value]), .none) == "{\"a\":\"x\",\"b\":true}")
    }

    @Test func metadataObjectIsEscapedInHTML() throws {
        let value = JSONValue.object(["a": .string("x")])
        #expect(try render("{{contact.metadata.extra}}", metadata(["extra": value])) == "{&quot;a&quot;:&quot;x&quot;}")
    }

    @Test func emptyMetadataArrayAndObjectAreMissing() throws {
        let source = "{{^contact.metadata.a}}A{{/contact.metadata.a}}{{^contact.metadata.o}}O{{/contact.metadata.o}}"
        #expect(try render(source, metadata(["a": .array([]), "o": .object([:])])) == "AO")
    }

    @Test func metadataKeysAreCaseSensitive() throws {
        #expect(try render("[{{contact.metadata.Plan}}]", metadata(["plan": .string("Oro")])) == "[]")
    }

    @Test func metadataValueNamedLikeAVariableDoesNotShadowIt() throws {
        // Section values are text, so names inside a section still resolve from the top.
        let context = TemplateContext(
            contact: .init(firstName: "Ana", metadata: ["contact": .object(["first_name": .string("X")])]))
        #expect(try render("{{#contact.metadata.contact}}{{contact.first_name}}{{/contact.metadata.contact}}", context) == "Ana")
    }

    // MARK: today and concurrency

    @Test func dateTextUsesTheTimeZoneCalendarDayAndLocale() throws {
        // 02:00 UTC on March 5 is still March 4 in Bogotá.
        let date = try #require(ISO8601DateFormatter().date(from: "2025-03-05T02:00:00Z"))
        let bogota = try #require(TimeZone(identifier: "America/Bogota"))
        let text = TemplateContext.dateText(date, timeZone: bogota, locale: Locale(identifier: "es_CO"))
        #expect(text == "4 de marzo de 2025")
    }

    @Test func rendersFromManyTasksAtOnce() async throws {
        let template = try MessageTemplate(source: "Hola {{contact.first_name}}")
        let outputs = await withTaskGroup(of: String.self) { group in
            for index in 0..<50 {
                group.addTask { template.render(TemplateContext(contact: .init(firstName: "N\(index)")), escaping: .html) }
            }
            return await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(outputs == Set((0..<50).map { "Hola N\($0)" }))
    }
}
