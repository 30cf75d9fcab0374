/// A name written in one cell, split into first and last name.
///
/// The rule, for names as they are written in Latin America, Spain and Brazil:
/// - "García López, María José": a comma puts the last name first.
/// - Particles stick to the word after them: "de la Cruz", "da Silva", "dos Santos", "van Gogh".
/// - One part: first name only. Two: first and last ("Juan Pérez").
/// - Three: the first is the first name and the other two are the two surnames ("Juan García López"),
///   unless the second is a common given name, making a compound first name ("María José García",
///   "João Pedro dos Santos").
/// - Four or more: the first two are the first name, the rest the last name.
public struct PersonName: Sendable, Equatable {
    public var firstName: String?
    public var lastName: String?

    public init(firstName: String?, lastName: String?) {
        self.firstName = firstName
        self.lastName = lastName
    }

    /// Splits a full name; both parts nil when the text is blank.
    public init(splitting fullName: String) {
        let commaParts = fullName.split(separator: ",", omittingEmptySubsequences: false)
        if commaParts.count == 2 {
            let last = Self.collapsed(commaParts[0])
            let first = Self.collapsed(commaParts[1])
            if !last.isEmpty && !first.isEmpty {
                self.init(firstName: first, lastName: last)
                return
            }
        }
        let units = Self.units(Self.collapsed(Substring(fullName)).split(separator: " "))
        let firstCount: Int
        switch units.count {
        case 0:
            self.init(firstName: nil, lastName: nil)
            return
        case 1: firstCount = 1
        case 2: firstCount = 1
        case 3: firstCount = Self.givenNames.contains(SearchText.fold(units[1])) ? 2 : 1
        default: firstCount = 2
        }
        let first = units[..<firstCount].joined(separator: " ")
        let last = units[firstCount...].joined(separator: " ")
        self.init(firstName: first, lastName: last.isEmpty ? nil : last)
    }

    private static func collapsed(_ text: Substring) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Words with each run of particles glued to the word that follows it.
    private static func units(_ words: [Substring]) -> [String] {
        var units: [String] = []
        var pending: [Substring] = []
        for (index, word) in words.enumerated() {
            // The first word is a given name even when it looks like a particle ("De", "Van").
            if index > 0 && index < words.count - 1 && particles.contains(SearchText.fold(String(word))) {
                pending.append(word)
                continue
            }
            units.append((pending + [word]).joined(separator: " "))
            pending = []
        }
        return units
    }

    private static let particles: Set<String> = [
        "de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "du", "van", "von", "der", "y", "e",
    ]

    /// Second words that make a compound first name; folded.
    private static let givenNames: Set<String> = [
        "alberto", "alejandro", "alejandra", "andres", "angel", "angeles", "ana", "antonio", "antonia",
        "beatriz", "camila", "carlos", "carmen", "clara", "cristina", "daniel", "daniela", "david", "diego",
        "eduardo", "elena", "emilio", "enrique", "esteban", "eugenia", "fernanda", "fernando", "francisco",
        "gabriel", "gabriela", "guadalupe", "gustavo", "ignacio", "ines", "isabel", "javier", "jesus", "joao",
        "jorge", "jose", "josefina", "juan", "julia", "julian", "laura", "lucia", "luis", "luisa", "manuel",
        "maria", "mariana", "mario", "martin", "miguel", "pablo", "paula", "paulo", "pedro", "rafael", "ramon",
        "ricardo", "roberto", "rosario", "sofia", "teresa", "tomas", "valentina", "victoria",
    ]
}
