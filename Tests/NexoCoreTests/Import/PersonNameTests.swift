import Testing

@testable import NexoCore

@Suite struct PersonNameTests {
    @Test(
        arguments: [
            ("Juan", "Juan", nil),
            ("Juan Pérez", "Juan", "Pérez"),
            ("Juan García López", "Juan", "García López"),
            ("María José García", "María José", "García"),
            ("María José García López", "María José", "García López"),
            ("Luiz Inácio Lula da Silva", "Luiz Inácio", "Lula da Silva"),
            ("João Pedro dos Santos", "João Pedro", "dos Santos"),
            ("Juan de la Cruz", "Juan", "de la Cruz"),
            ("Ana Lucía de la Fuente", "Ana Lucía", "de la Fuente"),
            ("Maria da Silva", "Maria", "da Silva"),
            ("García López, María José", "María José", "García López"),
            ("  juan    pérez  ", "juan", "pérez"),
        ] as [(String, String?, String?)])
    func splitsFullNames(full: String, first: String?, last: String?) {
        // Given a full name / When split / Then the parts follow the documented rule
        let name = PersonName(splitting: full)
        #expect(name.firstName == first)
        #expect(name.lastName == last)
    }

    @Test func aBlankNameHasNoParts() {
        // Given only spaces / When split / Then there is no first or last name
        #expect(PersonName(splitting: "   ") == PersonName(firstName: nil, lastName: nil))
    }

    @Test func aCommaWithNothingOnOneSideIsNotTheLastNameFirstForm() {
        // Given a trailing comma
        // When split / Then it is read as words
        #expect(PersonName(splitting: "Juan Pérez,") == PersonName(firstName: "Juan", lastName: "Pérez,"))
    }
}
