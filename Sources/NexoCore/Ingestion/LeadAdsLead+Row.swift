/// A Lead Ads lead as a contact, through the CSV import's row rules (see `SyntheticRecord`).
extension LeadAdsLead {
    /// Metadata keys for the lead's ids, so a contact can be traced back to its form and ad.
    public static let leadIDKey = "leadgen_id"
    public static let formIDKey = "lead_ads_form_id"
    public static let adIDKey = "lead_ads_ad_id"
    public static let campaignIDKey = "lead_ads_campaign_id"

    /// The contact this lead describes, or every problem that keeps it from being one.
    ///
    /// Meta's standard questions go to their fields (`full_name`, `first_name`, `last_name`, `email`,
    /// `phone_number`, `company_name`, `date_of_birth`; `work_email` and `work_phone_number` when the
    /// personal one is missing). Everything else, address parts and the form author's own questions
    /// included, goes to metadata under the question's name in snake case ("¿Cuándo quieres visitarnos?" →
    /// `cuando_quieres_visitarnos`); several values are joined with ", ". The lead, form, ad and campaign
    /// ids are kept in metadata too. Problems name the question as their column.
    ///
    /// Meta writes `date_of_birth` month first (MM/DD/YYYY) whatever the tenant's date order.
    public func row(options: ImportOptions) throws(RowRejection) -> ContactImportRow {
        var leadOptions = options
        leadOptions.dateOrder = .monthFirst
        let ids = [
            (Self.leadIDKey, id), (Self.formIDKey, formID), (Self.adIDKey, adID), (Self.campaignIDKey, campaignID),
        ].compactMap { key, value in value.map { (key: key, value: $0) } }

        let answered = Set(fieldData.filter { $0.values.contains { !$0.trimmedWhitespace.isEmpty } }.map(\.name))
        var keys = MetadataKeys(reserving: ids.map(\.key))
        var columns: [SyntheticRecord.Column] = []
        for (index, answer) in fieldData.enumerated() {
            let field =
                Self.field(forQuestion: answer.name, answered: answered)
                ?? .metadata(keys.claim(answer.name, fallback: "question_\(index + 1)"))
            let text = answer.values.map(\.trimmedWhitespace).filter { !$0.isEmpty }.joined(separator: ", ")
            columns.append(SyntheticRecord.Column(header: answer.name, text: text, field: field))
        }
        columns += ids.map { SyntheticRecord.Column(header: $0.key, text: $0.value, field: .metadata($0.key)) }
        return try SyntheticRecord(columns: columns).row(options: leadOptions)
    }

    /// The contact field of one of Meta's standard questions; nil for the rest (metadata).
    private static func field(forQuestion name: String, answered: Set<String>) -> ContactField? {
        switch name {
        case "full_name": .fullName
        case "first_name": .firstName
        case "last_name": .lastName
        case "email": .email
        case "work_email" where !answered.contains("email"): .email
        case "phone_number", "phone": .phone
        case "work_phone_number" where !answered.contains("phone_number") && !answered.contains("phone"): .phone
        case "company_name": .company
        case "date_of_birth": .birthday
        default: nil
        }
    }
}
