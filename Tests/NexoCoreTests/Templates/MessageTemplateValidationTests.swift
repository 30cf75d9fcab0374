import Testing

@testable import NexoCore

@Suite struct MessageTemplateValidationTests {
    /// The single problem `source` has; records an issue when there is not exactly one.
    private func onlyProblem(_ source: String) throws -> TemplateProblem {
        let problems = MessageTemplate.validate(source)
        #expect(problems.count == 1, "\(problems)")
        return try #require(problems.first)
    }

    // MARK: valid templates

    @Test func plainTextWithoutTagsIsValid() {
        #expect(MessageTemplate.validate("Hola, gracias por escribirnos. { } }} {").isEmpty)
    }

    @Test func commentEndsAtTheFirstClosingBraces() throws {
        let problem = try onlyProblem("{{! ver {{nombre}} luego {{apellido}}")
        #expect(problem.variable == "apellido")
    }

    @Test func sourceEndingWithABraceIsValid() throws {
        // swift-mustache 2.1.1 alone rejects this; MessageTemplate works around it.
        #expect(MessageTemplate.validate("Código: {").isEmpty)
    }

    @Test func emptySourceIsValid() {
        #expect(MessageTemplate.validate("").isEmpty)
    }

    @Test(arguments: TemplateVariables.fixed.map(\.name))
    func everyCatalogueVariableIsValid(_ name: String) throws {
        let template = try MessageTemplate(source: "<p>{{\(name)}}</p>")
        #expect(template.variables == [name])
    }

    @Test func sectionOnVariableIsValid() {
        #expect(MessageTemplate.validate("Hola{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}").isEmpty)
    }

    @Test func invertedSectionIsValid() {
        #expect(MessageTemplate.validate("{{^contact.first_name}}Hola, ¿cómo estás?{{/contact.first_name}}").isEmpty)
    }

    @Test func sectionAndInvertedSectionTogetherAreValid() {
        let source = """
            {{#contact.company}}
            Equipo de {{contact.company}}:
            {{/contact.company}}
            {{^contact.company}}
            Hola:
            {{/contact.company}}
            """
        #expect(MessageTemplate.validate(source).isEmpty)
    }

    @Test func nestedSectionsAreValid() {
        let source =
            "{{#contact.email}}{{#contact.phone}}{{contact.email}} / {{contact.phone}}{{/contact.phone}}{{/contact.email}}"
        #expect(MessageTemplate.validate(source).isEmpty)
    }

    @Test func tripleMustacheIsValid() {
        #expect(MessageTemplate.validate("<a href=\"{{{unsubscribe_url}}}\">Darse de baja</a>").isEmpty)
    }

    @Test func ampersandTagIsValid() {
        #expect(MessageTemplate.validate("{{&business.name}} y {{& business.email }}").isEmpty)
    }

    @Test func commentsAreIgnoredWhateverTheyHold() {
        let source = "Hola{{! {{nombre y {{> footer quedan dentro del comentario,\n en dos líneas }} {{contact.first_name}}"
        #expect(MessageTemplate.validate(source).isEmpty)
    }

    @Test func whitespaceInsideTagsIsAllowed() {
        let source =
            "{{ contact.first_name }} {{#  contact.email\n}}{{{ contact.email }}}{{/ contact.email }}{{^\ttoday }}-{{/today}}"
        #expect(MessageTemplate.validate(source).isEmpty)
    }

    @Test func metadataKeysOfLettersDigitsAndUnderscoreAreValid() throws {
        let template = try MessageTemplate(
            source: "{{contact.metadata.plan}} {{contact.metadata.Plan_2}} {{contact.metadata._x9}}")
        #expect(template.variables == ["contact.metadata.plan", "contact.metadata.Plan_2", "contact.metadata._x9"])
    }

    @Test func metadataSectionIsValid() {
        #expect(MessageTemplate.validate("{{#contact.metadata.vip}}¡Cliente VIP!{{/contact.metadata.vip}}").isEmpty)
    }

