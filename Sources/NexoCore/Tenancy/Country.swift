/// A country Nexo knows how to serve: it pre-fills a new tenant's time zone, phone prefix and language.
public struct Country: Sendable, Hashable, Codable {
    public let code: String
    public let nameES: String
    public let nameEN: String
    public let callingCode: String
    public let timeZone: String
    public let locale: String

    public func name(locale: String) -> String { locale == "en" ? nameEN : nameES }

    public static func find(_ code: String) -> Country? {
        let upper = code.uppercased()
        return all.first { $0.code == upper }
    }

    /// Spanish-speaking Latin America first, then the neighbours businesses deal with.
    public static let all: [Country] = [
        Country(
            code: "AR", nameES: "Argentina", nameEN: "Argentina", callingCode: "54", timeZone: "America/Argentina/Buenos_Aires",
            locale: "es"),
        Country(code: "BO", nameES: "Bolivia", nameEN: "Bolivia", callingCode: "591", timeZone: "America/La_Paz", locale: "es"),
        Country(code: "BR", nameES: "Brasil", nameEN: "Brazil", callingCode: "55", timeZone: "America/Sao_Paulo", locale: "es"),
        Country(code: "CL", nameES: "Chile", nameEN: "Chile", callingCode: "56", timeZone: "America/Santiago", locale: "es"),
        Country(code: "CO", nameES: "Colombia", nameEN: "Colombia", callingCode: "57", timeZone: "America/Bogota", locale: "es"),
        Country(
            code: "CR", nameES: "Costa Rica", nameEN: "Costa Rica", callingCode: "506", timeZone: "America/Costa_Rica",
            locale: "es"),
        Country(
            code: "DO", nameES: "República Dominicana", nameEN: "Dominican Republic", callingCode: "1",
            timeZone: "America/Santo_Domingo", locale: "es"),
        Country(
            code: "EC", nameES: "Ecuador", nameEN: "Ecuador", callingCode: "593", timeZone: "America/Guayaquil", locale: "es"),
        Country(code: "ES", nameES: "España", nameEN: "Spain", callingCode: "34", timeZone: "Europe/Madrid", locale: "es"),
        Country(
            code: "GT", nameES: "Guatemala", nameEN: "Guatemala", callingCode: "502", timeZone: "America/Guatemala", locale: "es"),
        Country(code: "MX", nameES: "México", nameEN: "Mexico", callingCode: "52", timeZone: "America/Mexico_City", locale: "es"),
        Country(code: "PA", nameES: "Panamá", nameEN: "Panama", callingCode: "507", timeZone: "America/Panama", locale: "es"),
        Country(code: "PE", nameES: "Perú", nameEN: "Peru", callingCode: "51", timeZone: "America/Lima", locale: "es"),
        Country(
            code: "PY", nameES: "Paraguay", nameEN: "Paraguay", callingCode: "595", timeZone: "America/Asuncion", locale: "es"),
        Country(
            code: "US", nameES: "Estados Unidos", nameEN: "United States", callingCode: "1", timeZone: "America/New_York",
            locale: "en"),
        Country(
            code: "UY", nameES: "Uruguay", nameEN: "Uruguay", callingCode: "598", timeZone: "America/Montevideo", locale: "es"),
        Country(
            code: "VE", nameES: "Venezuela", nameEN: "Venezuela", callingCode: "58", timeZone: "America/Caracas", locale: "es"),
    ]
}
