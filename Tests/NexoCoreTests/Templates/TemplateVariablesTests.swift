import Testing

@testable import NexoCore

@Suite struct TemplateVariablesTests {
    @Test func catalogueListsTheFixedVariablesInEditorOrder() {
        #expect(
            TemplateVariables.fixed.map(\.name) == [
                "contact.first_name", "contact.last_name", "contact.full_name", "contact.email", "contact.phone",
                "contact.company", "contact.birthday", "contact.status", "contact.source", "business.name", "business.email",
                "business.country", "unsubscribe_url", "today",
            ])
    }

    @Test func everyEntryHasADescriptionKeyNamedAfterIt() {
        for variable in TemplateVariables.all {
            #expect(variable.descriptionKey == "templates.variables." + variable.name)
        }
        #expect(TemplateVariables.all.last?.name == "contact.metadata.key")
    }

    @Test(arguments: ["contact.metadata.plan", "contact.metadata.X_1", "contact.metadata.9"])
    func metadataKeysOfLettersDigitsAndUnderscoreAreKnown(_ name: String) {
        #expect(TemplateVariables.isKnown(name))
    }

    @Test(arguments: [
        "contact.metadata.", "contact.metadata.a-b", "contact.metadata.a.b", "contact.metadata.año", "contact.metadata. a",
    ])
    func otherMetadataKeysAreUnknown(_ name: String) {
        #expect(TemplateVariables.isKnown(name) == false)
    }

    @Test func metadataKeyIsExtractedFromTheName() {
        #expect(TemplateVariables.metadataKey(of: "contact.metadata.plan") == "plan")
        #expect(TemplateVariables.metadataKey(of: "contact.first_name") == nil)
    }

    @Test func swappedNeighboursAreOneEdit() {
        #expect(TemplateVariables.editDistance("frist", "first") == 1)
        #expect(TemplateVariables.editDistance("", "abc") == 3)
        #expect(TemplateVariables.editDistance("kitten", "sitting") == 3)
    }

    @Test(
        arguments: [
            ("contact.frist_name", "contact.first_name"), ("contact.emial", "contact.email"), ("todya", "today"),
            ("unsubscribe_link", nil), ("company", "contact.company"), ("TODAY", "today"), ("bussiness.name", "business.name"),
            ("hola", nil), ("contact.metadata.plan", "contact.metadata.plan"), ("contact.meta.plan", nil),
            ("Contact.Metadata.Plan", "contact.metadata.Plan"),
        ] as [(String, String?)])
    func suggestionIsTheClosestKnownVariableWhenClose(_ name: String, _ expected: String?) {
        #expect(TemplateVariables.suggestion(for: name) == expected)
    }
}