    @Test func dotInsideSectionIsValid() {
        #expect(MessageTemplate.validate("{{#contact.first_name}}Hola {{.}}{{/contact.first_name}}").isEmpty)
    }

    @Test func variablesListsEachUsedVariableOnceInOrderOfFirstUse() throws {
        let template = try MessageTemplate(
            source: "{{#contact.first_name}}{{contact.first_name}}{{/contact.first_name}} {{today}} {{contact.first_name}}")
        #expect(template.variables == ["contact.first_name", "today"])
    }

    @Test func standaloneTagsOnCRLFLinesAreValid() {
        #expect(MessageTemplate.validate("{{#contact.first_name}}\r\nHola\r\n{{/contact.first_name}}\r\n").isEmpty)
    }

    // MARK: unknown variables

    @Test func unknownVariableIsReportedWithPositionAndSuggestion() throws {
        let problem = try onlyProblem("Hola {{contact.frist_name}}")
        #expect(problem.code == "template.unknown_variable")
        #expect(problem.line == 1)
        #expect(problem.column == 6)
        #expect(problem.variable == "contact.frist_name")
        #expect(problem.message == "Unknown variable contact.frist_name at line 1, column 6; did you mean contact.first_name?")
    }

    @Test func unknownVariableFarFromAnyKnownOneHasNoSuggestion() throws {
        let problem = try onlyProblem("Hola {{nombre}}")
        #expect(problem.message == "Unknown variable nombre at line 1, column 6")
    }

    @Test func columnsRestartOnEachLine() throws {
        let problem = try onlyProblem("Hola,\n\n   gracias {{contact.emial}}.")
        #expect(problem.line == 3)
        #expect(problem.column == 12)
        #expect(problem.message.hasSuffix("did you mean contact.email?"))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "👋🏽" and "ñ" are one character each, as a person counts them.
        let problem = try onlyProblem("¡Hola 👋🏽 Ñandú! {{nombre}}")
        #expect(problem.column == 16)
    }

    @Test func crlfAndCREachEndOneLine() throws {
        let problem = try onlyProblem("Hola\r\nque tal\rbien\n{{nombre}}")
        #expect(problem.line == 4)
        #expect(problem.column == 1)
    }

    @Test func variableWithoutScopeSuggestsTheScopedOne() throws {
        let problem = try onlyProblem("{{first_name}}")
        #expect(problem.message.hasSuffix("did you mean contact.first_name?"))
    }

    @Test func variableInWrongCaseSuggestsTheLowercaseOne() throws {
        let problem = try onlyProblem("{{Business.Name}}")
        #expect(problem.message.hasSuffix("did you mean business.name?"))
    }

    @Test func misspeltMetadataSuggestsTheSameKey() throws {
        let problem = try onlyProblem("{{contact.metdata.plan_2}}")
        #expect(problem.message.hasSuffix("did you mean contact.metadata.plan_2?"))
    }

    @Test(arguments: ["contact.metadata", "contact.metadata.", "contact.metadata.plan-x", "contact.metadata.a.b", "contact"])
    func metadataWithoutAPlainKeyIsUnknown(_ name: String) throws {
        let problem = try onlyProblem("{{\(name)}}")
        #expect(problem.code == "template.unknown_variable")
        #expect(problem.variable == name)
    }

    @Test func businessPhoneIsNotInTheCatalogue() throws {
        let problem = try onlyProblem("{{business.phone}}")
        #expect(problem.code == "template.unknown_variable")
    }

    @Test func everyUnknownVariableIsReportedInSourceOrder() {
        let problems = MessageTemplate.validate("{{contact.nombre}} {{contact.first_name}}\n{{{empresa}}} {{& contact.fone}}")
        #expect(problems.map(\.variable) == ["contact.nombre", "empresa", "contact.fone"])
        #expect(problems.map(\.line) == [1, 2, 2])
        #expect(problems.map(\.column) == [1, 1, 15])
        #expect(problems.allSatisfy { $0.code == "template.unknown_variable" })
    }

