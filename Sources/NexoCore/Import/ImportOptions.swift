/// What a tenant's settings bring to reading its files.
public struct ImportOptions: Sendable, Equatable {
    /// ISO 3166 alpha-2 ("AR") for phone numbers written without an international prefix.
    public var defaultCountry: String
    public var dateOrder: DateOrder
    /// For two-digit years and future-date checks; the current UTC year unless a test fixes it.
    public var currentYear: Int

    public init(defaultCountry: String, dateOrder: DateOrder = .dayFirst, currentYear: Int = ImportDate.currentYear()) {
        self.defaultCountry = defaultCountry
        self.dateOrder = dateOrder
        self.currentYear = currentYear
    }
}
