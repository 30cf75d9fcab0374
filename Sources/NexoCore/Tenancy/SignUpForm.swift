/// The sign-up form (and `nexo tenants create`): a business and its owner, checked field by field.
public struct SignUpForm: Sendable, Equatable {
    public var businessName: String
    public var country: String
    public var ownerName: String
    public var email: String
    /// nil when the owner will set it through an invitation link (CLI without --owner-password).
    public var password: String?
    public var locale: String?

    public init(businessName: String, country: String, ownerName: String, email: String, password: String?, locale: String? = nil)
    {
        self.businessName = businessName
        self.country = country
        self.ownerName = ownerName
        self.email = email
        self.password = password
        self.locale = locale
    }

    public static let minPasswordLength = 8
    public static let maxPasswordLength = 128

    public struct Valid: Sendable, Equatable {
        public let businessName: String
        public let country: Country
        public let ownerName: String
        public let email: String
        public let password: String?
        public let locale: String
    }

    public func validate() throws(ValidationFailure) -> Valid {
        var errors: [FieldError] = []
        let name = businessName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if name.isEmpty || name.count > 100 {
            errors.append(
                FieldError(
                    field: "business_name", code: "business_name.invalid", message: "Business name needs 1 to 100 characters."))
        }
        let country = Country.find(self.country.trimmingCharacters(in: .whitespaces))
        if country == nil {
            errors.append(
                FieldError(field: "country", code: "country.unknown", message: "Choose one of the supported countries."))
        }
        let owner = ownerName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if owner.isEmpty || owner.count > 100 {
            errors.append(
                FieldError(field: "owner_name", code: "owner_name.invalid", message: "Your name needs 1 to 100 characters."))
        }
        let email = EmailAddress.normalize(self.email)
        if email == nil {
            errors.append(FieldError(field: "email", code: "email.invalid", message: "Not a valid e-mail address."))
        }
        if let password, let problem = Self.passwordProblem(password) { errors.append(problem) }
        if let locale, !Translations.supportedLocales.contains(locale) {
            errors.append(FieldError(field: "locale", code: "locale.unsupported", message: "Language must be es or en."))
        }
        guard errors.isEmpty, let country, let email else { throw ValidationFailure(errors) }
        return Valid(
            businessName: name, country: country, ownerName: owner, email: email, password: password,
            locale: locale ?? country.locale)
    }

    public static func passwordProblem(_ password: String, field: String = "password") -> FieldError? {
        if password.count < minPasswordLength || password.count > maxPasswordLength {
            return FieldError(
                field: field, code: "password.length",
                message: "The password needs \(minPasswordLength) to \(maxPasswordLength) characters.")
        }
        return nil
    }
}