    @Test func unknownSectionNameIsReportedOnceAtTheOpeningTag() throws {
        let problem = try onlyProblem("x {{#contact.nombre}}Hola{{/contact.nombre}}")
        #expect(problem.code == "template.unknown_variable")
        #expect(problem.column == 3)
    }

    @Test func unknownInvertedSectionNameIsReported() throws {
        let problem = try onlyProblem("{{^vip}}Hola{{/vip}}")
        #expect(problem.code == "template.unknown_variable")
        #expect(problem.variable == "vip")
    }

    @Test func dotOutsideAnySectionIsRejected() throws {
        let problem = try onlyProblem("Hola {{.}}")
        #expect(problem.code == "template.unknown_variable")
        #expect(problem.variable == ".")
        #expect(problem.column == 6)
    }

    @Test func dotInsideInvertedSectionIsRejected() throws {
        // An inverted section pushes no value: the dot would be the whole context.
        let problem = try onlyProblem("{{^contact.first_name}}{{.}}{{/contact.first_name}}")
        #expect(problem.variable == ".")
    }

    @Test func transformsAreUnknownVariables() throws {
        let problem = try onlyProblem("{{uppercased(contact.first_name)}}")
        #expect(problem.code == "template.unknown_variable")
    }

    // MARK: sections

    @Test func unclosedSectionIsReportedAtItsOpeningTag() throws {
        let problem = try onlyProblem("Hola\n  {{#contact.first_name}}{{contact.first_name}}\nSaludos")
        #expect(problem.code == "template.unclosed_section")
        #expect(problem.line == 2)
        #expect(problem.column == 3)
        #expect(problem.variable == "contact.first_name")
        #expect(
            problem.message
                == "Section {{#contact.first_name}} opened at line 2, column 3 is never closed; add {{/contact.first_name}}")
    }

    @Test func unclosedInvertedSectionIsReported() throws {
        let problem = try onlyProblem("{{^today}}sin fecha")
        #expect(problem.code == "template.unclosed_section")
        #expect(problem.message.hasPrefix("Section {{^today}}"))
    }

    @Test func innerSectionLeftOpenIsReportedWhenTheOuterOneCloses() throws {
        let problem = try onlyProblem("{{#contact.email}}{{#contact.phone}}x{{/contact.email}}")
        #expect(problem.code == "template.unclosed_section")
        #expect(problem.variable == "contact.phone")
        #expect(problem.column == 19)
    }

    @Test func mismatchedClosingTagIsReportedOnceAtTheClosingTag() throws {
        let problem = try onlyProblem("{{#contact.first_name}}Hola{{/contact.last_name}} y más")
        #expect(problem.code == "template.mismatched_section")
        #expect(problem.line == 1)
        #expect(problem.column == 28)
        #expect(problem.variable == "contact.last_name")
        #expect(problem.message.contains("{{#contact.first_name}} from line 1, column 1"))
    }

    @Test func closingTagWithoutOpenSectionIsReported() throws {
        let problem = try onlyProblem("Hola\n{{/contact.first_name}}")
        #expect(problem.code == "template.unexpected_closing")
        #expect(problem.line == 2)
        #expect(problem.column == 1)
    }

    @Test func sectionsNestedTooDeepAreReportedOnce() throws {
        let depth = MessageTemplate.maximumDepth + 3
        let source = String(repeating: "{{#today}}", count: depth) + String(repeating: "{{/today}}", count: depth)
        let problem = try onlyProblem(source)
        #expect(problem.code == "template.too_deep")
        #expect(problem.column == 10 * MessageTemplate.maximumDepth + 1)
    }

    @Test func sectionsNestedToTheMaximumDepthAreValid() {
        let depth = MessageTemplate.maximumDepth
        let source = String(repeating: "{{#today}}", count: depth) + String(repeating: "{{/today}}", count: depth)
        #expect(MessageTemplate.validate(source).isEmpty)
    }

    // MARK: tags Nexo does not support

    @Test func partialIsRejected() throws {
        let problem = try onlyProblem("Hola\n\n{{> footer }}")
        #expect(problem.code == "template.partial_not_allowed")
        #expect(problem.line == 3)
        #expect(problem.column == 1)
        #expect(problem.message.hasPrefix("Partial {{> footer}} at line 3, column 1 is not allowed"))
    }

    @Test func pragmaIsRejectedSoATemplateCannotTurnOffEscaping() throws {
        let problem = try onlyProblem("{{% CONTENT_TYPE:TEXT}}{{contact.first_name}}")
        #expect(problem.code == "template.unsupported_tag")
        #expect(problem.column == 1)
    }

    @Test func setDelimiterIsRejected() throws {
        let problem = try onlyProblem("{{=<% %>=}}<% contact.first_name %>")
        #expect(problem.code == "template.unsupported_tag")
    }

    @Test func blockWithItsClosingTagIsOneProblem() throws {
        let problem = try onlyProblem("{{$saludo}}Hola{{/saludo}}")
        #expect(problem.code == "template.unsupported_tag")
    }

    // MARK: syntax

    @Test func tagNeverClosedIsReportedAtItsOpening() throws {
        let problem = try onlyProblem("Hola {{contact.first_name")
        #expect(problem.code == "template.unclosed_tag")
        #expect(problem.column == 6)
    }

    @Test func commentNeverClosedIsReported() throws {
        let problem = try onlyProblem("Hola\n{{! nota interna")
        #expect(problem.code == "template.unclosed_tag")
        #expect(problem.line == 2)
    }

    @Test func spaceInsideVariableNameIsReportedAtTheUnexpectedCharacter() throws {
        let problem = try onlyProblem("Hola {{contact first_name}}")
        #expect(problem.code == "template.syntax")
        #expect(problem.column == 16)
        #expect(
            problem.message
                == "Unexpected \"f\" at line 1, column 16 in the tag opened at line 1, column 6; "
                + "a tag holds one variable name and ends with }}")
    }

    @Test func singleClosingBraceIsReported() throws {
        let problems = MessageTemplate.validate("{{#contact.first_name}}\n{{contact.first_name}\n{{/contact.first_name}}")
        #expect(problems.first?.code == "template.syntax")
        #expect(problems.first?.line == 2)
        #expect(problems.first?.column == 21)
    }

    @Test func tripleMustacheNeedsThreeClosingBraces() throws {
        let problem = try onlyProblem("{{{contact.first_name}} y más")
        #expect(problem.code == "template.syntax")
        #expect(problem.column == 22)
        #expect(problem.message.hasSuffix("must end with }}} at line 1, column 22"))
    }

    @Test func accentedVariableNameIsASyntaxError() throws {
        let problem = try onlyProblem("{{contact.cumpleaños}}")
        #expect(problem.code == "template.syntax")
        #expect(problem.column == 18)
    }

    @Test(arguments: ["{{}}", "{{ }}", "{{#}}x{{/}}", "{{{ }}}", "{{&}}"])
    func emptyTagIsReported(_ source: String) throws {
        let problems = MessageTemplate.validate(source)
        #expect(problems.isEmpty == false)
        #expect(problems.allSatisfy { $0.code == "template.empty_tag" })
        #expect(problems.first?.column == 1)
    }

    @Test func sourceLongerThanTheMaximumIsReportedWhereItGoesOver() throws {
        let source = String(repeating: "a", count: 10) + "\n" + String(repeating: "b", count: MessageTemplate.maximumLength)
        let problem = try onlyProblem(source)
        #expect(problem.code == "template.too_long")
        #expect(problem.line == 2)
        #expect(problem.column == MessageTemplate.maximumLength - 10)
    }

    @Test func sourceOfExactlyTheMaximumLengthIsValid() {
        #expect(MessageTemplate.validate(String(repeating: "é", count: MessageTemplate.maximumLength)).isEmpty)
    }

    @Test func tooManyBracesAreReportedAtTheFirstOneOverTheLimit() throws {
        let source = "<style>\n" + String(repeating: "p{}", count: MessageTemplate.maximumBraces) + "a{}</style>"
        let problem = try onlyProblem(source)
        #expect(problem.code == "template.too_many_braces")
        #expect(problem.line == 2)
        #expect(problem.column == 3 * MessageTemplate.maximumBraces + 2)
    }

    @Test func bracesUpToTheLimitAreValid() {
        let source = String(repeating: "{{today}}", count: MessageTemplate.maximumBraces / 2)
        #expect(MessageTemplate.validate(source).isEmpty)
    }

    @Test func differentKindsOfProblemsAreAllReportedInSourceOrder() {
        let source = """
            Hola {{contact.frist_name}},
            {{> firma}}
            {{#contact.company}}Empresa: {{empresa}}
            """
        let problems = MessageTemplate.validate(source)
        #expect(
            problems.map(\.code) == [
                "template.unknown_variable", "template.partial_not_allowed", "template.unclosed_section",
                "template.unknown_variable",
            ])
        #expect(problems.map(\.line) == [1, 2, 3, 3])
        #expect(problems.map(\.column) == [6, 1, 1, 30])
    }

    @Test func problemsAreCappedAtTheMaximumKeepingTheFirstOnes() {
        let problems = MessageTemplate.validate(String(repeating: "{{nombre}}\n", count: MessageTemplate.maximumProblems + 50))
        #expect(problems.count == MessageTemplate.maximumProblems)
        #expect(problems.last?.line == MessageTemplate.maximumProblems)
    }

    @Test func manyOpeningsBeforeOneClosingAreScannedInLinearTime() {
        // Each "{{ " is its own syntax problem; finding "}}" again for each would be quadratic.
        let source =
            String(repeating: "{{ ", count: MessageTemplate.maximumBraces / 2) + String(repeating: "x", count: 90_000) + "}}"
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(MessageTemplate.validate(source).count == MessageTemplate.maximumProblems) }
        #expect(elapsed < .seconds(10))
    }

    // MARK: compiling

    @Test func initThrowsEveryProblem() {
        do {
            _ = try MessageTemplate(source: "{{nombre}} {{apellido}}")
            Issue.record("expected the template to be rejected")
        } catch {
            #expect(error.problems.map(\.variable) == ["nombre", "apellido"])
        }
    }

    @Test func problemsBecomeFieldErrorsForTheTemplateField() {
        let problems = TemplateProblems(MessageTemplate.validate("{{nombre}}"))
        let errors = problems.fieldErrors(field: "body")
        #expect(errors.map(\.field) == ["body"])
        #expect(errors.map(\.code) == ["template.unknown_variable"])
        #expect(errors.first?.message == problems.problems.first?.message)
    }

    // MARK: swift-mustache's own errors

    @Test func parserErrorKeepsSwiftMustachePosition() throws {
        // The scanner reports this first; the mapping is the safety net for anything it lets through.
        let problem = try #require(MessageTemplate.parserProblem(in: "{{#a}}\n{{.}}\n{{/b}}"))
        #expect(problem.code == "template.syntax")
        #expect(problem.line == 3)
        #expect(problem.column == 4)
        #expect(problem.message == "The closing tag does not match the open section at line 3, column 4")
    }

    @Test func parserErrorOnCRLFSourceCountsColumnsFromTheLineStart() throws {
        let problem = try #require(MessageTemplate.parserProblem(in: "{{#a}}\r\n{{.}}\r\n{{/b}}"))
        #expect(problem.line == 3)
        #expect(problem.column == 4)
    }

    @Test func parserErrorForUnclosedSectionPointsAtTheEnd() throws {
        let problem = try #require(MessageTemplate.parserProblem(in: "{{#a}}\nHola"))
        #expect(problem.message == "A section is never closed at line 2, column 5")
    }

    @Test func parserAcceptsWhatTheScannerAccepts() {
        #expect(MessageTemplate.parserProblem(in: "{{#contact.first_name}}\r\n{{{today}}}\r\n{{/contact.first_name}}") == nil)
    }
}
